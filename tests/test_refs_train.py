"""Training code: a CRF trained from scratch on a few synthetic labelled strings learns their layout."""

from __future__ import annotations

import itertools
from pathlib import Path

from essayconv.references.crf import Tagger, align, tokenize
from essayconv.references.parse import parse_with
from essayconv.references.train import folds, train

FAMILIES = ["Marlowe", "Quist", "Okafor", "Brennan", "Haldane", "Ferris", "Nakamura", "Ito"]
WORDS = ["harbor", "salt", "memory", "gardens", "tides", "roads", "lanterns", "winter", "maps", "rivers"]
JOURNALS = ["Journal of Coastal Studies", "Trade Review", "Field Notes Quarterly", "Annals of Maps"]


def synthetic(n: int) -> list[dict]:
    """APA-like article strings with their gold segments, generated deterministically."""
    out = []
    combos = itertools.product(FAMILIES, WORDS, JOURNALS)
    for i, (fam, word, journal) in enumerate(itertools.islice(combos, n)):
        author = f"{fam}, {'ABCDEFGH'[i % 8]}. {'KLMN'[i % 4]}."
        date = f"({1990 + i % 30})."
        title = f"The {word} of {WORDS[(i + 3) % 10]} and {WORDS[(i + 5) % 10]}."
        volume = f"{i % 40 + 1}({i % 4 + 1}),"
        pages = f"{i + 10}-{i + 30}."
        segs = [
            ["author", author],
            ["date", date],
            ["title", title],
            ["journal", journal + ","],
            ["volume", volume],
            ["pages", pages],
        ]
        out.append({"id": f"syn{i}", "raw": " ".join(t for _, t in segs), "segments": segs})
    return out


def test_align_gives_each_token_its_segment_label() -> None:
    rec = synthetic(1)[0]
    spans = tokenize(rec["raw"])
    labels = align(rec["raw"], rec["segments"], spans)
    tokens = [rec["raw"][a:b] for a, b in spans]
    assert list(zip(tokens, labels))[:5] == [
        ("Marlowe,", "author"),
        ("A.", "author"),
        ("K.", "author"),
        ("(1990).", "date"),
        ("The", "title"),
    ]
    assert labels[-2:] == ["volume", "pages"]


def test_tokenize_splits_vancouver_volume_issue_pages() -> None:
    text = "2017;59(4):312-20."
    assert [text[a:b] for a, b in tokenize(text)] == ["2017;", "59", "(4):", "312-20."]


def test_train_from_scratch_learns_the_layout(tmp_path: Path) -> None:
    model = train(synthetic(60), tmp_path / "tiny.crfsuite", {"max_iterations": 60})
    assert model.exists() and model.stat().st_size > 0
    raw = "Ito, B. L. (2004). The maps of rivers and tides. Annals of Maps, 7(2), 55-80."
    csl = parse_with(raw, Tagger(model)).csl
    assert csl["author"] == [{"family": "Ito", "given": "B. L."}]
    assert csl["title"] == "The maps of rivers and tides"
    assert (csl["container-title"], csl["volume"], csl["issue"], csl["page"]) == ("Annals of Maps", "7", "2", "55-80")
    assert csl["issued"] == {"date-parts": [[2004]]}


def test_folds_partition_the_records_reproducibly() -> None:
    recs = synthetic(23)
    parts = folds(recs, 5)
    assert sorted(r["id"] for p in parts for r in p) == sorted(r["id"] for r in recs)
    assert [len(p) for p in parts] == [5, 5, 5, 4, 4]
    assert [r["id"] for r in folds(recs, 5)[0]] == [r["id"] for r in parts[0]]
