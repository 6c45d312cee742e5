"""Conversions running at once in threads (a Dask worker's default) give what they give one at a time:
the per-process caches (patterns, styles, DOCX parts, fonts) are shared safely."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import SAMPLES

from essayconv.convert import convert
from essayconv.options import ConvertOptions

JOBS = [
    (name, style, fmt)
    for name in ("apa-web-copy.txt", "chicago-notes.txt", "ieee-numbered.txt", "mla-heading-block.txt")
    for style, fmt in (("apa", "docx"), ("chicago-notes", "docx"), ("mla", "pdf"), ("ieee", "json"))
]


def _run(job: tuple[str, str, str]) -> bytes:
    name, style, fmt = job
    return convert((SAMPLES / name).read_bytes(), ConvertOptions(to=fmt, style=style), source_name=name).data


def test_threads_give_the_sequential_outputs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # PDFs and DOCX stamps compare byte for byte
    expected = [_run(j) for j in JOBS]
    # switch threads every microsecond, not every 5 ms: a race then shows in nearly every run (a crfsuite
    # tagger shared by all threads mixed up references in about one run in eight at the default interval)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = [list(pool.map(_run, JOBS * 2)) for _ in range(2)]
    finally:
        sys.setswitchinterval(old)
    for got in results:
        assert got == expected * 2
