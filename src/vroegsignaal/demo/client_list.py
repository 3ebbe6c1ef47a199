"""A made-up debt-help client list for the demo's largest municipality (Enschede).

Without one the matching skips the check "inwoner al bekend bij schuldhulpverlening", and the
meldpunt's page of reference lists stays empty. Here a few percent of the people Enschede's
signals name (as debt help would know them: surname, date of birth and address) are written to
a CSV in the demo's output folder and read in with the same service as an upload, before the
months are matched. Read in once, into a fresh demo: a top-up keeps the list it has, and a demo
matched before there was a list stays without one.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.models import ReferenceListImport, ReferenceListKind
from vroegsignaal.matching.reference_lists import CLIENT_ADDRESS_COLUMNS, import_known_clients
from vroegsignaal.organisations.models import Municipality

CLIENT_SHARE = 0.03  # of the distinct people named in the municipality's signals
DEMO_MUNICIPALITY = "0153"  # Enschede
CLIENT_LIST_FOLDER = "gemeente"  # beside the creditors' deliveries, apart from them


def ensure_client_list(output_dir: Path, seed: int) -> int:
    """Read in the demo client list if the municipality has none yet; the number of clients."""
    municipality = Municipality.objects.filter(code=DEMO_MUNICIPALITY).first()
    if (
        municipality is None
        or ReferenceListImport.objects.filter(
            municipality=municipality, kind=ReferenceListKind.CLIENTS
        ).exists()
        # A demo matched without a list keeps its statuses: work was done on those meldingen.
        or Melding.objects.filter(municipality=municipality).exists()
    ):
        return 0
    people = sorted(
        set(
            Signal.objects.filter(municipality=municipality, birth_date__isnull=False).values_list(
                "surname", "birth_date", "postcode", "house_number", "house_letter",
                "house_number_addition",
            )
        )
    )  # fmt: skip
    chosen = random.Random(seed).sample(people, round(len(people) * CLIENT_SHARE))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(CLIENT_ADDRESS_COLUMNS)
    for surname, birth_date, postcode, number, letter, addition in sorted(chosen):
        writer.writerow([surname, f"{birth_date:%d-%m-%Y}", postcode, number, letter, addition])
    path = output_dir / CLIENT_LIST_FOLDER / f"klantenlijst-{municipality.name.lower()}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return import_known_clients(municipality, buffer.getvalue(), filename=path.name)
