#!/usr/bin/env python3
"""Changed spans outside citations, over a corpus directory, per style (issue 18's fidelity measure).

    python benchmarks/fidelity.py DIR [--styles apa,mla,chicago-notes,ieee] [--jobs 2] [--examples 10] [--limit N]

Each essay (``*.txt`` in DIR, or in DIR/txt) is read, its citations linked and rendered in each style; the
prose outside citation spans (the names of narrative citations included) is compared with what the reader
found, word by word (essayconv.fidelity.changed_spans). Prints per style: essays, changed spans, essays with
any, and the first examples. Essays refused with a clean error are counted apart; a crash is an error.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from essayconv import ConvertOptions  # noqa: E402
from essayconv.convert import process, read  # noqa: E402
from essayconv.diagnostics import ConversionError  # noqa: E402
from essayconv.fidelity import changed_spans  # noqa: E402

STYLES = ("apa", "mla", "chicago-notes", "ieee")


def one(job: tuple[str, tuple[str, ...]]) -> tuple[str, str, dict[str, list[tuple[int | None, str, str]]]]:
    path, styles = job
    try:
        doc = read(Path(path).read_bytes(), ConvertOptions(), source_name=path)
    except ConversionError:
        return path, "refused", {}
    out: dict[str, list[tuple[int | None, str, str]]] = {}
    for style in styles:
        rendered = process(doc, ConvertOptions(style=style))
        out[style] = [(c.line, c.before, c.after) for c in changed_spans(doc, rendered)]
    return path, "read", out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--examples", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0, help="only the first N essays (sorted by name)")
    a = ap.parse_args()
    root = Path(a.dir)
    if (root / "txt").is_dir():
        root = root / "txt"
    files = sorted(str(p) for p in root.glob("*.txt"))
    if a.limit:
        files = files[: a.limit]
    styles = tuple(s for s in a.styles.split(",") if s)
    jobs = [(f, styles) for f in files]
    if a.jobs > 1:
        with ProcessPoolExecutor(a.jobs) as pool:
            results = list(pool.map(one, jobs, chunksize=4))
    else:
        results = [one(j) for j in jobs]
    refused = sum(1 for _, status, _ in results if status == "refused")
    print(f"{root}: {len(files)} essays, {refused} refused; styles {', '.join(styles)}")
    for style in styles:
        spans = [(Path(p).name, ch) for p, status, out in results if status == "read" for ch in out[style]]
        files_hit = len({name for name, _ in spans})
        print(f"  {style:<14} changed spans outside citations {len(spans):>5}   essays with any {files_hit:>4}")
        for name, (line, before, after) in spans[: a.examples]:
            print(f"      {name}:{line}: {before[:60]!r} -> {after[:60]!r}")


if __name__ == "__main__":
    main()
