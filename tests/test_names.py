"""Names as the app writes them, whoever delivered them: initials with a full stop each."""

import pytest

from vroegsignaal.names import written_initials


@pytest.mark.parametrize(
    ("delivered", "written"),
    [("J", "J."), ("JH", "J.H."), ("J H", "J.H."), ("J.H.", "J.H."), ("j.h", "J.H."),
     ("J. H.", "J.H."), ("Th J", "Th.J."), ("Th.J.", "Th.J."), ("É", "É."), ("", "")],
)  # fmt: skip
def test_initials_get_a_full_stop_each_as_the_brp_extract_leaves_them_out(delivered, written):
    assert written_initials(delivered) == written
