"""Line patterns of web-page boilerplate, each with a short reason code.

Every rule here matches a line on its own, from general knowledge of German and English news
pages (navigation, comment prompts, share bars, credits, agency signatures, ...). The rules that
need the context of the page (title, repeated lines, teaser lists) live in :mod:`.boilerplate`.
"""

from __future__ import annotations

import re

from .agencies import agency, agency_list, is_weak
from .datetext import find_date
from .lines import fold, words


def _folded(*phrases: str) -> frozenset[str]:
    return frozenset(fold(p) for p in phrases)


#: Whole lines that move the reader elsewhere on the site; also the headings of related-story
#: lists ("Lesen Sie auch").
NAVIGATION = _folded(
    "zum Inhalt",
    "zum Hauptinhalt",
    "direkt zum Inhalt",
    "springe zum Inhalt",
    "zum Inhalt springen",
    "zur Navigation springen",
    "Audio abspielen",
    "Video abspielen",
    "Play audio",
    "Play video",
    "zur Navigation",
    "zur Suche",
    "Inhalt überspringen",
    "Navigation überspringen",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "jump to content",
    "Menü",
    "Hauptmenü",
    "Menu",
    "Navigation",
    "Startseite",
    "Home",
    "Homepage",
    "Suche",
    "Search",
    "Aktuelles",
    "Aktuell",
    "Nachrichten",
    "News",
    "Neueste Nachrichten",
    "Latest news",
    "Zurück",
    "zurück zur Startseite",
    "nach oben",
    "zurück nach oben",
    "back to top",
    "Top",
    "mehr",
    "more",
    "weiter",
    "weiterlesen",
    "mehr lesen",
    "read more",
    "continue reading",
    "mehr anzeigen",
    "show more",
    "alle Artikel",
    "alle Meldungen",
    "Login",
    "Anmelden",
    "Einloggen",
    "Registrieren",
    "Sign in",
    "Log in",
    "Sign up",
    "Abmelden",
    "Mein Konto",
    "My account",
    "Impressum",
    "Datenschutz",
    "Datenschutzerklärung",
    "Kontakt",
    "AGB",
    "Privacy policy",
    "Terms of use",
    "Terms of service",
    "Contact",
    "Contact us",
    "About us",
    "Über uns",
    "Lesen Sie auch",
    "Lesen Sie mehr",
    "Lesen Sie hier",
    "Mehr zum Thema",
    "Mehr dazu",
    "Auch interessant",
    "Das könnte Sie auch interessieren",
    "Das könnte Sie interessieren",
    "Weitere Artikel",
    "Weitere Nachrichten",
    "Weitere Meldungen",
    "Verwandte Artikel",
    "Ähnliche Artikel",
    "Empfehlungen",
    "Unsere Empfehlungen",
    "Meistgelesen",
    "Meistgelesene Artikel",
    "Top-Themen",
    "Topthemen",
    "Themen",
    "Rubriken",
    "Related",
    "Related articles",
    "Related stories",
    "Related content",
    "More stories",
    "More on this story",
    "More from",
    "You may also like",
    "You might also like",
    "Recommended",
    "Recommended for you",
    "See also",
    "Read also",
    "Also read",
    "Most read",
    "Most popular",
    "Trending",
    "Trending now",
    "Sections",
    "Inhaltsverzeichnis",
    "Table of contents",
    "Video",
    "Videos",
    "Audio",
    "Fotos",
    "Bildergalerie",
    "Galerie",
    "Gallery",
    "Live",
    "Livestream",
    "Podcast",
    "Alle Themen",
    "Ressorts",
    "Close",
    "Schließen",
    "Caption",
    "Bildunterschrift",
    "Back to Gallery",
    "zurück zur Galerie",
    "Advertise",
    "Learn more",
    "Mehr erfahren",
    "All Articles",
    "Archiv",
    "Archive",
    # months alone are archive menus
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "January",
    "February",
    "March",
    "May",
    "June",
    "July",
    "October",
    "December",
)

