from vroegsignaal.matching.list_doubts import CONFIRMATIONS
from vroegsignaal.matching.management.commands._reference_list_command import ReferenceListCommand
from vroegsignaal.matching.reference_lists import import_known_clients


class Command(ReferenceListCommand):
    help = "De klantenlijst schuldhulpverlening van een gemeente inlezen (vervangt de vorige)."
    importer = staticmethod(import_known_clients)
    command = "import-clients"
    confirmations = CONFIRMATIONS
