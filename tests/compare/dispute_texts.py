# ruff: noqa: E501
"""Five invented reports of one invented event (a fire on a ferry off a made-up port), written for
these tests: four German, one English. Three German reports agree on the number of passengers
brought ashore and on the night of the fire, one gives another number and another evening; two
mention what comes next (a storm forecast, a tow to the yard, a pause of the service)."""

from __future__ import annotations

FERRY_A = """Feuer auf Fähre vor Hallmünde: 300 Fahrgäste gerettet

Hallmünde (dpa) – Auf der Fähre „Seeschwalbe“ ist in der Nacht zum Dienstag vor dem Hafen von Hallmünde ein Feuer im Maschinenraum ausgebrochen.
Rund 300 Fahrgäste wurden von Rettungsbooten an Land gebracht.
Nach Angaben der Reederei Nordlicht wurden vier Besatzungsmitglieder leicht verletzt.
„Die Crew hat vorbildlich reagiert“, sagte Kapitän Henrik Aalberg.
Die Wasserschutzpolizei ermittelt zur Ursache des Brandes im Maschinenraum.
Der Wetterdienst erwartet für Donnerstag schweren Sturm an der Küste.
"""

FERRY_B = """Brand auf der „Seeschwalbe“: Passagiere in Sicherheit

Vor Hallmünde hat in der Nacht zum Dienstag der Maschinenraum der Fähre „Seeschwalbe“ Feuer gefangen.
Etwa 300 Fahrgäste brachten Rettungsboote sicher an Land.
Vier Mitglieder der Besatzung erlitten leichte Verletzungen, teilte die Reederei Nordlicht mit.
Die Wasserschutzpolizei hat Ermittlungen zur Brandursache aufgenommen.
Die Fähre soll am Freitag in die Werft nach Kielsand geschleppt werden.
"""

FERRY_C = """Fährbrand vor Hallmünde

Am Montagabend brach im Maschinenraum der Fähre „Seeschwalbe“ vor Hallmünde ein Feuer aus.
Rund 450 Fahrgäste wurden mit Rettungsbooten an Land gebracht.
Vier Besatzungsmitglieder wurden leicht verletzt, wie die Reederei Nordlicht mitteilte.
Kapitän Henrik Aalberg lobte seine Mannschaft für die ruhige Räumung des Schiffes.
Die Polizei ermittelt, warum das Feuer im Maschinenraum ausbrach.
"""

FERRY_D = """Hallmünde: Fähre brennt vor dem Hafen

In der Nacht zum Dienstag ist auf der Fähre „Seeschwalbe“ vor Hallmünde ein Feuer im Maschinenraum ausgebrochen.
Rettungsboote brachten rund 300 Fahrgäste an Land.
Vier Seeleute der Reederei Nordlicht wurden leicht verletzt.
Die Reederei kündigte eine eigene Untersuchung des Brandes an.
Der Fährverkehr nach Hallmünde ruht bis zum Ende der Woche.
"""

FERRY_EN = """Ferry fire off Hallmuende

A fire broke out in the engine room of the ferry Seeschwalbe off the port of Hallmünde overnight into Tuesday.
Lifeboats brought about 300 passengers ashore, the operator Nordlicht said.
Four crew members suffered minor injuries in the fire.
“The crew responded in an exemplary way,” captain Henrik Aalberg said.
Police are investigating what caused the fire in the engine room.
Ferry services to Hallmünde are suspended until the end of the week.
"""
