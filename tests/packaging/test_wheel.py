"""The wheel holds the whole product: built from a copy of the checkout, installed into a venv of
its own, it migrates a store, seeds it and serves the review and chat pages (with their CSS)
from a directory outside the checkout, so nothing can come from the source tree.

Offline: the wheel is built with .venv's setuptools (no build isolation), and the venv borrows
.venv's installed dependencies through a .pth line (the project itself is installed from the
wheel only: .pth files in a borrowed directory are not run, so .venv's editable hook stays out).

Marked `processes` (it starts a server) and `pure` (it uses no store of the suite's: its own
SQLite file), so `make test` runs it once, in the first pass.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from uke8.dev.stack import PROJECT_ROOT, free_port

pytestmark = [pytest.mark.processes, pytest.mark.pure, pytest.mark.timeout(300)]

APP_PYTHON = PROJECT_ROOT / ".venv" / "bin" / "python"
# Left out of the build's copy: environments, outputs, caches (tests/ and bench/ are copied, so
# that the wheel is seen to leave them out); of web/, setup.py reads node_modules' assets only.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", ".venv-bot", "models", "var", "build", "dist", "web",
                                    "__pycache__", "*.egg-info", ".hypothesis", ".pytest_cache", "node_modules")
ASSETS = ("@navikt/ds-css", "@fontsource/source-sans-3")
# Files the product reads at run time, as the wheel must name them.
RUN_TIME_FILES = (
    "api/pages/templates/login.html", "api/pages/templates/base.html", "api/pages/static/app.css",
    "api/chat/templates/chat.html", "api/chat/static/chat.js", "api/chat/static/chat.css",
    "uke8/store/migrations/env.py", "uke8/store/migrations/versions/0001_initial_schema.py",
    "uke8/understanding/calibration.json",
    "api/pages/vendor/aksel/components.min.css", "api/pages/vendor/aksel/global/tokens.min.css",
    "api/pages/vendor/fonts/latin-400.css", "api/pages/vendor/fonts/files/source-sans-3-latin-400-normal.woff2",
)


def _python() -> str:
    return str(APP_PYTHON if APP_PYTHON.exists() else Path(sys.executable))


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, argv))} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [name for name in ASSETS if not (PROJECT_ROOT / "web" / "node_modules" / name).is_dir()]
    if missing:
        pytest.fail(f"web/node_modules lacks {', '.join(missing)}: run `make web` (the wheel carries them)")
    tmp = tmp_path_factory.mktemp("wheel")
    # A copy: setuptools builds in the source directory (build/, *.egg-info), and a stale build/lib
    # in the checkout would slip old modules into the wheel.
    source = tmp / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=NOT_COPIED, symlinks=True)
    for name in ASSETS:
        shutil.copytree(PROJECT_ROOT / "web" / "node_modules" / name, source / "web" / "node_modules" / name)
    out = tmp / "dist"
    _run([_python(), "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out), str(source)],
         env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    (built,) = out.glob("uke8-*.whl")
    return built


def test_the_wheel_holds_what_the_product_reads_and_no_tests_or_tools_of_the_checkout(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [f for f in RUN_TIME_FILES if f not in names] == []
    tops = {name.split("/", 1)[0] for name in names}
    assert {"uke8", "api", "actions"} <= tops
    assert tops - {"uke8", "api", "actions"} == {f"uke8-{wheel.name.split('-')[1]}.dist-info"}, "only the product's packages"
    # every migration of the checkout, and nothing left behind by a build or a run
    versions = {p.name for p in (PROJECT_ROOT / "uke8" / "store" / "migrations" / "versions").glob("*.py")}
    assert versions <= {Path(n).name for n in names if n.startswith("uke8/store/migrations/versions/")}
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the wheel installed and .venv's dependencies on its path; its bin/ directory."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    _run([_python(), "-m", "venv", "--without-pip", str(venv)])
    borrowed = sysconfig.get_paths(vars={"base": str(PROJECT_ROOT / ".venv"), "platbase": str(PROJECT_ROOT / ".venv")})["purelib"]
    site = _run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    Path(site, "uke8-test-borrowed-deps.pth").write_text(borrowed + "\n")
    _run([_python(), "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps", "--no-index", "-q", str(wheel)],
         env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return venv / "bin"


def _env(data: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKE8_") and k not in ("PYTHONPATH", "PYTHONHOME")}
    # no UKE8_DATABASE_URL: the default store, SQLite in the data directory, as a first install has it
    env.update(UKE8_DATA_DIR=str(data), UKE8_API_PORT=str(port), UKE8_DEV_LOGIN="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def test_the_installed_wheel_migrates_and_serves_the_pages_outside_the_checkout(installed: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    port = free_port()
    env = _env(tmp_path / "data", port)
    where = _run([str(installed / "python"), "-c", "import uke8, api; print(uke8.__file__); print(api.__file__)"],
                 cwd=outside, env=env).stdout.split()
    assert all(Path(p).is_relative_to(installed.parent) for p in where), where

    assert "newest schema" in _run([str(installed / "uke8"), "migrate"], cwd=outside, env=env).stdout
    chat_link = re.search(r"chat page: (\S+)", _run([str(installed / "uke8"), "seed-demo"], cwd=outside, env=env).stdout)
    assert chat_link, "seed-demo printed no chat link"

    log = tmp_path / "api.log"
    with open(log, "w") as out:
        api = subprocess.Popen([str(installed / "python"), "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=outside, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=10, trust_env=False) as client:
            deadline = time.monotonic() + 60
            while True:
                assert api.poll() is None, f"the API exited {api.returncode}:\n{log.read_text()[-3000:]}"
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"the API did not answer within 60 s:\n{log.read_text()[-3000:]}"
                time.sleep(0.2)

            login = client.get("/logg-inn")
            assert login.status_code == 200 and login.headers["content-type"].startswith("text/html")
            assert "<html" in login.text and "Logg inn som Z900219" in login.text  # the template, and the store

            chat = client.get(chat_link.group(1).replace(f"http://127.0.0.1:{port}", ""))
            assert chat.status_code == 200 and 'id="chat"' in chat.text and "/static/chat/chat.js" in chat.text

            # the stylesheets and scripts those pages link to, each from the installed package
            linked = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', login.text + chat.text))
            assert {"/static/aksel/components.min.css", "/static/fonts/latin-400.css", "/static/app/app.css",
                    "/static/chat/chat.js"} <= linked
            for path in sorted(linked):
                got = client.get(path)
                assert got.status_code == 200 and got.content, path
            assert client.get("/static/fonts/files/source-sans-3-latin-400-normal.woff2").status_code == 200
    finally:
        api.terminate()
        try:
            api.wait(timeout=10)
        except subprocess.TimeoutExpired:
            api.kill()
            api.wait()
