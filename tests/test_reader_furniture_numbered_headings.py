"""Furniture on unseen kinds of text: numbered section headings and result lines are not running heads.

A running head repeats one short text near the page breaks, with at most a page number that follows the
pages. Numbered headings ("3.2 Sampling", "24 Sampling") and lab results ("pH 9 p_value: 0.0106") share
words and carry numbers too; they must stay in the text (generated text, written for these tests)."""

from __future__ import annotations

from essayconv.model import Heading, plain_text
from essayconv.readers.plaintext import read

_WORDS = (
    "sampling methods results water soil river forest survey design analysis field site growth model data "
    "trees birds fish climate rainfall"
).split()


def _sentence(i: int) -> str:
    # a line of prose of its own for each section (no two alike)
    return (
        f"The cores from plot {i * 7 + 3} were taken at dawn and kept cold until they reached the laboratory, "
        f"where core {i * 11 + 5} was weighed and dried."
    )


def _sections(headings: list[str], page_breaks: bool) -> str:
    out = ["Field Notes on Many Small Plots", ""]
    for i, h in enumerate(headings):
        if page_breaks:
            out.append("\f" + h)  # each heading opens a page: every one of them is near a page break
        else:
            out.append(h)
        out += [_sentence(i), f"Plot {i} held {i % 17 + 2} samples of each kind, and all were kept.", ""]
    return "\n".join(out) + "\n"


def _running_heads(text: str) -> list[str]:
    return [r.text.strip("\f") for r in read(text).removed if r.reason == "running-head"]


def test_many_distinct_numbered_headings_are_not_running_heads() -> None:
    n = 600
    forms = [
        [f"{i // 9 + 1}.{i % 9 + 1} {_WORDS[i % len(_WORDS)].title()}" for i in range(n)],
        [f"{i + 1} {_WORDS[i % len(_WORDS)].title()}" for i in range(n)],
        [f"{_WORDS[i % len(_WORDS)].title()} {i + 1}" for i in range(n)],
    ]
    for headings in forms:
        for page_breaks in (True, False):
            removed = set(_running_heads(_sections(headings, page_breaks)))
            assert not removed & set(headings), (headings[:2], page_breaks, sorted(removed & set(headings))[:5])


def test_numbered_headings_keep_their_place_as_headings() -> None:
    headings = [
        f"{i // 9 + 1}.{i % 9 + 1} {_WORDS[i % len(_WORDS)].title()} {_WORDS[(i * 7) % len(_WORDS)]}" for i in range(60)
    ]
    doc = read(_sections(headings, page_breaks=True))
    found = [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)]
    assert len(found) >= 55, found[:10]


def test_a_numbered_running_head_on_each_page_is_still_removed() -> None:
    pages = []
    for p in range(1, 13):
        body = [_sentence(p * 3 + k) for k in range(6)]
        pages.append("\n".join([f"Soil Survey {p}", *body, ""]))
    text = "Soil Survey of the Upper Valley\n\n" + "\f".join(pages)
    removed = _running_heads(text)
    assert sum(1 for t in removed if t.startswith("Soil Survey ")) >= 11, removed


def test_result_lines_of_a_lab_report_are_not_running_heads() -> None:
    rows = [f"pH {ph} p_value: 0.{(ph * 379) % 9000 + 1000:04d}" for ph in range(3, 12)]
    for page_breaks in (True, False):
        blocks = []
        for k, row in enumerate(rows):
            blocks.append(("\f" if page_breaks and k % 2 == 0 else "") + row)
            blocks.append(_sentence(k))
        text = "Enzyme Activity and pH\n\n" + "\n".join(blocks) + "\n"
        assert not set(_running_heads(text)) & set(rows)
