"""The reference list's rule tables (readers/refsection.py): named, documented, each with a fixture case."""

from __future__ import annotations

from pathlib import Path

from essayconv.model import all_cites
from essayconv.readers import refsection

FIXTURES = (Path(__file__).parent / "rules" / "references.txt").read_text(encoding="utf-8")
TABLES = {
    "_LIST_FINDERS": refsection._LIST_FINDERS,
    "_LIST_SHAPES": refsection._LIST_SHAPES,
    "_WRAPPED_STARTS": refsection._WRAPPED_STARTS,
}


def test_rules_are_named_documented_and_unique() -> None:
    names = [name for table in TABLES.values() for name, _ in table]
    assert all(n.startswith("refsection.") for n in names), names
    for table_name, table in TABLES.items():
        assert len({n for n, _ in table}) == len(table), table_name
        for name, fn in table:
            assert fn.__doc__ and fn.__doc__.strip(), f"{name}: say the case it handles"


def test_every_entry_rule_has_a_fixture_case() -> None:
    # The rules that start entries are what the trace records for a reference line; the finder's
    # "refsection.heading" is recorded for the heading line. (The wrapped shape has no record of its own:
    # its start rules do.)
    recorded = (
        [n for n, _ in refsection._WRAPPED_STARTS]
        + [n for n, _ in refsection._LIST_SHAPES if n != "refsection.wrapped"]
        + [
            "refsection.heading",
            "refsection.first-entry",
            "refsection.bullets-apart",
            "refsection.bullet-mark",
            "refsection.subheading",
            "refsection.stacked-headings",
        ]
    )
    missing = [n for n in recorded if f" {n}\n" not in FIXTURES]
    assert missing == [], missing


def test_a_list_pasted_as_one_line_is_split_into_its_entries() -> None:
    # lab reports exported from forms put the whole list on one line, numbered or author-year; the
    # citations then link to each entry
    from essayconv.citations.resolve import resolve
    from essayconv.readers.plaintext import read

    numbered = (
        "Leaf Colour\n\nAnthocyanins shield the leaf [Steyn: 2002] and may raise efficiency [Nielsen 2011].\n\n"
        "Literature Cited\n\n1. Nielsen SL, Simonsen AM. 2011. Photosynthesis and photoinhibition in two "
        "differently coloured varieties of Oxalis triangularis. Photosynthetica. 49 (3): 346-352. 2. Steyn WJ, "
        "Wand SJE, Holcroft DM, Jacobs G. 2002. Anthocyanins in vegetative tissues: a proposed unified function "
        "in photoprotection. New Phytologist. 3: 390-400. 3. Neill SO. 2007. The functional role of "
        "anthocyanins in leaves. University of Auckland.\n"
    )
    doc = resolve(read(numbered))
    assert [r.raw[:12] for r in doc.references] == ["1. Nielsen S", "2. Steyn WJ,", "3. Neill SO."]
    assert [r.number for r in doc.references] == [1, 2, 3]
    keys = [i.key for b in doc.blocks for n in getattr(b, "content", ()) for i in getattr(n, "items", ())]
    assert keys == [doc.references[1].id, doc.references[0].id]


def test_a_list_of_one_entry_numbered_1_is_numbered() -> None:
    # rule single-numbered: the numbered shape needs two numbered lines; a report that lists one work as
    # "1. Johnson AD. ..." cites it as [1], and the entry prints without its "1."
    from essayconv.citations.resolve import resolve
    from essayconv.readers.plaintext import read

    essay = (
        "Moulting\n\nLarvae moult when the hormone falls.[1] The second cue is unknown [2].\n\nReferences\n\n"
        "1. Johnson AD. Hormone Regulation. Comparative Physiology Laboratory Manual. Dept. Biology, 2018.\n"
    )
    doc = resolve(read(essay))
    [ref] = doc.references
    assert ref.number == 1 and ref.raw.startswith("1. Johnson AD.")
    cites = [(c.text, c.items[0].key) for c in all_cites(doc)]
    assert cites == [("[1]", ref.id), ("[2]", None)]
    one_line = essay.replace("1. Johnson AD.", "Johnson AD.")
    assert read(one_line).references[0].number is None
