"""The private-use characters the citation layer writes into citeproc's text have one home,
citations/markers.py (issue 19): no other module of the citation layer or the writers spells one."""

from __future__ import annotations

import re
from pathlib import Path

from essayconv.citations import markers

SRC = Path(__file__).resolve().parents[1] / "src" / "essayconv"
# a private-use code point written as an escape (BMP U+E000-U+F8FF, planes 15-16) or as itself
_SPELLED = re.compile(
    r"\\u[eEfF][0-9a-fA-F]{3}|\\U000[fF][0-9a-fA-F]{4}|\\U0010[0-9a-fA-F]{4}"
    r"|chr\(0x[eEfF][0-9a-fA-F]{3}\)|range\(0x[eE]|[\ue000-\uf8ff\U000f0000-\U0010ffff]"
)


def _spelled(path: Path) -> list[str]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for m in _SPELLED.finditer(line):
            if m.group(0).lower().startswith("\\uf") and not re.match(r"\\u[fF][0-8]", m.group(0)):
                continue  # (U+F900 and above: not private use)
            out.append(f"{path.name}:{n}: {m.group(0)!r}")
    return out


def test_only_markers_py_spells_private_use_characters() -> None:
    files = [*(SRC / "citations").glob("*.py"), *(SRC / "writers").glob("*.py")]
    assert len(files) > 10
    found = [hit for p in files if p.name != "markers.py" for hit in _spelled(p)]
    assert found == []


def test_the_check_finds_a_spelled_marker(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('X = "\\ue0f0"\nY = "\\U000f0004"\n', encoding="utf-8")
    assert len(_spelled(planted)) == 2


def test_markers_are_distinct_and_in_their_ranges() -> None:
    single = {k: v for k, v in vars(markers).items() if k.isupper() and isinstance(v, str) and len(v) == 1}
    assert len(set(single.values())) == len(single) - 2  # (MARK_FIRST is I_OPEN, MARK_LAST is UNRENDERABLE)
    for name, ch in single.items():
        assert markers.MARK_FIRST <= ch <= markers.MARK_LAST or "\U000f0000" <= ch, name
