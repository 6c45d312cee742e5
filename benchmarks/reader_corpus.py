"""Reader benchmark: run the plain-text reader over a corpus and score it against ground truth.

Usage: python benchmarks/reader_corpus.py CORPUS_DIR [--truth DIR] [--json] [--show NAME]

Scores per file with truth (conventions in corpus/truth/README.md): title correct, headings F1,
reference entries F1 (whitespace-normalised strings), in-text citations F1 (multiset of the
citation texts), paragraph count error, boilerplate lines leaked into body_text, reading time.
Files without truth get counts only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from essayconv.convert import read  # noqa: E402
from essayconv.inspect import inspect_dict  # noqa: E402


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\f", "")).strip()


def f1(found: list[str], truth: list[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 of two multisets of strings (both empty: 1.0)."""
    if not found and not truth:
        return 1.0, 1.0, 1.0
    a, b = Counter(found), Counter(truth)
    hit = sum((a & b).values())
    p = hit / sum(a.values()) if a else 0.0
    r = hit / sum(b.values()) if b else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _heading_texts(d: dict[str, Any], truth: list[str]) -> list[str]:
    # A numbered heading matches the truth written with or without its number.
    tset = {_norm(t) for t in truth}
    out = []
    for h in d["headings"]:
        plain = _norm(h["text"])
        numbered = _norm(f"{h.get('numbering', '')} {h['text']}")
        out.append(numbered if numbered in tset and plain not in tset else plain)
    return out


def leaked_boilerplate(body: str, lines: list[str]) -> list[str]:
    """Truth boilerplate lines that still appear in the body text."""
    body_lines = {_norm(x) for x in body.split("\n")}
    flat = _norm(body)
    out = []
    for line in lines:
        t = _norm(line)
        if len(t) < 3 or not re.search(r"[A-Za-z]{2}", t):
            continue  # bare page numbers cannot be told apart from numbers in prose
        if t in body_lines or (len(t) >= 25 and t in flat):
            out.append(t)
    return out


def score(d: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    title_ok = (_norm(d["title"]) if d["title"] else None) == (_norm(truth["title"]) if truth["title"] else None)
    _, _, hf = f1(_heading_texts(d, truth["headings"]), [_norm(h) for h in truth["headings"]])
    rp, rr, rf = f1([_norm(r["raw"]) for r in d["references"]], [_norm(r) for r in truth["references"]])
    cp, cr, cf = f1([_norm(c["text"]) for c in d["citations"]], [_norm(c) for c in truth["in_text_citations"]])
    return {
        "title_ok": title_ok,
        "headings_f1": hf,
        "refs_f1": rf,
        "cites_p": cp,
        "cites_r": cr,
        "cites_f1": cf,
        "para_err": abs(d["paragraphs"] - truth["n_paragraphs"]),
        "leaked": leaked_boilerplate(d["body_text"], truth.get("boilerplate_lines", [])),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--truth", type=Path, default=None)
    ap.add_argument("--json", action="store_true", help="print the per-file results as JSON")
    ap.add_argument("--show", default=None, help="print the inspect dict of files whose name contains this")
    args = ap.parse_args(argv)
    truth_dir = args.truth or (args.corpus / "truth")
    rows = []
    for path in sorted(args.corpus.glob("*.txt")):
        t0 = time.perf_counter()
        doc = read(path.read_bytes(), source_name=path.name)
        ms = (time.perf_counter() - t0) * 1000
        d = inspect_dict(doc)
        if args.show and args.show in path.name:
            print(json.dumps({k: v for k, v in d.items() if k != "body_text"}, indent=1, ensure_ascii=False)[:20000])
        row: dict[str, Any] = {
            "file": path.name,
            "ms": round(ms, 1),
            "title": d["title"],
            "headings": len(d["headings"]),
            "paragraphs": d["paragraphs"],
            "refs": len(d["references"]),
            "cites": len(d["citations"]),
            "notes": d["footnotes"],
            "removed": len(d["removed"]),
        }
        tpath = truth_dir / f"{path.name[:3]}.json"
        if tpath.exists():
            row.update(score(d, json.loads(tpath.read_text(encoding="utf-8"))))
        rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    print(f"{'file':44} {'ms':>6} {'head':>4} {'para':>4} {'refs':>4} {'cite':>4} {'fn':>3}  title")
    for r in rows:
        print(
            f"{r['file'][:44]:44} {r['ms']:6.1f} {r['headings']:4} {r['paragraphs']:4} {r['refs']:4} {r['cites']:4} {r['notes']:3}  {str(r['title'])[:50]}"
        )
    scored = [r for r in rows if "title_ok" in r]
    if scored:
        print()
        print(f"{'scored file':44} title  headF1  refsF1  citeP  citeR  citeF1  paraErr  leaked")
        for r in scored:
            print(
                f"{r['file'][:44]:44} {'ok' if r['title_ok'] else 'BAD':5} {r['headings_f1']:7.2f} {r['refs_f1']:7.2f} "
                f"{r['cites_p']:6.2f} {r['cites_r']:6.2f} {r['cites_f1']:7.2f} {r['para_err']:8} {len(r['leaked']):7}"
            )
        n = len(scored)
        print(
            f"{'MEAN':44} {sum(r['title_ok'] for r in scored)}/{n}  "
            f"{sum(r['headings_f1'] for r in scored) / n:7.2f} {sum(r['refs_f1'] for r in scored) / n:7.2f} "
            f"{sum(r['cites_p'] for r in scored) / n:6.2f} {sum(r['cites_r'] for r in scored) / n:6.2f} "
            f"{sum(r['cites_f1'] for r in scored) / n:7.2f} {sum(r['para_err'] for r in scored) / n:8.2f} "
            f"{sum(len(r['leaked']) for r in scored):7}"
        )
        for r in scored:
            for line in r["leaked"]:
                print(f"  leaked in {r['file'][:3]}: {line[:100]}")
    print(f"\ntotal read time {sum(r['ms'] for r in rows):.0f} ms for {len(rows)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
