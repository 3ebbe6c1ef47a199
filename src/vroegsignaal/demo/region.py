"""The fixed data of the demo region Twente.

The organisations themselves (municipalities with CBS codes, inhabitants and PC4 areas; the
fictional creditors and their agreements) are in `twente.yaml`, applied as organisations as
code. This module adds what only the generator needs: place names per PC4, the partner mix,
and per creditor its market share, delivery day, klantnummer format and file style.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.demo.files import FileStyle
from vroegsignaal.organisations.configuration import load_document

DOCUMENT_PATH = Path(__file__).with_name("twente.yaml")
REGION_NAME = "Twente"

# About 4 signals per 1,000 inhabitants per month (national figure for 2024).
SIGNALS_PER_1000_PER_MONTH = 4.0

# The share of each partner type in all signals (national practice).
PARTNER_MIX: dict[str, float] = {
    Signaalpartner.ZORG: 0.45,
    Signaalpartner.ENERGIE: 0.25,
    Signaalpartner.HUUR: 0.19,
    Signaalpartner.WATER: 0.07,
    Signaalpartner.OVERIGE: 0.04,
}

# Woonplaats per PC4 where it is not the municipality's own name (BAG woonplaatsen).
PLACES: dict[str, str] = {
    "7611": "Aadorp",
    "7625": "Zenderen",
    "7627": "Hertme",
    "7561": "Deurningen",
    "7591": "Denekamp",
    "7595": "Weerselo",
    "7596": "Rossum",
    "7597": "Saasveld",
    "7631": "Ootmarsum",
    "7634": "Tilligte",
    "7635": "Lattrop",
    "7636": "Agelo",
    "7441": "Nijverdal",
    "7442": "Nijverdal",
    "7443": "Nijverdal",
    "7448": "Haarle",
    "7686": "Daarle",
    "7687": "Daarlerveen",
    "7471": "Goor",
    "7472": "Goor",
    "7475": "Markelo",
    "7478": "Diepenheim",
    "7491": "Delden",
    "7495": "Delden",
    "7496": "Hengevelde",
    "7497": "Bentelo",
    "7585": "Glane",
    "7586": "Overdinkel",
    "7587": "De Lutte",
    "7588": "Beuningen",
    "7451": "Holten",
    "7452": "Holten",
    "7461": "Rijssen",
    "7462": "Rijssen",
    "7463": "Rijssen",
    "7614": "Mariaparochie",
    "7615": "Harbrinkhoek",
    "7661": "Vasse",
    "7662": "Hezingen",
    "7663": "Mander",
    "7664": "Reutum",
    "7666": "Fleringen",
    "7671": "Vriezenveen",
    "7672": "Vriezenveen",
    "7673": "Vriezenveen",
    "7675": "Bruinehaar",
    "7681": "Vroomshoop",
    "7682": "Vroomshoop",
    "7683": "Den Ham",
    "7684": "Den Ham",
    "7468": "Enter",
}


@dataclass(frozen=True)
class CreditorProfile:
    """How a demo creditor behaves: its share within its partner type, the day of the month it
    delivers, the shape of its klantnummers and the style of its files."""

    share: float
    # Before the matching day (demo.timeline.MATCHING_DAY): a run sees what was delivered.
    delivery_day: int
    customer_number: str  # a format with {n}; a plain "{n}" gives a number (numeric in XLSX)
    style: FileStyle


CREDITOR_PROFILES: dict[str, CreditorProfile] = {
    "zorgverzekeraar-oost": CreditorProfile(
        0.6, 20, "ZVO{n:09d}", FileStyle(encoding="utf-8-sig", with_bsn=True)
    ),
    "zorgzeker": CreditorProfile(
        0.4, 15, "{n}", FileStyle(kind="xlsx", yes_no=("J", "N"), with_bsn=True)
    ),
    "energie-oost": CreditorProfile(
        0.65,
        25,
        "EO-{n:07d}",
        FileStyle(encoding="cp1252", amount="dutch", postcode="spaced", split_house_number=True),
    ),
    "groenstroom": CreditorProfile(
        0.35,
        25,
        "GS{n:08d}",
        FileStyle(
            encoding="utf-8",
            delimiter=",",
            date_format="%Y-%m-%d",
            amount="plain",
            postcode="plain",
        ),
    ),
    "waterbedrijf-oost": CreditorProfile(
        1.0, 10, "{n}", FileStyle(kind="xlsx", title_headers=True, yes_no=("Ja", "Nee"))
    ),
    "tukkersthuis": CreditorProfile(
        0.7, 25, "TH{n:06d}", FileStyle(encoding="cp1252", date_format="%d/%m/%Y")
    ),
    "hengelo-borne-wonen": CreditorProfile(
        1.0, 24, "HBW-{n:06d}", FileStyle(encoding="utf-8-sig", title_headers=True)
    ),
    "wonen-aan-de-aa": CreditorProfile(
        1.0, 25, "AA{n:06d}", FileStyle(kind="xlsx", split_house_number=True)
    ),
    "dinkelwonen": CreditorProfile(
        0.5, 22, "DW{n:05d}", FileStyle(encoding="cp1252", delimiter=",", amount="dutch")
    ),
    "reggedal-wonen": CreditorProfile(
        0.3, 25, "RW{n:06d}", FileStyle(encoding="utf-8", postcode="spaced")
    ),
    "telecom-twente": CreditorProfile(
        1.0, 5, "TT{n:07d}", FileStyle(encoding="utf-8-sig", date_format="%Y-%m-%d")
    ),
}


def load_region_document() -> dict:
    """The organisations-as-code document of the demo region (twente.yaml)."""
    return load_document(DOCUMENT_PATH)


def place_for(pc4: str, municipality_name: str) -> str:
    """The woonplaats of a PC4 area in the demo region."""
    return PLACES.get(pc4, municipality_name)
