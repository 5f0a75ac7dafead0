"""Setup as the README says: `.ci/run` holds its two commands verbatim; imports are declared."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def quick_start_commands(readme: str) -> list[str]:
    """The shell blocks of the README's "Quick start" section, in order."""
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def ci_commands(script: str) -> dict[str, str]:
    """The commands `.ci/run` marks as the README's (``# readme: NAME`` ... ``# end``)."""
    return {
        name: body.strip()
        for name, body in re.findall(r"^# readme: (.+?)\n(.*?)^# end$", script, re.S | re.M)
    }


def test_ci_runs_the_readme_commands_as_written() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = quick_start_commands(text)
    ci = ci_commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert len(readme) == 2, "the Quick start has two commands: install + analyze, and the tests"
    assert set(ci) == {"quick start", "tests", "checks"}
    assert ci["quick start"] == readme[0] and ci["tests"] == readme[1]
    # The lint, format and type checks: one of the README's own blocks, word for word.
    blocks = [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.S)]
    assert ci["checks"] in blocks
    assert "ruff format --check" in ci["checks"] and "mypy" in ci["checks"]


def test_ci_does_not_upgrade_pip() -> None:
    # A newer pip than Python ships hides install problems a new user meets (issue 13).
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "install --upgrade pip" not in script and "-U pip" not in script


def test_quick_start_parser_sees_changes() -> None:
    readme = (
        "## Quick start\n\n```sh\na && b\n```\n\ntext\n\n```sh\nc\n```\n\n## Next\n```sh\nd\n```"
    )
    assert quick_start_commands(readme) == ["a && b", "c"]
    assert ci_commands("x\n# readme: one\nfoo\n# end\n") == {"one": "foo"}


def test_html_cleaner_is_a_declared_dependency() -> None:
    # justext (under trafilatura) imports lxml.html.clean, which lxml >= 5.2 moved into the
    # lxml_html_clean package; without it every HTML input fails on a fresh install.
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {
        re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("-", "_")
        for d in project["dependencies"]
    }
    assert "lxml_html_clean" in names
    import lxml.html.clean  # noqa: F401
