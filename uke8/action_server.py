"""The action server: rasa-sdk's own app, started here rather than by `python -m rasa_sdk`, for two
reasons rasa-sdk 3.21 has no option for:

- it listens on UKE8_ACTION_HOST (default UKE8_BIND_HOST, 127.0.0.1); rasa-sdk's `run()` binds
  to $SANIC_HOST or else the wildcard address, every interface of the machine;
- every request but GET /health must carry the service token in the header
  X-Uke8-Service-Token (Rasa sends it: `action_endpoint.headers` in bot/endpoints*.yml).
  Without it anyone who reaches the port could record answers or opt-outs, or delete free
  text, for any conversation id.

    python -m uke8.action_server --actions actions --port 5055 [--host 127.0.0.1]
"""
from __future__ import annotations

import argparse
import logging
import sys
from functools import partial

from uke8.service_auth import HEADER, matches

log = logging.getLogger("uke8.action_server")
OPEN_PATHS = frozenset({"/health"})  # says only "ok": what the stack's readiness check needs


def create_guarded_app(action_executor, token: str):
    """rasa-sdk's app (module level, so Sanic's worker loader can pickle the factory) plus the
    token check, which runs before any route."""
    from rasa_sdk.endpoint import create_app_for_serve
    from sanic import response

    # No CORS: a browser never calls the action server.
    app = create_app_for_serve(action_executor, cors_origins=None)

    async def require_service_token(request):
        if request.path in OPEN_PATHS:
            return None
        if not matches(token, request.headers.get(HEADER)):
            return response.json({"error": "the service token is missing or wrong"}, status=401)
        return None

    app.register_middleware(require_service_token, "request")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m uke8.action_server", description=__doc__.split("\n")[0])
    parser.add_argument("--actions", default="actions", help="the package of the actions")
    parser.add_argument("--port", type=int, default=None, help="default $UKE8_ACTION_PORT or 5055")
    parser.add_argument("--host", default=None, help="default $UKE8_ACTION_HOST, $UKE8_BIND_HOST or 127.0.0.1")
    args = parser.parse_args(argv)

    from uke8.settings import get_settings
    from uke8.startup import check_or_exit

    settings = get_settings()
    check_or_exit(settings)
    from uke8.service_auth import service_token

    token = service_token(settings)
    host = args.host or settings.host_of("action")
    port = args.port or settings.action_port

    from rasa_sdk import utils
    from rasa_sdk.executor import ActionExecutor
    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    utils.configure_colored_logging("INFO")
    utils.update_sanic_log_level()
    executor = ActionExecutor()
    executor.register_package(args.actions)
    loader = AppLoader(factory=partial(create_guarded_app, executor, token))
    app = loader.load()
    log.info("action server on http://%s:%s (service token required)", host, port)
    app.prepare(host=host, port=port, workers=utils.number_of_sanic_workers())
    Sanic.serve(primary=app, app_loader=loader)
    return 0


if __name__ == "__main__":
    sys.exit(main())