#: Site sections; alone on a line outside the running text they are menu entries.
SECTIONS = _folded(
    "Politik",
    "Wirtschaft",
    "Sport",
    "Kultur",
    "Panorama",
    "Meinung",
    "Ausland",
    "Inland",
    "Welt",
    "Wissen",
    "Gesundheit",
    "Reise",
    "Digital",
    "Regional",
    "Feuilleton",
    "Finanzen",
    "Politics",
    "Opinion",
    "Sports",
    "Business",
    "Health",
    "World",
    "Science",
    "Travel",
    "Technology",
    "Tech",
    "Entertainment",
    "Lifestyle",
    "Culture",
    "Markets",
    "Economy",
    "Top Stories",
    "Features",
    "Reviews",
    "Obituaries",
    "Weather",
    "Wetter",
    "Topics",
    "Education",
    "Environment",
    "Media",
    "Columns",
    "Shows",
    "Community",
    "Events",
    "International",
    "Europe",
    "Europa",
    "Asia",
    "Asien",
    "Afrika",
    "Africa",
    "Nahost",
    "Middle East",
    "Fact Check",
    "Faktencheck",
    "Lokales",
    "Lokal",
    "Region",
    "Regionales",
    "Local",
    "National",
    "US",
    "UK",
)
_CRUMB_SEP = re.compile(r"\s+[|›>»/·]\s+")

COMMENTS = _folded(
    "Kommentare",
    "Kommentar",
    "Kommentieren",
    "Kommentar schreiben",
    "Kommentar verfassen",
    "jetzt kommentieren",
    "Kommentare anzeigen",
    "Kommentare lesen",
    "zu den Kommentaren",
    "Leserkommentare",
    "Diskussion",
    "Diskutieren Sie mit",
    "Antworten",
    "Antwort abbrechen",
    "Leave a Reply",
    "Leave a comment",
    "Comments",
    "Comment",
    "Add a comment",
    "Post a comment",
    "Post comment",
    "Cancel reply",
    "Reply",
    "Show comments",
    "View comments",
    "Join the conversation",
    "Join the discussion",
)

SHARE = _folded(
    "teilen",
    "Artikel teilen",
    "Beitrag teilen",
    "Seite teilen",
    "jetzt teilen",
    "Share",
    "Share this",
    "Share this article",
    "Share this story",
    "Share article",
    "auf Facebook teilen",
    "auf Twitter teilen",
    "auf X teilen",
    "per E-Mail teilen",
    "per Mail versenden",
    "Artikel versenden",
    "Link kopieren",
    "Copy link",
    "Link copied",
    "Tweet",
    "Drucken",
    "Artikel drucken",
    "Print",
    "Print this article",
    "Merken",
    "Artikel merken",
    "Zur Merkliste",
    "Speichern",
    "Save",
    "Save article",
    "Bookmark",
    "Vorlesen",
    "Artikel vorlesen",
    "Artikel anhören",
    "Anhören",
    "Listen",
    "Listen to this article",
    "Feedback",
    "Schriftgröße",
    "Font size",
)

#: Words of a share bar ("Facebook Twitter WhatsApp E-Mail"); a line made only of these is one.
SHARE_WORDS = _folded(
    "Facebook",
    "Twitter",
    "X",
    "WhatsApp",
    "E-Mail",
    "Email",
    "Mail",
    "LinkedIn",
    "Telegram",
    "Xing",
    "Pinterest",
    "Reddit",
    "Flipboard",
    "Messenger",
    "Threads",
    "Bluesky",
    "Mastodon",
    "teilen",
    "share",
    "drucken",
    "print",
    "tweet",
    "link",
    "kopieren",
    "copy",
    "pocket",
)

ADVERTISEMENT = _folded(
    "Anzeige",
    "Werbung",
    "Advertisement",
    "Advertising",
    "Sponsored",
    "Sponsored content",
    "Gesponsert",
    "Ad",
    "Promotion",
    "Partnerinhalt",
    "Partnerinhalte",
)

SUBSCRIBE = _folded(
    "Subscribe",
    "Subscribe now",
    "Abonnieren",
    "Jetzt abonnieren",
    "Abo abschließen",
    "Log in Subscribe",
    "Anmelden Abonnieren",
)

