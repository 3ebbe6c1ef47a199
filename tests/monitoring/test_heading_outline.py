"""Every section title on the monitoring page and in the monthly report is a heading, in an
outline without gaps under the page's h1 (WCAG 1.3.1 and 2.4.6; QA15 B6): a screen reader user
jumps from section to section. Each figure stays labelled by its title."""

from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.urls import reverse

from tests.factories import UserFactory

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Outline(HTMLParser):
    """The headings of a page, (level, text), and each figure's label with the headings in it."""

    def __init__(self):
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.figures: list[dict] = []
        self.texts_by_id: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []  # elements whose text is being collected
        self._figure: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self._figure = {"labelledby": attrs.get("aria-labelledby"), "headings": []}
            self.figures.append(self._figure)
        if tag in HEADINGS or attrs.get("id"):
            self._open.append((tag, attrs.get("id")))
            if attrs.get("id"):
                self.texts_by_id[attrs["id"]] = []
            if tag in HEADINGS:
                self.headings.append((int(tag[1]), ""))
                if self._figure is not None:
                    self._figure["headings"].append(len(self.headings) - 1)

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        for tag, id_ in self._open:
            if id_:
                self.texts_by_id[id_].append(data)
            if tag in HEADINGS:
                level, text = self.headings[-1]
                self.headings[-1] = (level, text + data)

    def label_of(self, figure) -> str:
        return " ".join("".join(self.texts_by_id.get(figure["labelledby"], [])).split())


def _outline(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    return outline


@pytest.fixture
def leader(twente):
    user = UserFactory(project_leader=True, region=twente["region"])
    return user


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("monitoring:dashboard", {"van": "2026-10-01", "tot": "2026-10-31"}),
        ("monitoring:monthly", {"maand": "2026-10"}),
    ],
)
def test_every_section_title_is_a_heading_in_an_outline_without_gaps(client, leader, name, query):
    client.force_login(leader)

    outline = _outline(client.get(reverse(name), query).content.decode())

    levels = [level for level, _ in outline.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels)), levels
    assert len(outline.figures) >= 14
    for figure in outline.figures:
        (own,) = figure["headings"]  # one heading: the figure's title
        level, title = outline.headings[own]
        assert level >= 2 and title.strip()
        assert outline.label_of(figure) == " ".join(title.split())
    # The figures are not filed under the explanation of the words.
    explanation = next(i for i, (_, text) in enumerate(outline.headings) if "Wat betekenen" in text)
    first_figure = outline.figures[0]["headings"][0]
    between = [level for level, _ in outline.headings[explanation + 1 : first_figure + 1]]
    assert min(between) <= outline.headings[explanation][0], outline.headings
