"""The reader's named rules, one fixture case each (tests/rules/*.txt; format in tests/rules/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from essayconv.inspect import trace_lines, trace_report
from essayconv.readers.plaintext import read
from essayconv.readers.trace import tracing

RULES = Path(__file__).parent / "rules"


def _cases(path: Path) -> list[tuple[str, str, list[tuple[int, str, str]]]]:
    """(title, input, expected) for each case of a fixture file."""
    cases = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: a case's title is followed by a line '.'"
        end_input = lines.index(".", i + 2)
        end_expected = lines.index(".", end_input + 1)
        expected = []
        for row in lines[end_input + 1 : end_expected]:
            no, became, rule = row.split()
            expected.append((int(no), became, rule))
        cases.append((title, "\n".join(lines[i + 2 : end_input]) + "\n", expected))
        i = end_expected + 1
    return cases


CASES = [
    pytest.param(text, expected, id=f"{path.stem}: {title}")
    for path in sorted(RULES.glob("*.txt"))
    for title, text, expected in _cases(path)
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rule_fixture(text: str, expected: list[tuple[int, str, str]]) -> None:
    with tracing() as steps:
        read(text)
    rows = trace_lines(text, steps)
    got = {r["line"]: r for r in rows}
    report = trace_report(rows, "case")
    assert [r["line"] for r in rows if r["became"] == "unaccounted"] == [], report
    for no, became, rule in expected:
        # the line became this, and the rule is the one that decided it or one that decided on the way (the
        # paragraph boundary rule under a line the heading table took)
        row = got[no]
        assert row["became"] == became and rule in [row["rule"], *row["earlier"]], f"line {no}\n{report}"


def test_fixture_files_have_cases() -> None:
    # (a fixture file that parses to no cases would pass silently)
    for path in sorted(RULES.glob("*.txt")):
        assert _cases(path), path.name