# Comment forms of blog software ("Your email address will not be published.").
_COMMENT_FORM = re.compile(
    r"^(?:Your email address will not be published|Required fields are marked|Save my name, "
    r"email|This site uses Akismet|Sorry, your blog cannot share|Post was not sent|"
    r"Email check failed|You must be logged in to post a comment|Ihre E-Mail-Adresse wird nicht "
    r"veröffentlicht|Erforderliche Felder sind|Name, E-Mail und Website in diesem Browser|"
    r"Sie müssen angemeldet sein, um einen Kommentar)",
    re.IGNORECASE,
)
_RIGHTS = re.compile(
    r"\b(?:All rights reserved|Alle Rechte vorbehalten|may not be (?:re)?"
    r"(?:published|reproduced|distributed))",
    re.IGNORECASE,
)

SOURCE_LINK = _folded(
    "source site",
    "source",
    "Quelle",
    "zur Quelle",
    "Originalartikel",
    "zum Originalartikel",
    "Original article",
    "View original",
    "Read the original article",
    "Read original",
    "source link",
    "via",
    "Link zum Artikel",
    "zum Artikel",
    "Artikel lesen",
)

# Prefixes of credit lines ("Foto: dpa/Anna Muster", "Bild: Reuters", "© picture alliance").
_CREDIT = re.compile(
    r"^(?:\(?\s*(?:Fotos?|Bild(?:er)?|Bildquelle|Bildnachweis|Quelle\s+Bild|Photos?|Images?|"
    r"Picture|Grafik|Karte|Illustration|Archivbild|Symbolbild|Titelbild|Credits?|"
    r"Photo\s+credit|Image\s+credit|Photograph|Copyright|Video|Audio)\s*[:©/|]\s*\S|"
    r"[©℗]|\(c\)\s)",
    re.IGNORECASE,
)
# Reuters/AP sign-offs ("Reporting by ...; Editing by ...").
_SIGNOFF = re.compile(
    r"^\(?\s*(?:(?:Additional\s+)?reporting|Writing|Editing|Compiled|Produced|Edited)\s+by\b"
    r"|^Our Standards:",
    re.IGNORECASE,
)
# A caption that ends in a picture credit ("Kim und Putin in Pjöngjang. Foto: AFP").
_CAPTION_CREDIT = re.compile(
    r"(?:[.)]\s*|\s)\(?(?:Foto|Fotos|Bild|Photo|Image|Picture)\s*:\s*[^.!?]{2,80}\)?$",
    re.IGNORECASE,
)

_CAPTION_HINT = re.compile(r"\b(?:foto|fotos|bild|photo|image|picture)\b")
_UPDATE = re.compile(
    r"^(?:(?:zuletzt|erneut|Artikel)\s+)?aktualisiert\b|^(?:zuletzt\s+|letzte\s+)?"
    r"Aktualisierung\s*:|^(?:last\s+)?updated\b|^last\s+modified\b|^Stand\s*:",
    re.IGNORECASE,
)

