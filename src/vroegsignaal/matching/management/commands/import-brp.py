from vroegsignaal.matching.list_doubts import EXTRACT_CONFIRMATIONS
from vroegsignaal.matching.management.commands._reference_list_command import ReferenceListCommand
from vroegsignaal.matching.reference_lists import import_population_register


class Command(ReferenceListCommand):
    help = (
        "Een BRP-uittreksel (één rij per inwoner) van een gemeente inlezen (vervangt het vorige)."
    )
    importer = staticmethod(import_population_register)
    command = "import-brp"
    confirmations = EXTRACT_CONFIRMATIONS
