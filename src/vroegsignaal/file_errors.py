"""Why a file could not be read or written, in Dutch, for the messages of the commands.

The operating system's own text ("No such file or directory") is English; an operator of a
Dutch municipality reads the reason here, with the system's error code for anything rarer.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EACCES: "u hebt geen toestemming (controleer de rechten)",
    errno.EPERM: "u hebt geen toestemming (controleer de rechten)",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen te lezen",
}


def dutch_reason(exc: OSError) -> str:
    """The reason of an OSError in Dutch, e.g. 'het bestand of de map bestaat niet'."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno, exc.errno) if exc.errno else "onbekend"
    return f"het besturingssysteem meldt fout {code}"
