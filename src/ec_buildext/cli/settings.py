"""``ec-buildext settings``: a project's effective settings and where each came from."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", nargs="?", default=".", help="project folder (default: .)")
    parser.add_argument("--docs", action="store_true", help="print the settings table as Markdown")


def run(args: argparse.Namespace) -> int:
    from ..settings import SETTINGS, load_settings, settings_docs

    if args.docs:
        print(settings_docs(), end="")
        return 0
    settings = load_settings(Path(args.project))
    width = max(len(s.name) for s in SETTINGS)
    for spec in SETTINGS:
        value = settings[spec.name] or "(empty)"
        print(f"{spec.name:<{width}}  {value:<24}  from {settings.sources[spec.name]}")
    return 0


COMMAND = Command(
    name="settings",
    help="show the effective settings and where each came from",
    description="Show the effective settings of a project: pyproject.toml "
    "[tool.ec-buildext], then EC_BUILDEXT_* environment variables.",
    add_arguments=add_arguments,
    run=run,
)
