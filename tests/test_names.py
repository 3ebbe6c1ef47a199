"""Names as the app writes them, whoever delivered them: initials with a full stop each."""

import pytest

from vroegsignaal.names import TypedName, initials_fit, typed_names, written_initials


@pytest.mark.parametrize(
    ("delivered", "written"),
    [("J", "J."), ("JH", "J.H."), ("J H", "J.H."), ("J.H.", "J.H."), ("j.h", "J.H."),
     ("J. H.", "J.H."), ("Th J", "Th.J."), ("Th.J.", "Th.J."), ("É", "É."), ("", "")],
)  # fmt: skip
def test_initials_get_a_full_stop_each_as_the_brp_extract_leaves_them_out(delivered, written):
    assert written_initials(delivered) == written


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("Simons", [TypedName("Simons")]),
        ("van der Berg", [TypedName("van der Berg")]),
        ("Berg, van der", [TypedName("van der Berg")]),
        ("J. Simons", [TypedName("Simons", "J.")]),
        ("J Simons", [TypedName("Simons", "J.")]),
        ("J.H. Simons", [TypedName("Simons", "J.H.")]),
        ("J.Simons", [TypedName("Simons", "J.")]),  # typed without a space
        ("J.H.Simons", [TypedName("Simons", "J.H.")]),
        ("Simons,J.", [TypedName("Simons", "J.")]),
        ("JH Simons", [TypedName("Simons", "J.H."), TypedName("JH Simons")]),
        ("Simons, J.", [TypedName("Simons", "J.")]),
        ("Berg, J. van der", [TypedName("van der Berg", "J.")]),
        ("Berg, van der, J.", [TypedName("van der Berg", "J.")]),
        ("Simons J.", [TypedName("Simons", "J.")]),
        ("J. van Dokkum", [TypedName("van Dokkum", "J.")]),
        ("Jacob van Dokkum", [TypedName("van Dokkum", "J."), TypedName("Jacob van Dokkum")]),
        ("jolie simons", [TypedName("simons", "J."), TypedName("jolie simons")]),
        # A double surname ('Oude Egbrink') may also be a first name and a surname.
        ("Oude Egbrink", [TypedName("Egbrink", "O."), TypedName("Oude Egbrink")]),
        ("Jan Hendrik Simons", [TypedName("Simons", "J.H."), TypedName("Hendrik Simons", "J."),
                                TypedName("Jan Hendrik Simons")]),
    ],
)  # fmt: skip
def test_a_name_is_read_with_initials_or_first_names_before_the_surname(typed, readings):
    """A resident on the phone says 'Jolie Simons', the letter says 'J. Simons': both are read
    as initials (or a first name) and a surname, and a name of several words also as a surname
    alone, in case it is one."""
    assert typed_names(typed) == readings


@pytest.mark.parametrize(
    ("typed", "initials", "first_names", "brp_initials"),
    [
        ("J.", "J.", "", ""),
        ("J.", "J.H.", "", ""),
        ("J.H.", "J.", "", ""),  # the creditor knew the first initial only
        ("H.", "J.H.", "", ""),  # called by a second name: Henk for Johannes Hendrikus
        ("J.", "", "Jolie Anne", ""),
        ("J.", "", "jolie", ""),
        ("J.", "K.", "", "J."),  # the BRP writes the person's initials so
        ("J.", "", "", ""),  # a signal without initials may be anyone's
        ("E.", "É.", "", ""),
    ],
)
def test_typed_initials_fit_a_signal_with_those_initials_or_first_names(
    typed, initials, first_names, brp_initials
):
    assert initials_fit(typed, initials, first_names, brp_initials)


@pytest.mark.parametrize(
    ("typed", "initials", "first_names"),
    [("J.", "K.", ""), ("J.", "", "Karel"), ("J.H.", "K.H.", ""), ("J.", "A.B.", "")],
)
def test_typed_initials_do_not_fit_a_signal_with_other_initials(typed, initials, first_names):
    assert not initials_fit(typed, initials, first_names, "")
