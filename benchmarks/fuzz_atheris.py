#!/usr/bin/env python3
"""Coverage-guided fuzzing of the reader, the reference parser and the citation passes with atheris.

    pip install atheris
    python benchmarks/fuzz_atheris.py -max_total_time=600 [CORPUS_DIR]

Each input is an essay file's bytes (the first byte also picks the citation style). An input must convert or
fail with a ConversionError; any other exception is a crash (atheris stops and saves it as crash-*). Inputs
that lose a word of the essay (the word is in no part of inspect's output) are counted and saved under
fuzz-lost/ without stopping the run. The seed corpus is samples/*.txt when no directory is given.
At the end it prints the number of inputs run, clean refusals and inputs losing words.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports(include=["essayconv"]):
    from essayconv import ConversionError, ConvertOptions
    from essayconv.convert import process, read
    from essayconv.inspect import inspect_dict
    from essayconv.model import plain_text
    from essayconv.readers.decode import decode

STYLES = [
    "apa",
    "modern-language-association",
    "ieee",
    "chicago-notes-bibliography",
    "vancouver",
    "harvard-cite-them-right",
    "chicago-author-date",
    "nature",
]
WORD = re.compile(r"[^\W_]+")
SUPERSCRIPTS = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]+")
LOST = ROOT / "fuzz-lost"
stats = {"runs": 0, "refused": 0, "lost": 0}


def lost_words(decoded: str, doc) -> list[str]:  # type: ignore[no-untyped-def]
    d = inspect_dict(doc)
    have = " ".join(
        [
            d["body_text"],
            *(r["raw"] for r in d["references"]),
            *d["removed"],
            d.get("references_heading") or "",
            *(plain_text(f.content) for f in doc.footnotes),
        ]
    )
    have = SUPERSCRIPTS.sub("", have.casefold())
    words, compact = set(WORD.findall(have)), re.sub(r"[\W_]+", "", have)
    return sorted(
        {
            w
            for w in (SUPERSCRIPTS.sub("", x) for x in WORD.findall(decoded.casefold()))
            if w and w not in words and w not in compact
        }
    )


def test_one_input(data: bytes) -> None:
    stats["runs"] += 1
    if stats["runs"] % 1000 == 0:
        report()
    style = STYLES[data[0] % len(STYLES)] if data else "apa"
    options = ConvertOptions(to="json", style=style)
    try:
        doc = read(data, options)
    except ConversionError:
        stats["refused"] += 1
        return
    decoded, _ = decode(data)
    missing = lost_words(decoded, doc)
    if missing:
        stats["lost"] += 1
        LOST.mkdir(exist_ok=True)
        (LOST / f"lost-{stats['lost']:04d}.txt").write_bytes(data)
        (LOST / f"lost-{stats['lost']:04d}.words").write_text(" ".join(missing[:20]) + "\n")
    try:
        process(doc, options)
    except ConversionError:
        stats["refused"] += 1


def report() -> None:
    print(
        f"essayconv: inputs run {stats['runs']}, refused cleanly {stats['refused']}, "
        f"inputs losing words {stats['lost']}",
        file=sys.stderr,
        flush=True,
    )


def main() -> None:
    args = sys.argv[:]
    if not any(not a.startswith("-") for a in args[1:]):
        seeds = Path(tempfile.mkdtemp(prefix="essayconv-fuzz-"))
        for p in sorted((ROOT / "samples").glob("*.txt")):
            shutil.copy(p, seeds / p.name)
        args.append(str(seeds))
    atexit.register(report)
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
