"""The index page of a dossier folder: one line per story, linking to its dossier files."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..model import Dossier


def render_index(stories: Sequence[tuple[Dossier, dict[str, str]]], fmt: str) -> str:
    """``stories``: (dossier, {format: file name}); ``fmt`` is ``html`` or ``md``."""
    if fmt == "md":
        lines = ["# Stories", "", "| story | articles | first seen | last seen | facts |",
                 "|---|---|---|---|---|"]
        for d, files in stories:
            title = d.title.replace("|", "\\|").replace("\n", " ")
            link = f"[{title}]({files['md']})" if "md" in files else title
            lines.append(f"| {link} | {len(d.articles)} | {d.first_seen or '–'} | "
                         f"{d.last_seen or '–'} | {len(d.facts)} |")
        return "\n".join(lines) + "\n"
    rows = []
    for d, files in stories:
        title = html.escape(d.title or d.id)
        target = files.get("html")
        cell = f'<a href="{html.escape(target)}">{title}</a>' if target else title
        rows.append(f"<tr><td>{cell}</td><td>{len(d.articles)}</td>"
                    f"<td>{html.escape(d.first_seen or '–')}</td>"
                    f"<td>{html.escape(d.last_seen or '–')}</td><td>{len(d.facts)}</td>"
                    f"<td>{len(d.contradictions)}</td></tr>")
    return (
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\"><title>Stories</title><style>"
        "body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}"
        "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
        "padding:.4rem;text-align:left}</style></head><body><h1>Stories</h1><table><tr>"
        "<th>story</th><th>articles</th><th>first seen</th><th>last seen</th><th>facts</th>"
        "<th>contradictions</th></tr>" + "".join(rows) + "</table></body></html>\n"
    )
