"""Descriptors attached to actors ("der nordkoreanische Diktator Kim Jong-un").

Three shapes, all built around a role noun (``data/roles.txt``, compounds included):

- before the name: "der nordkoreanische Diktator Kim Jong-un", "Der Generalsekretär der NATO,
  Jens Stoltenberg," "Kreml-Berater Juri Uschakow", "Putins diplomatischer Berater, Yuri ...";
- after the name: "Matthew Miller, Sprecher des US-Außenministeriums,";
- on its own, referring back: "sagte der nordkoreanische Führer", "der russische Präsident".
  These go to the most recent earlier person that fits: one already described with the same
  role noun, or whose nationality matches the adjective. Without such evidence no label is made.

A label's span is the role noun phrase without its article, so the quote stage can resolve a
speaker such as "der nordkoreanische Führer" through ``article.labels``. ``norm`` is the phrase in
nominative singular with strong adjective endings ("nordkoreanischer Führer").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Label, Mention, Token
from ..registry import stage
from .canonical import gazetteer, genitive_base
from .entities import role_head

# Definite articles and demonstratives that open a singular role NP referring back to an actor.
DEFINITE = frozenset(
    {
        "der",
        "den",
        "dem",
        "des",
        "die",
        "Der",
        "Den",
        "Dem",
        "Des",
        "Die",
        "dieser",
        "diesen",
        "diesem",
        "dieses",
        "Dieser",
    }
)
# Tokens allowed in a genitive or prepositional complement after the role noun
# ("Generalsekretär der NATO", "Sprecher des Nationalen Sicherheitsrates im Weißen Haus").
_COMPLEMENT_POS = ("ART", "ADJ(A)", "NN", "NE", "APPRART", "FM")
# Nouns of a relation between two people: a role NP in their genitive describes the other one.
RELATION_NOUNS = frozenset(
    {
        "Vater",
        "Mutter",
        "Sohn",
        "Tochter",
        "Bruder",
        "Schwester",
        "Onkel",
        "Tante",
        "Neffe",
        "Nichte",
        "Enkel",
        "Enkelin",
        "Großvater",
        "Großmutter",
        "Ehefrau",
        "Ehemann",
        "Frau",
        "Mann",
        "Witwe",
        "Witwer",
        "Cousin",
        "Cousine",
        "Schwager",
        "Nachfolger",
        "Nachfolgerin",
        "Vorgänger",
        "Vorgängerin",
        "Freund",
        "Freundin",
        "Gegner",
        "Rivale",
        "Vertraute",
        "Vertrauter",
        "Anwalt",
        "Anwältin",
    }
)
# Role nouns for the person at the top of a state: a back-reference with one of them fits a
# person already described with another of them ("Machthaber" ... "der Staatschef").
HEAD_OF_STATE = frozenset(
    {
        "Präsident",
        "Staatspräsident",
        "Staatschef",
        "Staatsoberhaupt",
        "Machthaber",
        "Führer",
        "Anführer",
        "Diktator",
        "Herrscher",
        "Alleinherrscher",
        "Autokrat",
        "Despot",
        "Monarch",
        "König",
        "Königin",
        "Regierungschef",
        "Kanzler",
        "Bundeskanzler",
        "Premier",
        "Premierminister",
        "Ministerpräsident",
        "Regent",
    }
)
_MAX_COMPLEMENT = 8  # tokens; longer stretches are clauses, not complements (seen by hand)


@dataclass(slots=True)
class _Profile:
    """What the article has said about one person so far."""

    roles: set[str] = field(default_factory=set)
    feminine: bool | None = None
    nations: set[str] = field(default_factory=set)  # country canonical names
    last: int = -1  # offset of the latest mention


def _nation_of_adj(tok: Token) -> str | None:
    lemma = (tok.lemma or tok.text).lower()
    return gazetteer().adjective_country.get(lemma)


def _adj_norm(tok: Token, feminine: bool) -> str:
    lemma = tok.lemma or tok.text
    if tok.text[:1].isupper() and lemma[:1].islower():
        lemma = lemma[:1].upper() + lemma[1:]
    return lemma + ("e" if feminine else "er")


def _noun_norm(tok: Token) -> str:
    lemma = tok.lemma or tok.text
    # HanTa lower-cases after a hyphen ("Kreml-berater"): when the lemma is the surface form
    # minus an ending, cut the surface form instead and keep its spelling.
    if tok.text.lower().startswith(lemma.lower()):
        return tok.text[: len(lemma)]
    return lemma[:1].upper() + lemma[1:] if lemma else tok.text


@dataclass(slots=True)
class _RoleNP:
    first: int  # token index where the label text starts (after the article)
    role: int  # token index of the role noun
    last: int  # token index where it ends (inclusive)
    has_article: bool


def _role_np(toks: list[Token], r: int) -> _RoleNP:
    """The role noun phrase around the role noun at ``r``: premodifiers and complement."""
    first = r
    while first > 0 and (
        toks[first - 1].pos == "ADJ(A)"
        or (
            # a possessor: "Putins diplomatischer Berater"
            toks[first - 1].pos == "NE"
            and toks[first - 1].text.endswith("s")
            and (first == 1 or toks[first - 2].pos != "ART")
        )
    ):
        first -= 1
        if toks[first].pos == "NE":
            break
    has_article = first > 0 and toks[first - 1].text in DEFINITE
    last = r
    # Genitive / prepositional complement: "der NATO", "des US-Außenministeriums",
    # "des Nationalen Sicherheitsrates im Weißen Haus".
    j = r + 1
    if (j < len(toks) and toks[j].text in ("der", "des")) or (
        j < len(toks)
        and toks[j].pos == "NE"
        and toks[j].text.endswith("s")
        and toks[j].text[:-1] in gazetteer().single
    ):
        if toks[j].pos == "NE":
            last = j
        else:
            k = j + 1
            while k < len(toks) and k - r <= _MAX_COMPLEMENT and toks[k].pos in _COMPLEMENT_POS:
                if toks[k].pos in ("NN", "NE", "FM"):
                    last = k
                    # one prepositional tail: "im Weißen Haus"
                    if k + 1 < len(toks) and toks[k + 1].pos == "APPRART":
                        k += 1
                        continue
                    if k + 1 < len(toks) and toks[k + 1].pos in ("NN", "NE", "FM"):
                        k += 1
                        continue
                    break
                k += 1
    return _RoleNP(first, r, last, has_article)


def _norm(toks: list[Token], np: _RoleNP) -> str:
    role_tok = toks[np.role]
    feminine = is_feminine_role(role_tok.text)
    parts: list[str] = []
    for t in toks[np.first : np.role]:
        parts.append(_adj_norm(t, feminine) if t.pos == "ADJ(A)" else t.text)
    parts.append(_noun_norm(role_tok))
    parts.extend(t.text for t in toks[np.role + 1 : np.last + 1])
    return " ".join(parts)


def is_feminine_role(role: str) -> bool:
    """ "Außenministerin", "Kanzlerin": the -in form of a role noun (not the noun "Königin"
    stem, which is listed as a role of its own)."""
    head = role_head(role) or ""
    return role.lower().endswith(("in", "innen")) and not head.lower().endswith("in")


def _plural(toks: list[Token], np: _RoleNP) -> bool:
    """ "die beiden Führer", "die Führer Russlands und Nordkoreas": not one actor."""
    role = toks[np.role].text
    before = toks[np.first - 1].text.lower() if np.first > 0 else ""
    if role.endswith(("ern", "innen", "häupter")):
        return True
    if role.endswith("chefs") and before != "des":  # "des Staatschefs" is genitive singular
        return True
    if any(t.pos in ("PIAT", "CARD") for t in toks[max(0, np.first - 2) : np.first]):
        return True
    masculine_form = not role.endswith("in")
    return before == "die" and masculine_form


def labels_for(article: Article) -> list[Label]:
    text = article.text
    per_at: dict[int, Mention] = {}
    for men in article.entities:
        if men.label == "PER":
            per_at[men.start] = men
    by_sent: dict[int, list[Token]] = {}
    for t in article.tokens:
        by_sent.setdefault(t.sentence, []).append(t)
    profiles: dict[str, _Profile] = {}
    out: list[Label] = []

    def per_starting(tok: Token) -> Mention | None:
        return per_at.get(tok.start)

    def remember(eid: str, toks: list[Token], np: _RoleNP, at: int) -> None:
        p = profiles.setdefault(eid, _Profile())
        head = role_head(toks[np.role].text)
        if head:
            p.roles.add(head)
            p.feminine = is_feminine_role(toks[np.role].text)
        for t in toks[np.first : np.last + 1]:
            nation = _nation_of_adj(t) if t.pos == "ADJ(A)" else None
            if nation is None and t.pos == "NE":
                entry = gazetteer().single.get(t.text[:-1] if t.text.endswith("s") else t.text)
                nation = entry.canonical if entry and entry.label == "LOC" else None
            if nation:
                p.nations.add(nation)
        p.last = max(p.last, at)

    def add(eid: str, toks: list[Token], np: _RoleNP) -> None:
        start, end = toks[np.first].start, toks[np.last].end
        out.append(Label(eid, start, end, text[start:end], _norm(toks, np)))

    for si in sorted(by_sent):
        toks = by_sent[si]
        # Track person mentions in order so that back-references see only earlier ones.
        for i, t in enumerate(toks):
            m = per_starting(t)
            if m is not None:
                profiles.setdefault(m.entity_id, _Profile()).last = m.start
            if t.pos not in ("NN", "NE", "FM") or not t.text[:1].isupper():
                continue
            if role_head(t.text) is None or per_starting(t) is not None:
                continue
            np = _role_np(toks, i)
            if _plural(toks, np):
                continue
            # Before a name: "... Diktator Kim Jong-un", "... der NATO, Jens Stoltenberg".
            # Not when the role NP is itself the complement of a relation noun: in "der Vater
            # des nordkoreanischen Staatschefs, Kim Jong Il" the name belongs to "Vater".
            nxt = np.last + 1
            if nxt < len(toks) and toks[nxt].text == "," and nxt + 1 < len(toks):
                nxt += 1
            governed = (
                np.first >= 2
                and toks[np.first - 1].text in ("des", "der")
                and (toks[np.first - 2].lemma or "") in RELATION_NOUNS
            )
            m = per_starting(toks[nxt]) if nxt < len(toks) and not governed else None
            if m is not None and _is_genitive_of(m):
                m = None  # "ein Sprecher Koch-Mehrins": the name is the possessor, not the holder
            if m is not None:
                add(m.entity_id, toks, np)
                remember(m.entity_id, toks, np, m.start)
                continue
            # After a name: "Matthew Miller, Sprecher des US-Außenministeriums,".
            prev = np.first - 1
            if prev >= 1 and toks[prev].text == "," and not np.has_article:
                owner = _mention_ending(per_at, toks[prev - 1].end)  # after a name
                if owner is not None:
                    add(owner.entity_id, toks, np)
                    remember(owner.entity_id, toks, np, owner.start)
                    continue
            # On its own, referring back to a person named earlier.
            if not np.has_article:
                continue
            eid = _resolve_back(toks, np, profiles, t.start)
            if eid is not None:
                add(eid, toks, np)
                remember(eid, toks, np, t.start)
    return out


def _is_genitive_of(m: Mention) -> bool:
    """The mention is its person's name in the genitive ("Koch-Mehrins" of Silvana Koch-Mehrin,
    "Putins"): the name's last word is the canonical's last word plus the genitive s."""
    last = m.text.split()[-1] if m.text.split() else ""
    canon_last = m.canonical.split()[-1] if m.canonical.split() else ""
    base = genitive_base(last)
    return base is not None and base == canon_last and last != canon_last


def _mention_ending(per_at: dict[int, Mention], end: int) -> Mention | None:
    for m in per_at.values():
        if m.end == end:
            return m
    return None


def _resolve_back(
    toks: list[Token], np: _RoleNP, profiles: dict[str, _Profile], at: int
) -> str | None:
    """The most recent earlier person this role NP fits, or None without evidence."""
    head = role_head(toks[np.role].text)
    nations = {
        n for t in toks[np.first : np.role] if t.pos == "ADJ(A)" for n in [_nation_of_adj(t)] if n
    }
    best: tuple[int, int, str] | None = None
    for eid, p in profiles.items():
        if p.last < 0 or p.last >= at:
            continue
        if nations and p.nations and not (nations & p.nations):
            continue  # "der ukrainische Außenminister" is not the Russian one
        if p.feminine is not None and p.feminine != is_feminine_role(toks[np.role].text):
            continue  # "der Staatschef" is not "die Außenministerin"
        score = 0
        if head and head in p.roles:
            score += 2
        elif head in HEAD_OF_STATE and p.roles & HEAD_OF_STATE:
            score += 1
        elif p.roles:
            score -= 1  # described with an unrelated role (a minister, a spokesman)
        if nations & p.nations:
            score += 2
        if score <= 0:
            continue
        cand = (score, p.last, eid)
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best else None


@stage("labels", requires=["tokens", "entities"], assigns=["labels"])
def labels_stage(article: Article) -> Article:
    article.labels = labels_for(article)
    return article
