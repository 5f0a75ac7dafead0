"""Well-known news outlets: their usual name, other names, site-tag slugs and web domains.

General knowledge of the outlets' own branding; the name is written as the outlet writes it in
its masthead. Used to read the outlet from a headline suffix (``... – DW – 19.06.2024``), a
site tag (``toi-allgemeines``), a byline (``Von Anna Muster, taz``) or the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from .lines import fold


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    slugs: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


OUTLETS: tuple[Outlet, ...] = (
    # German-language
    Outlet("DW", ("Deutsche Welle", "DW.com"), ("dw",), ("dw.com", "dw.de")),
    Outlet(
        "Frankfurter Allgemeine Zeitung",
        ("FAZ", "F.A.Z.", "FAZ.NET", "Frankfurter Allgemeine"),
        ("faz",),
        ("faz.net",),
    ),
    Outlet(
        "Süddeutsche Zeitung", ("SZ", "SZ.de", "Süddeutsche"), ("sz",), ("sueddeutsche.de", "sz.de")
    ),
    Outlet("taz", ("die tageszeitung", "taz.de"), ("taz",), ("taz.de",)),
    Outlet("ntv", ("n-tv", "n-tv.de", "ntv.de", "ntv Nachrichten"), ("ntv",), ("n-tv.de",)),
    Outlet(
        "tagesschau", ("tagesschau.de", "ARD", "ARD-aktuell"), ("tagesschau",), ("tagesschau.de",)
    ),
    Outlet("ZDF", ("ZDFheute", "zdf.de"), ("zdf",), ("zdf.de",)),
    Outlet(
        "Der Spiegel",
        ("Spiegel", "SPIEGEL", "DER SPIEGEL", "Spiegel Online", "spiegel.de"),
        ("spiegel", "spon"),
        ("spiegel.de",),
    ),
    Outlet(
        "Die Zeit",
        ("Zeit", "ZEIT ONLINE", "Zeit Online", "DIE ZEIT", "zeit.de"),
        ("zeit",),
        ("zeit.de",),
    ),
    Outlet("Die Welt", ("Welt", "WELT", "DIE WELT", "welt.de"), ("welt",), ("welt.de",)),
    Outlet("Bild", ("BILD", "bild.de"), ("bild",), ("bild.de",)),
    Outlet("Handelsblatt", (), ("hb",), ("handelsblatt.com",)),
    Outlet("Tagesspiegel", ("Der Tagesspiegel",), (), ("tagesspiegel.de",)),
    Outlet("Frankfurter Rundschau", ("FR",), ("fr",), ("fr.de",)),
    Outlet("Focus", ("FOCUS online", "Focus Online"), ("focus",), ("focus.de",)),
    Outlet("stern", ("stern.de",), ("stern",), ("stern.de",)),
    Outlet("RND", ("RedaktionsNetzwerk Deutschland",), ("rnd",), ("rnd.de",)),
    Outlet("t-online", ("t-online.de",), ("tonline",), ("t-online.de",)),
    Outlet("Deutschlandfunk", ("DLF", "deutschlandfunk.de"), ("dlf",), ("deutschlandfunk.de",)),
    Outlet("MDR", (), ("mdr",), ("mdr.de",)),
    Outlet("NDR", (), ("ndr",), ("ndr.de",)),
    Outlet("WDR", (), ("wdr",), ("wdr.de",)),
    Outlet("BR", ("BR24",), ("br",), ("br.de",)),
    Outlet("SWR", (), ("swr",), ("swr.de",)),
    Outlet("NZZ", ("Neue Zürcher Zeitung",), ("nzz",), ("nzz.ch",)),
    Outlet("Tages-Anzeiger", ("Tagesanzeiger",), ("tagi",), ("tagesanzeiger.ch",)),
    Outlet("SRF", ("Schweizer Radio und Fernsehen",), ("srf",), ("srf.ch",)),
    Outlet(
        "Der Standard",
        ("DER STANDARD", "derStandard", "derStandard.at"),
        ("derstandard",),
        ("derstandard.at", "derstandard.de"),
    ),
    Outlet("Die Presse", ("DiePresse.com",), ("diepresse",), ("diepresse.com",)),
    Outlet("ORF", ("ORF.at",), ("orf",), ("orf.at",)),
    Outlet("Kurier", (), (), ("kurier.at",)),
    # English-language
    Outlet("Reuters", (), ("reuters",), ("reuters.com",)),
    Outlet("AP", ("Associated Press", "AP News"), ("ap",), ("apnews.com",)),
    Outlet("BBC", ("BBC News",), ("bbc",), ("bbc.com", "bbc.co.uk")),
    Outlet("CNN", (), ("cnn",), ("cnn.com",)),
    Outlet(
        "POLITICO", ("Politico", "POLITICO Europe"), ("politico",), ("politico.com", "politico.eu")
    ),
    Outlet("The Guardian", ("Guardian",), ("guardian",), ("theguardian.com",)),
    Outlet("The New York Times", ("New York Times", "NYT", "NYTimes"), ("nyt",), ("nytimes.com",)),
    Outlet("The Washington Post", ("Washington Post", "WaPo"), ("wapo",), ("washingtonpost.com",)),
    Outlet("The Wall Street Journal", ("Wall Street Journal", "WSJ"), ("wsj",), ("wsj.com",)),
    Outlet("Financial Times", ("FT",), ("ft",), ("ft.com",)),
    Outlet("The Economist", ("Economist",), (), ("economist.com",)),
    Outlet("Bloomberg", (), (), ("bloomberg.com",)),
    Outlet("The Independent", ("Independent",), (), ("independent.co.uk",)),
    Outlet("The Telegraph", ("Telegraph",), (), ("telegraph.co.uk",)),
    Outlet("Sky News", (), (), ("news.sky.com",)),
    Outlet("NPR", (), ("npr",), ("npr.org",)),
    Outlet("NBC News", (), ("nbc",), ("nbcnews.com",)),
    Outlet("CBS News", (), ("cbs",), ("cbsnews.com",)),
    Outlet("ABC News", (), (), ("abcnews.go.com",)),
    Outlet("Fox News", (), ("fox",), ("foxnews.com",)),
    Outlet("USA Today", (), (), ("usatoday.com",)),
    Outlet(
        "The Times of India", ("Times of India", "TOI"), ("toi",), ("timesofindia.indiatimes.com",)
    ),
    Outlet("Hindustan Times", ("HT",), ("ht",), ("hindustantimes.com",)),
    Outlet("The Hindu", (), (), ("thehindu.com",)),
    Outlet("NDTV", (), ("ndtv",), ("ndtv.com",)),
    Outlet("Al Jazeera", ("Al Jazeera English",), ("aje", "aljazeera"), ("aljazeera.com",)),
    Outlet("South China Morning Post", ("SCMP",), ("scmp",), ("scmp.com",)),
    Outlet("The Japan Times", ("Japan Times",), (), ("japantimes.co.jp",)),
    Outlet("The Korea Herald", ("Korea Herald",), (), ("koreaherald.com",)),
    Outlet("The Moscow Times", ("Moscow Times",), (), ("themoscowtimes.com",)),
    Outlet("The Kyiv Independent", ("Kyiv Independent",), (), ("kyivindependent.com",)),
    Outlet("Euronews", ("euronews",), ("euronews",), ("euronews.com",)),
    Outlet("France 24", ("FRANCE 24",), ("france24",), ("france24.com",)),
    Outlet("RFI", (), ("rfi",), ("rfi.fr",)),
    Outlet("RT", ("Russia Today",), (), ("rt.com",)),
    # Other languages
    Outlet("Le Monde", (), ("lemonde",), ("lemonde.fr",)),
    Outlet("Le Figaro", (), ("figaro",), ("lefigaro.fr",)),
    Outlet("El País", ("El Pais",), ("elpais",), ("elpais.com",)),
    Outlet("El Mundo", (), ("elmundo",), ("elmundo.es",)),
    Outlet("La Repubblica", ("Repubblica",), (), ("repubblica.it",)),
    Outlet("Corriere della Sera", ("Corriere",), (), ("corriere.it",)),
)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Outlet], dict[str, Outlet], dict[str, Outlet]]:
    by_name: dict[str, Outlet] = {}
    by_slug: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for o in OUTLETS:
        for n in (o.name, *o.aliases):
            by_name.setdefault(fold(n), o)
        for s in o.slugs:
            by_slug.setdefault(s, o)
        for d in o.domains:
            by_domain.setdefault(d, o)
    return by_name, by_slug, by_domain


def by_name(name: str) -> Outlet | None:
    """The outlet written as ``name`` ("Deutsche Welle", "DW", "POLITICO"), if known."""
    return _index()[0].get(fold(name))


def by_slug(slug: str) -> Outlet | None:
    """The outlet whose site tags start with ``slug`` (``toi`` in ``toi-allgemeines``)."""
    return _index()[1].get(slug.lower())


def by_url(url: str) -> Outlet | None:
    """The outlet that serves ``url`` (any subdomain of its domains)."""
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    domains = _index()[2]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = domains.get(".".join(parts[i:]))
        if hit is not None:
            return hit
    return None
