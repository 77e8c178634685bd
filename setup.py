"""The build's one step beyond pyproject.toml: the review pages' npm assets go into the wheel.

Aksel's CSS (@navikt/ds-css) and the Source Sans 3 typeface (@fontsource/source-sans-3) come
from npm into web/node_modules (`make web`), outside every Python package; the API serves them
at /static/aksel and /static/fonts. A wheel carries a copy under api/pages/vendor/ (made in the
build directory only, never in the source tree), so an installed product is styled without a
checkout. An editable install (`make venv`) copies nothing: api/pages then serves the
checkout's web/node_modules directly.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "web" / "node_modules"
# (directory under web/node_modules, directory under api/pages/vendor, the files the pages need)
VENDORED = (
    ("@navikt/ds-css/dist", "aksel", ("**/*.css",)),
    # every subset's CSS is small; of the fonts only the Latin ones (the pages are Norwegian)
    ("@fontsource/source-sans-3", "fonts", ("*.css", "files/source-sans-3-latin-*", "LICENSE")),
)


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        missing = [src for src, _, _ in VENDORED if not (NODE_MODULES / src).is_dir()]
        if missing:
            # a wheel without them would serve unstyled pages with no error anywhere
            raise SystemExit(f"web/node_modules lacks {', '.join(missing)}: run `make web` before building the wheel")
        vendor = Path(self.build_lib) / "api" / "pages" / "vendor"
        shutil.rmtree(vendor, ignore_errors=True)  # a file gone from npm must not linger from an earlier build
        for src, dest, patterns in VENDORED:
            for pattern in patterns:
                for path in sorted((NODE_MODULES / src).glob(pattern)):
                    if path.is_file():
                        target = vendor / dest / path.relative_to(NODE_MODULES / src)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(path, target)


setup(cmdclass={"build_py": BuildWithAssets})
