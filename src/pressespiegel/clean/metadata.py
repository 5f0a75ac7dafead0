"""Title, outlet, publication date, dateline and credited agencies.

Read from the lines the clean stage removed (title, headline copies, site tags, bylines, date
lines, agency signatures, the dateline), so both stages agree on which line is which. What the
text states wins; values given with the input (``outlet``, ``published``) are kept when the
text states none, and the URL's domain is the last resort for the outlet.
"""

from __future__ import annotations

import re

from ..model import Article
from ..registry import stage
from . import outlets, patterns
from .agencies import agency
from .dateline import find_dateline
from .datetext import find_date
from .headline import masthead, split_headline


@stage(
    "metadata",
    requires=["body", "removed"],
    assigns=["title", "outlet", "published", "dateline", "agencies"],
)
def metadata_stage(article: Article) -> Article:
    text = article.text
    title: str | None = None
    outlet: str | None = None
    named: str | None = None  # from the masthead, site tag or byline; the headline suffix wins
    published: str | None = None
    updated: str | None = None
    dateline: str | None = None
    agencies: list[str] = []

    def credit(names: list[str]) -> None:
        for name in names:
            if name not in agencies:
                agencies.append(name)

    for rem in article.removed:
        line = text[rem.start : rem.end]
        reason = rem.reason
        if reason in ("title", "headline"):
            head = split_headline(line)
            if reason == "title":
                title = head.core
            outlet = outlet or head.outlet
            published = published or head.date
        elif reason == "masthead":
            named = named or masthead(line)
        elif reason == "site_tag":
            named = named or _outlet_from_tag(line)
        elif reason == "byline":
            found = patterns.byline(line)
            if found is not None and found[1] is not None:
                tail = found[1]
                known = outlets.by_name(tail)
                if known is not None:
                    named = named or known.name
                elif agency(tail) is not None:
                    credit([agency(tail) or tail])
        elif reason == "date":
            hit = find_date(line)
            if hit is not None and published is None:
                published = hit[0]
        elif reason == "update_note":
            hit = find_date(line)
            if hit is not None and updated is None:
                updated = hit[0]
        elif reason == "agency_signature":
            credit(patterns.agency_signature(line) or [])
        elif reason == "dateline":
            dl = find_dateline(line + " X")  # the cut keeps the separator, not the story
            if dl is not None:
                dateline = dateline or dl.place
                credit(dl.agencies)
                if dl.date_text and published is None:
                    hit = find_date(dl.date_text)
                    published = hit[0] if hit else None

    article.title = title or article.title  # HTML input brings the page title
    # A "Stand:"/"Aktualisiert am" date is when the page was last changed: a fair stand-in
    # for the publication date when the page gives no other.
    article.published = published or updated or article.published
    article.outlet = outlet or named or article.outlet or _outlet_from_url(article.url)
    article.dateline = dateline
    if agencies:
        article.agencies = agencies
    return article


def _outlet_from_tag(tag: str) -> str | None:
    """The outlet a site tag names by its prefix ("toi-allgemeines" -> The Times of India)."""
    prefix = re.split(r"[-_]", tag.strip(), maxsplit=1)[0]
    known = outlets.by_slug(prefix)
    return known.name if known else None


def _outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: a known outlet's name, else the registrable domain
    ("https://www.kreisbote-beispiel.de/a" -> "kreisbote-beispiel.de"; none for IP addresses
    and local hosts)."""
    if not url:
        return None
    known = outlets.by_url(url)
    if known:
        return known.name
    from courlan import extract_domain

    domain = extract_domain(url, fast=True)
    if not domain or "." not in domain or domain.replace(".", "").isdigit():
        return None
    return str(domain).lower()
