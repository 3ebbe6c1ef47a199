"""The errors a casework action can end in; each message is Dutch and can be shown as is."""


class CaseworkError(Exception):
    """An action that the rules do not allow, with a Dutch explanation for the user."""


class StaleMelding(CaseworkError):
    """Someone else changed the melding after the user opened it."""

    def __init__(self) -> None:
        super().__init__(
            "Iemand anders heeft deze melding intussen gewijzigd. "
            "Bekijk de nieuwe stand en voer uw wijziging opnieuw in."
        )
