"""The errors a casework action can end in; each message is Dutch and can be shown as is."""


class CaseworkError(Exception):
    """An action that the rules do not allow, with a Dutch explanation for the user.

    ``field`` names the input the rule is about (the service's argument, which the forms use as
    field name), so a page can show the message at that field; None for the action as a whole.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StaleMelding(CaseworkError):
    """Someone else changed the melding after the user opened it."""

    def __init__(self) -> None:
        super().__init__(
            "Iemand anders heeft deze melding intussen gewijzigd. "
            "Bekijk de nieuwe stand en voer uw wijziging opnieuw in."
        )