_SEPARATOR = re.compile(r"^[\W_]+$")
_SLUG = re.compile(r"^(?=.*[a-zäöüß])[a-z0-9äöüß]+(?:[-_][a-z0-9äöüß]+)+$")
_HASHTAGS = re.compile(r"^(?:#\w+[\s,]*)+$")
_TAG_LIST = re.compile(
    r"^(?:Tags|Schlagw(?:ö|oe)rter|Schlagworte|Stichw(?:ö|oe)rter|Themen|"
    r"Topics|Filed under|Mehr zu)\s*:",
    re.IGNORECASE,
)
_COUNTED = re.compile(r"^(?:\d+\s+)?(.*?)(?:\s+\d+)?$")
# "PREV ...", "NEXT ...", "Nächster Artikel: ...", "« ...": links to the neighbouring stories.
# Capitalised "Previous"/"Next" start ordinary sentences too, so they need a mark after them.
_TEASER_MARK = re.compile(
    r"^(?:PREV|PREVIOUS|NEXT|ZURÜCK|WEITER)\b\s*[:|»›>]?\s*(?=\S)"
    r"|^(?:Previous|Next|Older|Newer|Vorheriger|Nächster)(?:\s+(?:article|post|story|Artikel|"
    r"Beitrag))?\s*[:|»›>]\s*(?=\S)"
    r"|^(?:Vorheriger|Nächster)\s+(?:Artikel|Beitrag)\s+(?=\S)"
    r"|^[«»‹›←→<>]\s*\S"
)
_URL = re.compile(r"^(?:https?\s?:\s?/\s?/|www\s?\.)\s?\S", re.IGNORECASE)
_URL_CHARS = re.compile(r"[\w./?=&#:%+~,;@!$'()*-]+")
_LABEL_PREFIX = re.compile(r"^([^:|]{2,40}?)\s*[:|]\s+(\S.*)$")
_AGENCY_PARENS = re.compile(
    r"^(?:([a-zäöüß]{1,5}(?:[/,]\s?[a-zäöüß]{1,5})*)\s*)?"
    r"\(([^()]{2,60})\)\.?$",
    re.IGNORECASE,
)
_AGENCY_SOURCE = re.compile(
    r"^(?:Quellen?|Sources?|Material|Mit Material (?:von|der|des)(?: Nachrichtenagenturen?)?|"
    r"mit Agenturmaterial von|With reporting (?:from|by)|Agenturen)\s*:?\s*(.+?)\.?$",
    re.IGNORECASE,
)
_AGENCY_ONLY = _folded(
    "Mit Agenturmaterial",
    "mit Material von Agenturen",
    "Agenturen",
    "mit Agenturen",
    "Quelle: Agenturen",
    "Material von Nachrichtenagenturen",
    "with agencies",
    "with wire services",
    "Agencies",
)
_BYLINE = re.compile(
    r"^(?:(?:Von|By|Text|Autor|Autorin|Author)\s*:?|Ein (?:Kommentar|Gastbeitrag|Essay|Interview)"
    r" von|Eine (?:Analyse|Reportage|Kolumne|Glosse) von|Analysis by|Opinion by)\s+(.+)$"
)
_BYLINE_TAIL = re.compile(r"\s*([,|–—]|\s-\s)\s*")
_NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "le",
        "la",
        "al",
        "bin",
        "ibn",
        "zu",
        "und",
        "and",
        "&",
        "y",
        "e",
    }
)
_DATE_FILLER = _folded(
    "veröffentlicht",
    "erschienen",
    "erstellt",
    "publiziert",
    "am",
    "um",
    "uhr",
    "published",
    "posted",
    "on",
    "at",
    "datum",
    "date",
    "mez",
    "mesz",
    "cet",
    "cest",
    "utc",
    "gmt",
    "edt",
    "est",
    "bst",
    "pdt",
    "pst",
    "ist",
    "kst",
    "msk",
    "lesezeit",
    "min",
    "minuten",
    "minute",
    "minutes",
    "read",
    "reading",
    "time",
    "ca",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "a m",
    "p m",
    "h",
    "stand",
)
# "Posted: 05/02/07, 9:00 PM", "Veröffentlicht am 3.3.24": a publication stamp even when the
# date itself is in a form find_date leaves alone (two-digit years, US order).
_STAMP = re.compile(
    r"^(?:Posted|Published|Veröffentlicht|Erschienen|Erstellt|Datum|Date)\b"
    r"\s*(?:on|am|:)?.*\d",
    re.IGNORECASE,
)
_META = re.compile(
    r"^\d+\s?[MHD] ago$|^\d+\s+(?:minutes?|hours?|days?) ago$|"
    r"^vor\s+\d+\s+(?:Minuten|Stunden|Tagen)$|"
    r"^(?:Lesezeit|Lesedauer|Reading time)\s*:?\s*(?:ca\.\s*)?\d+\s*"
    r"(?:Min|Minuten|min|minutes?)\.?$|^\d+\s*(?:Min\.?|Minuten|min|minute)\s+"
    r"(?:Lesezeit|read)$|^Veröffentlicht\s+vor\s+\d+\s+\w+$",
    re.IGNORECASE,
)
_NEWSLETTER_ACTION = re.compile(
    r"abonn|anmeld|bestell|sign up|subscribe|registr|erhalten|"
    r"inbox|posteingang|kostenlos|free",
    re.IGNORECASE,
)
_COOKIE_ACTION = re.compile(
    r"akzept|zustimm|einwillig|accept|consent|einstellung|setting|"
    r"datenschutz|privacy|verwende|use|nutz|speicher|store",
    re.IGNORECASE,
)
_PAYWALL = re.compile(
    r"\b(?:abonnieren|abonniert|abonnement|abo|abos|abonnent\w*|subscribe|subscription|"
    r"subscribers?|plus-artikel|premium)\b",
    re.IGNORECASE,
)
_PAYWALL_ACTION = re.compile(
    r"weiterlesen|weiter lesen|lesen sie (?:weiter|jetzt)|continue reading|keep reading|"
    r"unlimited|unbegrenzt|bereits|already|subscribers? only|nur für abonnent|für abonnent|"
    r"exklusiv für|exclusive to|jetzt (?:abonnieren|testen|abo)|gratis testen|"
    r"kostenlos testen|free trial|to read (?:more|the full)|zugang zu allen|access to all",
    re.IGNORECASE,
)
_JAVASCRIPT = re.compile(r"javascript|adblock|werbeblocker|ad blocker", re.IGNORECASE)


