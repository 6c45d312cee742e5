"""Rendered training strings (references/synth.py): each token labelled by the CSL variable that produced it."""

from __future__ import annotations

import json

from essayconv.references import synth

BOOK = {
    "id": "b1",
    "type": "book",
    "author": [{"family": "Quist", "given": "Harriet L."}, {"family": "Okafor", "given": "Dele"}],
    "issued": {"date-parts": [[2014]]},
    "title": "Lanterns of the northern harbor",
    "edition": "3",
    "publisher": "Saltmarsh Books",
    "publisher-place": "Bristol",
}
CHAPTER = {
    "id": "c1",
    "type": "chapter",
    "author": [{"family": "Ferris", "given": "Amos"}],
    "editor": [{"family": "Haldane", "given": "Ruth M."}],
    "issued": {"date-parts": [[2009]]},
    "title": "Maps that remember",
    "container-title": "Essays on coastal memory",
    "page": "12-40",
    "publisher": "Tidewater Press",
    "publisher-place": "Cork",
}
ARTICLE = {
    "id": "a1",
    "type": "article-journal",
    "author": [{"family": "Brennan", "given": "Ita"}],
    "issued": {"date-parts": [[2020, 5]]},
    "title": "Salt roads of the winter coast",
    "container-title": "Field Notes Quarterly",
    "volume": "17",
    "issue": "2",
    "page": "101-119",
}


def records(items: list[dict], style: str) -> dict[str, dict]:
    rendered = synth.render([synth.clean_item(it) for it in items], style)
    return {it["id"]: synth.to_record(synth.clean_item(it), rendered[it["id"]], style) for it in items}


def test_apa_book_and_chapter_fields_take_their_variables_labels() -> None:
    recs = records([BOOK, CHAPTER], "apa")
    assert recs["b1"]["raw"] == (
        "Quist, H. L., & Okafor, D. (2014). Lanterns of the northern harbor (3rd ed.). Saltmarsh Books."
    )
    assert recs["b1"]["segments"] == [
        ["author", "Quist, H. L., & Okafor, D."],
        ["date", "(2014)."],
        ["title", "Lanterns of the northern harbor"],
        ["edition", "(3rd ed.)."],
        ["publisher", "Saltmarsh Books."],
    ]
    segs = dict((lab, text) for lab, text in recs["c1"]["segments"])
    assert segs["editor"] == "In R. M. Haldane (Ed.),"  # the names' initials and the role's term
    assert segs["container-title"] == "Essays on coastal memory"
    assert segs["pages"] == "(pp. 12–40)."


def test_numeric_style_numbers_volume_issue_and_pages() -> None:
    rec = records([ARTICLE], "vancouver-nlm")["a1"]
    labels = [lab for lab, _ in rec["segments"]]
    assert labels[:2] == ["citation-number", "author"]
    assert {"journal", "date", "volume", "issue", "pages"} <= set(labels)
    assert dict((lab, t) for lab, t in rec["segments"])["issue"].strip("():;") == "2"


def test_markers_never_reach_the_training_text() -> None:
    recs = records([BOOK, CHAPTER, ARTICLE], "modern-language-association")
    for rec in recs.values():
        assert not any(ord(c) >= 0xF0000 for c in rec["raw"] + json.dumps(rec["segments"]))
        # every word of the rendering belongs to a segment or is a style's own punctuation
        assert sum(len(t.split()) for _, t in rec["segments"]) == len(rec["raw"].split())


def test_generation_is_fixed_by_the_seed() -> None:
    styles = synth.sample_styles(3)
    assert styles[:9] == list(synth.CORE_STYLES) and len(styles) == 12
    assert styles == synth.sample_styles(3)
    a = list(synth.generate([BOOK, CHAPTER, ARTICLE], styles, 2))
    assert a == list(synth.generate([BOOK, CHAPTER, ARTICLE], styles, 2))
    assert 4 <= len(a) <= 6  # two styles per item (a style may render no entry for a kind)
