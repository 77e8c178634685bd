"""Bring a case store to the newest schema: `uke8 migrate`, and the test fixtures."""
from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config

from uke8.store.db import normalise_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="database URL (default: UKE8_DATABASE_URL or the SQLite file in UKE8_DATA_DIR)")
    parser.add_argument("--revision", default="head")


def main(args: argparse.Namespace) -> int:
    from uke8.settings import get_settings

    url = args.url or get_settings().resolved_database_url()
    upgrade(url, args.revision)
    print(f"case store at {revision_label(args.revision)}: {_masked(url)}")
    return 0


def revision_label(revision: str) -> str:
    return "newest schema" if revision == "head" else revision


def _masked(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(normalise_url(url)).render_as_string(hide_password=True)
