# ruff: noqa: E501
"""Three invented reports of one invented event (a dam break in a made-up town), written for
these tests: shared facts in different words, a figure and weekdays that disagree, an
allegation and its denial, different labels for the same person, one quotation in two outlets."""

from __future__ import annotations

REPORT_A = """Dammbruch in Kaltenbach: Ministerpräsidentin besucht Flutgebiet

Kaltenbach (dpa) – Nach dem Dammbruch am Fluss Weßnitz hat Ministerpräsidentin Lena Hartmann das überflutete Kaltenbach besucht.
Der Damm war in der Nacht zum Dienstag auf einer Länge von 40 Metern gebrochen.
Rund 1.200 Menschen mussten ihre Häuser verlassen und wurden in Turnhallen untergebracht.
„Wir lassen niemanden mit diesem Schaden allein“, sagte Hartmann bei einem Rundgang durch die Altstadt.
Der Besuch der Regierungschefin ist bis Mittwoch geplant.
Anwohner werfen dem Landratsamt vor, Warnungen vor dem maroden Damm jahrelang ignoriert zu haben.
Das Landratsamt bestreitet die Vorwürfe.
Die Feuerwehr pumpt seit Tagen Wasser aus den Kellern der Altstadt.
"""

REPORT_B = """Hartmann verspricht Flutopfern schnelle Hilfe

Die umstrittene Ministerpräsidentin Lena Hartmann ist nach dem Dammbruch in das Hochwassergebiet von Kaltenbach gereist.
Der Damm an der Weßnitz brach in der Nacht zum Dienstag auf 40 Metern Länge.
Etwa 1.500 Menschen mussten ihre Häuser verlassen und schlafen nun in Turnhallen.
„Wir lassen niemanden mit diesem Schaden allein“, versprach Hartmann den Anwohnern.
Gespräche mit den Bürgermeistern der Region sollen am Donnerstag stattfinden.
Ein Gutachter hatte schon vor drei Jahren vor Rissen im Damm gewarnt.
Die Landesregierung stellt 20 Millionen Euro Soforthilfe bereit.
"""

# A lightly edited copy of REPORT_A, as an agency feed republished by another site.
REPORT_A_COPY = REPORT_A.replace(
    "Dammbruch in Kaltenbach: Ministerpräsidentin besucht Flutgebiet",
    "Ministerpräsidentin Hartmann im Flutgebiet Kaltenbach",
).replace("Die Feuerwehr pumpt seit Tagen Wasser aus den Kellern der Altstadt.\n", "")

# A report of something else entirely, which must not join the story.
OTHER = """Neue Stadtbibliothek in Sonnfeld eröffnet

Sonnfeld – Nach zwei Jahren Bauzeit hat die Stadtbibliothek von Sonnfeld ihre Türen geöffnet.
Das Gebäude bietet Platz für 80.000 Bücher und einen Lesesaal mit Blick auf den Marktplatz.
Die Baukosten lagen bei 12 Millionen Euro, wie die Stadtverwaltung mitteilte.
Zur Eröffnung kamen nach Angaben der Stadt mehr als 600 Besucherinnen und Besucher.
"""
