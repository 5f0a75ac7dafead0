"""Placeholders: texts that stand where an article was, not articles.

Archives and scrapes are full of them: "the full text of this agency report is no longer
available for legal reasons", a paywall ("this article is for subscribers only"), a cookie or
consent wall, an error page ("page not found", "please enable JavaScript"). Such a text, often
beside a one-sentence teaser, says nothing two outlets could confirm, yet two placeholders share
their wording and so looked like one story. The stage finds placeholder sentences in the body,
and, when what is left is too short to be an article, removes them (reason ``placeholder``) and
marks the article with the kind (``Article.placeholder``): a marked article joins no story and
gives no facts.

The rules are the stock phrases of German and English news sites (publishers' removal notices,
paywall and consent banners, web-server error pages): each needs a sentence about the article,
text, page or content together with its being unavailable, restricted or broken, so a news
report about, say, a medicine no longer being available is not taken for one.
"""

from __future__ import annotations

import re

from ..model import Article, Removed, Span
from ..registry import stage

# A placeholder sentence is short: removal notices and banners run to 10-35 words; a sentence of
# a real report that happens to match (an article about paywalls) is usually longer.
MAX_SENTENCE_WORDS = 45
# What is left besides placeholder sentences: a teaser of one or two sentences (10kGNAD's removed
# agency reports keep a 5-30 word teaser) is not an article; a short news item (a brief of three
# sentences) runs to 40 words and more.
MIN_ARTICLE_WORDS = 40

_THING = (
    r"(?:voll(?:ständige)?[- ]?text\w*|artikel\w*|beitr(?:a|ä)g\w*|inhalt\w*|seite|"
    r"meldung\w*|bericht\w*|video\w*|angebot|text\w*|article|story|content|page|report|"
    r"video|text)"
)

# kind -> patterns over one sentence (case-insensitive).
_RULES: dict[str, tuple[re.Pattern[str], ...]] = {
    "unavailable": (
        re.compile(
            _THING + r"\b.{0,120}?\b(?:nicht mehr|nicht länger|leider nicht)\b"
            r".{0,40}?\b(?:verfügbar|zur verfügung|abrufbar|online|erreichbar|"
            r"zugänglich)",
            re.I | re.S,
        ),
        re.compile(
            _THING + r"\b.{0,80}?\b(?:wurde|wurden|ist|sind)\b.{0,40}?\b(?:entfernt|"
            r"gelöscht|depubliziert|offline genommen|zurückgezogen)\b",
            re.I | re.S,
        ),
        re.compile(
            _THING + r"\b.{0,80}?\b(?:is|are|has been|have been)\b.{0,20}?\b(?:no longer "
            r"available|removed|deleted|unavailable|taken down)\b",
            re.I | re.S,
        ),
    ),
    "paywall": (
        re.compile(
            r"\b(?:nur|exklusiv|ausschließlich) für (?:\w+[- ])?(?:abonnent\w*|"
            r"abo-?kunden|abokunden|plus-?kunden|zahlende|mitglieder|subscriber\w*)",
            re.I,
        ),
        re.compile(
            r"\b(?:um|zum)\b.{0,60}?\b(?:weiter ?zu ?lesen|vollständig zu lesen|"
            r"lesen zu können|weiterlesen)\b.{0,80}?\b(?:abo|abonnement|registrier|"
            r"anmeld|einloggen|login|zugang)",
            re.I | re.S,
        ),
        re.compile(
            r"\b(?:for|to) (?:paying )?subscribers only\b|\bsubscribe (?:now )?to "
            r"(?:continue|read|keep) reading\b|\bto (?:continue|keep) reading\b.{0,60}?"
            r"\b(?:subscri|sign in|log in|register)",
            re.I | re.S,
        ),
    ),
    "consent": (
        re.compile(
            r"\b(?:wir|diese (?:website|seite)|unsere (?:website|seite)) "
            r"(?:verwenden|nutzen|setz\w*)\b.{0,40}?\bcookies\b",
            re.I | re.S,
        ),
        re.compile(r"\b(?:we|this (?:site|website)) uses? cookies\b", re.I),
        re.compile(
            r"\b(?:zustimmung|einwilligung|consent)\b.{0,80}?\b(?:cookies|tracking|"
            r"datenverarbeitung|partner|anbieter)\b",
            re.I | re.S,
        ),
    ),
    "error_page": (
        re.compile(
            r"\b(?:seite|page|artikel|article)\b.{0,30}?\b(?:nicht gefunden|not found|"
            r"existiert nicht|does not exist|doesn't exist)\b",
            re.I | re.S,
        ),
        re.compile(
            r"^\W*(?:fehler|error)\s*(?:403|404|410|500|502|503)\b|"
            r"\b(?:403|404|410) (?:forbidden|not found|gone)\b",
            re.I,
        ),
        re.compile(
            r"\b(?:bitte )?(?:aktivieren sie|aktiviere|enable|turn on)\b.{0,30}?"
            r"\bjavascript\b|\bjavascript\b.{0,40}?\b(?:aktivier|erforderlich|required|"
            r"enable|deaktiviert|disabled)",
            re.I | re.S,
        ),
        re.compile(
            r"\b(?:zugriff verweigert|access denied|ein fehler ist aufgetreten|"
            r"something went wrong|service unavailable)\b",
            re.I,
        ),
    ),
}
# Order of precedence when several kinds match one text.
KINDS = ("unavailable", "paywall", "consent", "error_page")

