"""Faults of the plain-text reader found by hostile input (issue 15): lines taken for page furniture that are not.

A running head repeats one text, with at most a page number changing as the pages go by; lines whose words
or whose other numbers differ are distinct lines, never a running head.
"""

from __future__ import annotations

import itertools

from conftest import deadline

from essayconv.model import Heading, Paragraph, plain_text
from essayconv.readers.plaintext import read

PLACES = [
    "the marsh",
    "the old quarry",
    "the cedar hollow",
    "the harbour wall",
    "the upper meadow",
    "the ford",
    "the lantern hill",
    "the salt flats",
    "the east copse",
    "the mill race",
]
WORDS = ["Cedar", "Hollow", "Tide", "Lantern"]


def _prose(k: int) -> str:
    """Three wrapped lines of prose, their words different for each ``k`` (pages never repeat their text)."""
    place = PLACES[k % len(PLACES)]
    return (
        f"The survey teams walked the transect by {place} every spring and counted what they found there,\n"
        f"so that a change at {place} could be told apart from the ordinary scatter of the counts between\n"
        f"the years, and the notes on {place} could be read against those of another team.\n"
    )


def _running_heads(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.text.replace("\f", "") for r in doc.removed if r.reason == "running-head"]


def _headings(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)]


def _body(doc) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(plain_text(b.content) for b in doc.blocks if isinstance(b, Heading | Paragraph))


def _numbered_sections(titles: list[str]) -> str:
    parts = ["Field Notes from Many Places\n"]
    for n, title in enumerate(titles, start=1):
        parts.append(
            f"\n{n}. {title}\n\nSection {n} reports what the team saw there and ends with a plain full stop.\n"
        )
    return "".join(parts)


def test_numbered_headings_whose_words_repeat_are_not_running_heads() -> None:
    # 300 headings "N. Three Title Words" drawn from four words: the same three words come back under other
    # numbers ("4. Cedar Hollow Tide", "221. Cedar Hollow Tide"), but a list number is no page number.
    triples = [" ".join(t) for t in itertools.product(WORDS, repeat=3)]
    titles = [triples[(n * 7) % len(triples)] for n in range(300)]
    doc = read(_numbered_sections(titles))
    assert _running_heads(doc) == []
    assert len(_headings(doc)) == 300


def test_numbered_headings_with_the_same_words_are_not_running_heads() -> None:
    # The worst case: every heading reads "N. Three Title Words", the number going up by one each time.
    doc = read(_numbered_sections(["Three Title Words"] * 200))
    assert _running_heads(doc) == []
    assert [r for r in doc.removed if "Three Title Words" in r.text] == []
    assert len(_headings(doc)) == 200


def test_results_lines_of_a_lab_report_are_kept() -> None:
    results = [
        "pH 9 p_value: 0.0106",
        "pH 7 p_value: 0.0311",
        "pH 5 p_value: 0.0482",
        "pH 3 p_value: 0.0927",
        "pH 11 p_value: 0.0205",
    ]
    same_value = ["pH 3 p_value: 0.05", "pH 5 p_value: 0.05", "pH 7 p_value: 0.05"]
    rows = ["Larva 1 (L1)", "Larva 2 (L2)", "Larva 3 (L3)", "Larva 4 (L4)"]
    text = (
        "Buffer Strength and Seed Growth\n\nIntroduction:\n"
        + _prose(0)
        + "\nResults:\n"
        + "\n".join(results)
        + "\n\n"
        + _prose(1)
        + "\n"
        + "\n".join(same_value)
        + "\n\n"
        + _prose(2)
        + "\n"
        + "\n".join(rows)
        + "\n\nDiscussion:\n"
        + _prose(3)
    )
    doc = read(text)
    assert _running_heads(doc) == []
    removed = {r.text for r in doc.removed}
    assert not removed & set(results + same_value + rows)


def test_notes_and_captions_near_page_breaks_are_not_running_heads() -> None:
    # With form feeds: a note at the foot of a page ("Ibid., 12.") and a figure's caption on a page of its
    # own ("Figure 2:") come round near the page breaks with a changing number, but it is not the page's.
    pages = []
    for n, note in enumerate(["Ibid., 12.", "Ibid., 40.", "Ibid., 7."], start=1):
        pages.append(_prose(n) + _prose(n + 3) + f"{note}\n\n{n}\n")
    for k in (1, 2, 3):
        pages.append(f"Figure {k}:\nCounts per transect in year {k}, by team.\n\n{k + 3}\n")
    doc = read("Counting Birds on Transects\n\n" + "\f".join(pages))
    taken = _running_heads(doc)
    assert not [t for t in taken if t.startswith(("Ibid", "Figure"))], taken


def test_running_heads_with_page_numbers_are_still_removed_without_form_feeds() -> None:
    for head in ("Surname {}", "Running head: TRANSECTS {}"):
        pages = [head.format(n) + "\n" + _prose(n) + _prose(n + 5) + "\n" for n in range(1, 6)]
        doc = read("Counting Birds on Transects\n\n" + "".join(pages))
        assert _running_heads(doc) == [head.format(n) for n in range(1, 6)], head
        assert "Surname" not in _body(doc) and "TRANSECTS" not in _body(doc)


def test_running_heads_with_page_numbers_are_still_removed_with_form_feeds() -> None:
    # "Transects 2" heads page 2 and so on; the title page has none.
    pages = ["Counting Birds on Transects\n\n" + _prose(0)]
    pages += [f"Transects {n}\n" + _prose(n) + _prose(n + 4) for n in range(2, 6)]
    doc = read("\f".join(pages))
    assert _running_heads(doc) == [f"Transects {n}" for n in range(2, 6)]
    assert "Transects 3" not in _body(doc)


def test_ten_thousand_numbered_headings_read_in_linear_time() -> None:
    """Every heading kept, and the run check of diagram labels no longer compares each run with every later
    heading (25 s for this paper before, about 2 s now; the deadline only turns a hang into a failure)."""
    text = "".join(
        f"{n}. Three Title Words\n\nThe heading above is number {n}, and this paragraph says so.\n\n"
        for n in range(1, 10_001)
    )
    with deadline(20):
        doc = read("Many Sections\n\n" + text)
    assert len(_headings(doc)) == 10_000 and not _running_heads(doc)
