"""The chain's words the figures use, explained in plain Dutch for a steering group.

Public API: ``TERMS``, (word, meaning) pairs in reading order. The dashboard, the monthly report
and the quarterly report show this one list ("Wat betekenen deze woorden?",
templates/monitoring/_terms.html), so the table headings can keep the chain's own words (the
downloads and the docs use them) while a reader who never saw the caseworkers' screens still
understands them (QA12 B11). A table note then says what a figure counts, never which screen
shows the same thing.
"""

from __future__ import annotations

TERMS = (
    (
        "Signaal",
        "een bericht van een woningcorporatie, energie- of drinkwaterbedrijf, zorgverzekeraar "
        "of andere partner dat een inwoner een betalingsachterstand heeft.",
    ),
    (
        "Melding",
        "alle signalen van één adres uit één maand samen; dat samenvoegen heet de matching. De "
        "gemeente werkt per melding.",
    ),
    (
        "Go",
        "de gemeente pakt de melding op volgens haar beleid. In de tabellen heet dat ook "
        "Opgepakt (go).",
    ),
    (
        "No-go",
        "de gemeente pakt de melding niet op, bijvoorbeeld omdat het bedrag te laag is of omdat "
        "de inwoner al bekend is bij schuldhulpverlening.",
    ),
    (
        "Bereikt",
        "de gemeente heeft de inwoner gesproken, bijvoorbeeld aan de deur, aan de telefoon of "
        "in een gesprek.",
    ),
    (
        "Werkbakje",
        "een werklijst van de uitvoerders. De gemeente verdeelt de meldingen die ze oppakt over "
        "werkbakjes, naar haar aanpak: bijvoorbeeld een brief of een huisbezoek.",
    ),
    (
        "DDAS",
        "de landelijke standaard waarin gemeenten hun gegevens over vroegsignalering aan CBS "
        "leveren. De namen van de eindresultaten komen uit die standaard.",
    ),
    (
        "Mediaan",
        "de helft van de meldingen was sneller, de andere helft langzamer. Een enkele melding "
        "die heel lang duurde, telt zo niet zwaar mee.",
    ),
    (
        "90e percentiel",
        "9 van de 10 meldingen waren sneller. Zo is te zien hoe lang de langzaamste meldingen "
        "duren.",
    ),
    (
        "Heropaf",
        "een half jaar nadat de gemeente de partner heeft laten weten hoe het is afgelopen, "
        "vraagt ze de partner of de betalingen weer lopen. Lopen ze niet, dan zoekt de gemeente "
        "de inwoner opnieuw op. Een gemeente kan een andere termijn kiezen dan een half jaar.",
    ),
)