_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+[\"'“”„«»‘’)\]]*|$)")
_WORD = re.compile(r"\w+")


def placeholder_kind(sentence: str) -> str | None:
    """The kind of placeholder the sentence is (``unavailable``, ``paywall``, ``consent``,
    ``error_page``), or None when it reads as article text."""
    if len(_WORD.findall(sentence)) > MAX_SENTENCE_WORDS:
        return None
    for kind in KINDS:
        if any(p.search(sentence) for p in _RULES[kind]):
            return kind
    return None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Rough sentence spans of ``text[start:end]`` (stripped, non-empty)."""
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


# A body longer than this cannot be a placeholder (a teaser under MIN_ARTICLE_WORDS beside a few
# notices of at most MAX_SENTENCE_WORDS): such articles are not read sentence by sentence.
_MAX_BODY_WORDS = MIN_ARTICLE_WORDS + 4 * MAX_SENTENCE_WORDS


@stage("placeholder", requires=["body", "removed"], assigns=["body", "removed", "placeholder"])
def placeholder_stage(article: Article) -> Article:
    text = article.text
    article.placeholder = None
    words = 0
    for span in article.body:
        words += text.count(" ", span.start, span.end) + 1
        if words > _MAX_BODY_WORDS:
            return article
    found: list[tuple[int, int, str]] = []
    for span in article.body:
        for a, b in _sentences(text, span.start, span.end):
            kind = placeholder_kind(text[a:b])
            if kind is not None:
                found.append((a, b, kind))
    left = sum(len(_WORD.findall(text[s.start : s.end])) for s in article.body) - sum(
        len(_WORD.findall(text[a:b])) for a, b, _ in found
    )
    # In an article of some length a matching sentence is left alone: boilerplate lines are
    # the clean stage's business, and a report may well say that a document is unavailable.
    if not found or left >= MIN_ARTICLE_WORDS:
        return article
    body: list[Span] = []
    for span in article.body:
        pos = span.start
        for a, b, _ in found:
            if span.start <= a and b <= span.end:
                if text[pos:a].strip():
                    body.append(Span(pos, _rstrip(text, pos, a)))
                pos = b
        if text[pos : span.end].strip():
            body.append(Span(_lstrip(text, pos, span.end), span.end))
    removed = article.removed + [Removed(a, b, "placeholder") for a, b, _ in found]
    article.body = body
    article.removed = sorted(removed, key=lambda r: (r.start, r.end))
    article.placeholder = min((k for _, _, k in found), key=KINDS.index)
    return article


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start
