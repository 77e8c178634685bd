"""`uke8 run` (behind `make run`): the whole stack for a demo on one machine, seeded, with the
development sign-in turned on (loopback only) and every URL and token printed."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from uke8.dev.stack import Stack, StackError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api-port", type=int, help="default $UKE8_API_PORT or 8000")
    parser.add_argument("--action-port", type=int, help="default $UKE8_ACTION_PORT or 5055")
    parser.add_argument("--rasa-port", type=int, help="default $UKE8_RASA_PORT or 5005")
    parser.add_argument("--no-rasa", action="store_true", help="start the API only")
    parser.add_argument("--no-migrate", action="store_true", help="do not run `uke8 migrate` first")
    parser.add_argument("--no-seed", action="store_true", help="do not run `uke8 seed-demo`")
    parser.add_argument("--no-scheduler", action="store_true", help="do not run the lifecycle loop (`uke8 scheduler`)")
    parser.add_argument("--sms-port", type=int, help="the SMS gateway simulator's port (default $UKE8_SMS_SIMULATOR_PORT or 8025)")
    parser.add_argument("--no-sms", action="store_true", help="do not run the SMS gateway simulator and the delivery worker (`uke8 deliver`)")
    parser.add_argument("--minside-port", type=int, help="the local Min side's port (default $UKE8_MINSIDE_PORT or 8026)")
    parser.add_argument("--no-minside", action="store_true", help="do not run the local Min side (`uke8 minside`)")
    parser.add_argument("--timeout", type=float, help="seconds to wait for readiness (default $UKE8_STACK_TIMEOUT or 240)")


def _uke8_command() -> list[str]:
    script = Path(sys.executable).parent / "uke8"
    return [str(script)] if script.exists() else [sys.executable, "-m", "uke8.cli"]


def demo_sign_in_env(environ: dict[str, str]) -> tuple[dict[str, str], str]:
    """`uke8 run` is the demo: it turns the development sign-in on (loopback only), unless the
    caller set UKE8_DEV_LOGIN or runs in production (where the API would refuse to start)."""
    production = (environ.get("UKE8_ENV") or "").strip().lower() in ("production", "prod")
    if "UKE8_DEV_LOGIN" in environ:
        on = environ["UKE8_DEV_LOGIN"].strip().lower() in ("1", "true", "yes", "on")
        return {}, "ON (UKE8_DEV_LOGIN set; from this machine only)" if on else "off (UKE8_DEV_LOGIN set)"
    if production:
        return {}, "off (UKE8_ENV=production)"
    return {"UKE8_DEV_LOGIN": "1"}, "ON for the demo: no password, from this machine only (UKE8_DEV_LOGIN=1)"


def run_main(args: argparse.Namespace) -> int:
    sign_in_env, sign_in = demo_sign_in_env(dict(os.environ))
    stack = Stack(
        env=sign_in_env,
        api_port=args.api_port,
        action_port=args.action_port,
        rasa_port=args.rasa_port,
        with_rasa=False if args.no_rasa else None,
        timeout=args.timeout,
        migrate=not args.no_migrate,
        with_scheduler=not args.no_scheduler,
        with_sms=not args.no_sms,
        sms_port=args.sms_port,
        with_minside=not args.no_minside,
        minside_port=args.minside_port,
    )
    print(f"stack: starting ({'API, action server and Rasa' if stack.rasa_enabled else 'API only'}); logs in {stack.log_dir}", flush=True)
    if not stack.rasa_enabled and not args.no_rasa:
        print(f"stack: Rasa and the action server are not started: {stack.rasa_missing}", flush=True)
    for note in stack.notes:
        print(f"stack: {note}", flush=True)
    print(f"stack: development sign-in on the review pages {sign_in}", flush=True)
    started = time.monotonic()
    try:
        stack.start()
        print(f"stack: ready in {time.monotonic() - started:.1f} s", flush=True)
        if not args.no_seed:
            rc = subprocess.call([*_uke8_command(), "seed-demo"], cwd=stack.root, env=stack.env, stdin=subprocess.DEVNULL)
            if rc != 0:
                print(f"stack: `uke8 seed-demo` failed (exit {rc}); the stack runs without demo data", file=sys.stderr)
        lines = [
            f"  API            {stack.api_url}",
            f"  API docs       {stack.api_url}/docs",
            f"  review pages   {stack.api_url}/logg-inn (development sign-in {sign_in})",
        ]
        if stack.with_scheduler:
            lines.append(f"  scheduler      every {stack.env.get('UKE8_SCHEDULER_INTERVAL') or 60} s (log: scheduler.log)")
        if stack.with_sms:
            lines += [
                f"  SMS simulator  {stack.sms_url}/ (chat as a phone; log: sms-simulator.log)",
                f"  SMS delivery   through {stack.env['UKE8_SMS_GATEWAY_URL']} (log: deliver.log)",
            ]
        lines.append(f"  Min side tasks published to {stack.env['UKE8_MINSIDE_QUEUE'] if stack.env.get('UKE8_MINSIDE_QUEUE') else 'uke8.minside.oppgave'} (log: notify.log)"
                     if stack.env.get("UKE8_BROKER_URL") else
                     "  Min side tasks no broker (UKE8_BROKER_URL unset): chat invitations wait in the outbox")
        if stack.with_minside:
            lines.append(f"  Min side       {stack.minside_url}/ (local test version: sign in with a demo case's synthetic "
                         f"fnr; tasks from {'the broker' if stack.env.get('UKE8_BROKER_URL') else 'the outbox, read only'}; "
                         "log: minside.log)")
        if stack.rasa_enabled:
            lines += [
                f"  Rasa REST      POST {stack.webhook_url} ({stack.rasa_workers} worker{'s' if stack.rasa_workers > 1 else ''}, tracker store: {stack.tracker_store})",
                f"  action server  {stack.action_url}",
                f"  service token  {stack.service_token} (Rasa and the action server want it: header "
                f"X-Uke8-Service-Token, or ?token= on Rasa's API)",
            ]
        print("\nuke8 is running:\n" + "\n".join(lines) + f"\n  logs           {stack.log_dir}\nCtrl-C stops it all.", flush=True)
        while True:
            stack.check_alive()
            time.sleep(1)
    except KeyboardInterrupt:
        stack.stop()
        print("\nstack: stopped", flush=True)
        return 0
    except StackError as e:
        print(f"stack: {e}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
