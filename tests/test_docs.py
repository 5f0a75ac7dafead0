"""The docs must stay true to the code: every stage and every command is documented."""

from __future__ import annotations

from pressespiegel.cli import build_parser
from pressespiegel.pipeline import DEFAULT_STAGES
from pressespiegel.registry import registered
from tests.conftest import ROOT


def test_stage_table_matches_the_registry() -> None:
    doc = (ROOT / "docs" / "stages.md").read_text(encoding="utf-8")
    stages = registered()
    for name in DEFAULT_STAGES:
        info = stages[name]
        row = (
            f"| `{name}` | `{info.func.__module__.removeprefix('pressespiegel.')}` | "
            f"{', '.join(info.requires)} | {', '.join(info.assigns)} |"
        )
        assert row in doc, f"docs/stages.md is out of date for stage {name!r}: expected {row}"


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for command in sub.choices:  # type: ignore[union-attr]
        assert f"pressespiegel {command}" in readme, f"README does not document {command!r}"
