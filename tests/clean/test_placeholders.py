"""Placeholders (removal notices, paywalls, consent walls, error pages) are told from articles."""

from __future__ import annotations

import pytest

from pressespiegel import analyze_text
from pressespiegel.clean.placeholders import placeholder_kind
from pressespiegel.link import cluster_articles
from pressespiegel.link.embed import NullEmbedder
from pressespiegel.model import Article

_NOTICE = (
    "Der vollständige Text dieser Agenturmeldung ist aus lizenzrechtlichen Gründen "
    "leider nicht mehr abrufbar."
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (_NOTICE, "unavailable"),
        ("Dieser Beitrag wurde auf Wunsch des Rechteinhabers entfernt.", "unavailable"),
        ("This article is no longer available.", "unavailable"),
        ("Dieser Artikel ist exklusiv für Digital-Abonnenten.", "paywall"),
        ("Um den Artikel weiterzulesen, schließen Sie bitte ein Abo ab.", "paywall"),
        ("Subscribe now to continue reading.", "paywall"),
        ("Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.", "consent"),
        ("Bitte aktivieren Sie JavaScript in Ihrem Browser.", "error_page"),
        ("Die angeforderte Seite wurde leider nicht gefunden.", "error_page"),
        # Report sentences that only look similar.
        ("Das Medikament ist in vielen Apotheken nicht mehr verfügbar, sagte der Verband.", None),
        ("Der Bericht der Kommission soll im Herbst veröffentlicht werden.", None),
        ("Die Zeitung hat am Montag ihre Preise für Abonnenten erhöht.", None),
    ],
)
def test_placeholder_sentences(sentence: str, kind: str | None) -> None:
    assert placeholder_kind(sentence) == kind


def test_teaser_with_removal_notice_is_a_placeholder() -> None:
    art = analyze_text(
        "Brand in einer Lagerhalle am Stadtrand – Feuerwehr stundenlang im Einsatz. " + _NOTICE,
        id="p",
    )
    assert art.placeholder == "unavailable"
    removed = [art.text[r.start : r.end] for r in art.removed if r.reason == "placeholder"]
    assert removed == [_NOTICE]
    assert "Lagerhalle" in art.body_text() and "abrufbar" not in art.body_text()
    assert art.to_dict()["placeholder"] == "unavailable"
    assert Article.from_dict(art.to_dict()).placeholder == "unavailable"


def test_a_real_report_mentioning_unavailability_is_an_article() -> None:
    text = (
        "Die Stadtwerke haben am Dienstag mitgeteilt, dass das Hallenbad wegen eines "
        "Rohrbruchs bis auf Weiteres geschlossen bleibt. Der Schaden sei in der Nacht "
        "entdeckt worden, sagte ein Sprecher. Die Online-Seite mit den Öffnungszeiten ist "
        "derzeit leider nicht mehr erreichbar, Auskünfte gibt es telefonisch. Wann die "
        "Reparatur abgeschlossen ist, konnte der Sprecher noch nicht sagen. Schulen und "
        "Vereine sollen in ein benachbartes Bad ausweichen."
    )
    art = analyze_text(text, id="r")
    assert art.placeholder is None
    assert not [r for r in art.removed if r.reason == "placeholder"]


def test_placeholders_join_no_story() -> None:
    arts = [
        analyze_text(teaser + " " + _NOTICE, id=aid, published="2025-02-03")
        for aid, teaser in [
            ("p1", "Minister tritt nach Affäre um Dienstwagen zurück."),
            ("p2", "Hochwasser: Pegel der Donau steigt weiter an."),
            ("p3", "Hochwasser: Pegel der Donau steigt weiter an."),
        ]
    ]
    stories = cluster_articles(arts, embedder=NullEmbedder())
    assert sorted(s.articles for s in stories) == [["p1"], ["p2"], ["p3"]]