def classify(text: str) -> str | None:
    """The reason code if the line ``text`` on its own is boilerplate, else None."""
    f = fold(text)
    n_words = len(words(text))
    if not f:
        return "separator" if _SEPARATOR.match(text) else None
    if f in NAVIGATION:
        return "navigation"
    base = _COUNTED.match(f)
    if f in COMMENTS or (base is not None and base.group(1) in COMMENTS):
        return "comments"
    if f in SHARE or (n_words <= 12 and all(w in SHARE_WORDS for w in _share_tokens(f))):
        return "share"
    if f in SECTIONS:
        return "section"
    if n_words <= 8 and _breadcrumb(text):
        return "navigation"
    if f in SUBSCRIBE:
        return "paywall"
    if n_words <= 40 and _COMMENT_FORM.match(text):
        return "comments"
    if (
        n_words <= 40
        and ("right" in f or "rechte" in f or "may not be" in f)
        and _RIGHTS.search(text)
    ):
        return "credit"
    if f in ADVERTISEMENT:
        return "advertisement"
    if f in SOURCE_LINK:
        return "source_link"
    # A bare URL (tokenised copies put spaces around its punctuation: "http : / / ...").
    if _URL.match(text) and _URL_CHARS.fullmatch(text.replace(" ", "")):
        return "source_link"
    if _SLUG.match(text) and len(text) <= 60:
        return "site_tag"
    if _HASHTAGS.match(text) or (_TAG_LIST.match(text) and n_words <= 30):
        return "site_tag"
    if n_words <= 12 and agency_signature(text) is not None:
        return "agency_signature"
    if n_words <= 40 and _SIGNOFF.match(text):
        return "credit"
    if n_words <= 25 and _CREDIT.match(text):
        return "credit"
    if _UPDATE.match(text) and n_words <= 60:
        return "update_note"
    if n_words <= 15 and (_is_date_line(text) or _STAMP.match(text)):
        return "date"
    if _META.match(text):
        return "meta"
    if byline(text) is not None:
        return "byline"
    if _TEASER_MARK.match(text) and n_words <= 30:
        return "teaser"
    label = _LABEL_PREFIX.match(text)
    if label is not None and n_words <= 30 and fold(label.group(1)) in NAVIGATION:
        return "teaser"
    if label is not None and n_words <= 15 and fold(label.group(1)) in SOURCE_LINK:
        return "source_link"
    if "newsletter" in f and n_words <= 30 and (n_words <= 2 or _NEWSLETTER_ACTION.search(f)):
        return "newsletter"
    if "cookie" in f and n_words <= 80 and _COOKIE_ACTION.search(f):
        return "cookie"
    if (
        n_words <= 60
        and ("javascript" in f or "block" in f)
        and _JAVASCRIPT.search(text)
        and re.search(r"aktivier|deaktivier|enable|disable|ausschalten|turn off", f)
    ):
        return "notice"
    if n_words <= 20 and _PAYWALL.search(text) and _PAYWALL_ACTION.search(text):
        return "paywall"
    if n_words <= 40 and _CAPTION_HINT.search(f) and _CAPTION_CREDIT.search(text):
        return "caption"
    return None


