"""The reference list's rule tables (readers/refsection.py): named, documented, each with a fixture case."""

from __future__ import annotations

from pathlib import Path

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
    recorded = [n for n, _ in refsection._WRAPPED_STARTS] + [
        n for n, _ in refsection._LIST_SHAPES if n != "refsection.wrapped"
    ] + ["refsection.heading", "refsection.first-entry", "refsection.bullets-apart", "refsection.bullet-mark",
         "refsection.subheading", "refsection.stacked-headings"]
    missing = [n for n in recorded if f" {n}\n" not in FIXTURES]
    assert missing == [], missing
