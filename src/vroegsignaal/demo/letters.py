"""Letter settings for the demo municipalities, so that a letter can be made straight away,
and how to reach their privacy officer, which the inzage document gives the resident.

Without contact details no letter can be made (`letters.services.settings_for`); a demo in
which the first letter a visitor tries is refused shows a set-up step, not the product. The
numbers and addresses are made up on purpose: the phone number is visibly not a real one and
the e-mail domain is reserved for examples (RFC 2606), so a printed demo letter cannot send a
resident to a real office. Settings a user changed are kept: only missing ones are added.
"""

from __future__ import annotations

from vroegsignaal.letters.models import ContactDetails, Letterhead
from vroegsignaal.organisations.models import Municipality


def ensure_demo_letter_settings(municipalities: list[Municipality]) -> int:
    """Give each municipality without them a letterhead and contact details; returns how many."""
    added = 0
    for municipality in municipalities:
        slug = municipality.name.lower().replace(" ", "-")
        _, created = ContactDetails.objects.get_or_create(
            municipality=municipality,
            defaults={
                "phone": "0900 000 00 00 (demo)",
                "email": f"vroegsignalering@{slug}.example",
                "walk_in_hours": "elke dinsdag van 9.00 tot 12.00 uur in het gemeentehuis",
            },
        )
        Letterhead.objects.get_or_create(
            municipality=municipality,
            defaults={
                "sender_name": f"Gemeente {municipality.name}",
                "sender_address": f"Postbus 1\n{_first_postcode(municipality)} AA  "
                f"{municipality.name.upper()}",
                "signature_name": "Team Vroegsignalering",
                "signature_role": "Afdeling Werk en Inkomen",
            },
        )
        added += created
    return added


def ensure_demo_privacy_officers(municipalities: list[Municipality]) -> int:
    """Give each municipality without any the contact details of its privacy officer (FG), made
    up like the letters' ones; returns how many. Details a beheerder filled in are kept."""
    added = 0
    for municipality in municipalities:
        if municipality.has_privacy_officer_contact:
            continue
        slug = municipality.name.lower().replace(" ", "-")
        municipality.privacy_officer_email = f"fg@{slug}.example"
        municipality.privacy_officer_phone = "0900 000 00 01 (demo)"
        municipality.privacy_officer_address = (
            f"Postbus 1, {_first_postcode(municipality)} AA {municipality.name}"
        )
        municipality.save(
            update_fields=[
                "privacy_officer_email", "privacy_officer_phone", "privacy_officer_address",
            ]
        )  # fmt: skip
        added += 1
    return added


def _first_postcode(municipality: Municipality) -> str:
    area = municipality.postcode_areas.values_list("postcode", flat=True).first()
    return area[:4] if area else "1000"
