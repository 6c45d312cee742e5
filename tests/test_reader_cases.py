"""Reader goldens: tests/cases/NAME.txt read into a compact dump compared with NAME.json.

Regenerate after an intended change with ``ESSAYCONV_REGEN=1 python -m pytest tests/test_reader_cases.py``
and review the diff of tests/cases/*.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from essayconv.convert import read
from essayconv.model import (
    BlockQuote,
    Cite,
    Document,
    Heading,
    Inline,
    ListBlock,
    NoteRef,
    Paragraph,
    Preformatted,
    Text,
)

CASES = Path(__file__).resolve().parent / "cases"


def _inlines(seq: tuple[Inline, ...]) -> list[Any]:
    out: list[Any] = []
    for node in seq:
        match node:
            case Text(text=t):
                out.append(t)
            case Cite():
                out.append(
                    {
                        "cite": node.text,
                        "mode": node.mode,
                        "line": node.line,
                        "items": [
                            {
                                k: v
                                for k, v in (
                                    ("author", i.author),
                                    ("year", i.year),
                                    ("number", i.number),
                                    ("locator", i.locator),
                                    ("label", i.label),
                                    ("prefix", i.prefix),
                                    ("suffix", i.suffix),
                                )
                                if v
                            }
                            for i in node.items
                        ],
                    }
                )
            case NoteRef(note_id=n, mark=m):
                out.append({"noteref": n, "mark": m})
            case _:
                out.append({"other": type(node).__name__})
    return out


def dump(doc: Document) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for b in doc.blocks:
        match b:
            case Heading():
                blocks.append(
                    {"heading": b.level, "numbering": b.numbering, "line": b.line, "content": _inlines(b.content)}
                )
            case Paragraph():
                blocks.append({"para": b.role, "line": b.line, "content": _inlines(b.content)})
            case BlockQuote():
                blocks.append({"quote": [_inlines(p.content) for p in b.paragraphs], "line": b.line})
            case ListBlock():
                blocks.append({"list": [[i.marker, _inlines(i.content)] for i in b.items], "ordered": b.ordered})
            case Preformatted():
                blocks.append({"pre": b.text, "line": b.line})
    return {
        "meta": {
            k: getattr(doc.meta, k)
            for k in ("title", "subtitle", "author", "instructor", "course", "date", "running_head")
            if getattr(doc.meta, k)
        },
        "blocks": blocks,
        "footnotes": [
            {"id": f.id, "mark": f.mark, "line": f.line, "content": _inlines(f.content)} for f in doc.footnotes
        ],
        "references_heading": doc.references_heading,
        "references": [{"id": r.id, "number": r.number, "line": r.line, "raw": r.raw} for r in doc.references],
        "removed": [[r.line, r.text, r.reason] for r in doc.removed],
    }


CASE_FILES = sorted(CASES.glob("*.txt"))


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_reader_golden(path: Path) -> None:
    got = dump(read(path.read_bytes(), source_name=path.name))
    expected_path = path.with_suffix(".json")
    if os.environ.get("ESSAYCONV_REGEN"):
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