def _breadcrumb(text: str) -> bool:
    """A breadcrumb trail ("Home > Politik > Ausland", "Lokales | Gruvenau"): it starts at a
    section or the home page, and every step is short."""
    steps = _CRUMB_SEP.split(text.strip())
    if len(steps) < 2 or any(len(words(st)) > 3 for st in steps):
        return False
    first = fold(steps[0])
    return first in SECTIONS or first in NAVIGATION


def _share_tokens(folded: str) -> list[str]:
    # "E-Mail" folds to "e mail"; rejoin it so that it matches the share word.
    return folded.replace("e mail", "email").split()


def agency_signature(text: str) -> list[str] | None:
    """The agencies credited by a signature line ("lgc (efe, dpa, afp)", "mak/dpa",
    "Quelle: dpa", "(Reuters)"), in their usual spelling; None if ``text`` is not one."""
    t = text.strip().rstrip(".")
    if fold(t) in _AGENCY_ONLY:
        return []
    m = _AGENCY_PARENS.match(t)
    if m is not None:
        found = agency_list(m.group(2))
        if found:
            return found
    m = _AGENCY_SOURCE.match(t)
    if m is not None:
        found = agency_list(m.group(1))
        if found:
            return found
    # "mak/dpa", "dpa/AFP", "cw/AFP/Reuters", "dpa": initials and agencies joined by slashes.
    parts = [p.strip() for p in re.split(r"[/,]", t)]
    if not parts or not all(p and re.fullmatch(r"[A-Za-zäöüÄÖÜ-]{1,12}", p) for p in parts):
        return None
    found = []
    strong = False
    for p in parts:
        name = agency(p)
        if name is not None and (not is_weak(p) or len(parts) > 1):
            strong = strong or not is_weak(p)
            if name not in found:
                found.append(name)
        elif len(p) > 4 or not p.islower():
            return None  # not author initials
    return found if strong else None


def byline(text: str) -> tuple[str, str | None] | None:
    """(author names, what follows them after a comma or bar) for a byline such as
    "Von Anna Muster, Berlin" or "By John Smith | Reuters"; None if not a byline."""
    m = _BYLINE.match(text.strip())
    if m is None:
        return None
    rest = m.group(1).strip().rstrip(".")
    split = _BYLINE_TAIL.split(rest, maxsplit=1)
    names, tail = split[0], (split[2].strip() if len(split) == 3 else "")
    tokens = names.split()
    # Names are one to eight capitalised words with particles ("Anna von Muster und Ben Kim");
    # German capitalises nouns too, so a lowercase verb or preposition makes it a sentence.
    if not 1 <= len(tokens) <= 8:
        return None
    for tok in tokens:
        if tok.lower() in _NAME_PARTICLES:
            continue
        if not (tok[0].isupper() and re.fullmatch(r"[\w.'’-]+", tok)):
            return None
    if tokens[-1].lower() in _NAME_PARTICLES:
        return None
    if tail and len(words(tail)) > 6:
        return None
    return names, tail or None


def _is_date_line(text: str) -> bool:
    if text.rstrip().endswith(":"):
        return False  # a heading that introduces what happened that day
    found = find_date(text)
    if found is None:
        return False
    _, start, end = found
    rest = fold(text[:start] + " " + text[end:])
    rest = re.sub(r"\b\d{1,2} \d\d\b", " ", rest)  # times: "14:00" folds to "14 00"
    return all(w in _DATE_FILLER or w.isdigit() for w in rest.split())
