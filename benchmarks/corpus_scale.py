#!/usr/bin/env python3
"""The reader at scale: its measures over a whole directory of essays, with truth or without.

    python benchmarks/corpus_scale.py DIR [--truth TRUTH_DIR] [--jobs 2] [--worst 10] [--json OUT.jsonl] [--recursive]

DIR holds the essays (``*.txt``; a ``txt/`` folder inside DIR is used when there is one; --recursive takes
the folders below too). Truth is looked for in --truth, else in DIR/truth, else beside DIR (``../truth``): one JSON file per
essay, matched by its ``file`` key or by the essay's name, in the conventions of ../shared/corpus/truth and
../shared/corpus/micusp (title, title_line, title_xml_lines, headings, headings_optional, references,
n_paragraphs, n_block_quotes; a key that is absent is not scored).

With truth it prints, over the files that have it:
  title        exact after normalisation (a ``title_line`` is accepted too); lenient also accepts the
               first line of a title the XML sets on several lines
  headings F1  over normalised heading strings (a reader heading listed in headings_optional is ignored)
  refs F1      over normalised reference-entry strings
  |para err|   mean and median of |reader paragraphs - truth paragraphs|, and the signed mean
  bq found     block quotes found, min(reader, truth) summed over truth's (files with any)
Always (the unsupervised measures, what a directory without truth can tell):
  per file: paragraphs per 1,000 words, share of paragraphs under 8 words (over-split text), headings
  that read as sentences (end in . , ; or run over 14 words), no title found, references found and the
  share the parser flags as unsure, citations and the share linked to a reference, block quotes,
  lines removed by reason, read time; and crashes (any exception but a clean ConversionError refusal).

The normalisation is score_micusp.py's (NFC, soft hyphens dropped, curly quotes straightened, spaces
collapsed, "word- word" joined, casefolded), so the numbers are comparable with it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader_corpus import f1  # noqa: E402

from essayconv.citations.resolve import resolve  # noqa: E402
from essayconv.convert import read  # noqa: E402
from essayconv.diagnostics import ConversionError  # noqa: E402
from essayconv.inspect import inspect_dict  # noqa: E402
from essayconv.model import BlockQuote, Heading, Paragraph, plain_text  # noqa: E402
from essayconv.readers.linelabel_train import norm  # noqa: E402  (score_micusp.py's normalisation)

_SENTENCE_END = (".", ",", ";")


# --------------------------------------------------------------------------------------------
# One essay (in a worker)
# --------------------------------------------------------------------------------------------


def measure(path: str, truth: dict[str, Any] | None) -> dict[str, Any]:
    row: dict[str, Any] = {"file": Path(path).name}
    start = time.perf_counter()
    try:
        doc = resolve(read(Path(path).read_bytes(), source_name=path))
    except ConversionError as err:
        row["refused"] = str(err)
        return row
    except Exception as err:  # noqa: BLE001 - a crash is a finding, not the end of the run
        row["crash"] = f"{type(err).__name__}: {err}"
        return row
    row["ms"] = round((time.perf_counter() - start) * 1000, 1)
    d = inspect_dict(doc)
    row.update(_unsupervised(doc, d))
    if truth is not None:
        row.update(_scored(d, row["block_quotes"], truth))
    return row


def _unsupervised(doc: Any, d: dict[str, Any]) -> dict[str, Any]:
    paragraphs = [
        plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph) and b.role in ("body", "abstract")
    ]
    headings = [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)]
    words = len(d["body_text"].split())
    cites = d["citations"]
    linkable = [c for c in cites if c["mode"] != "note-mark"]
    return {
        "words": words,
        "title_found": d["title"] is not None,
        "paragraphs": len(paragraphs),
        "short_paragraphs": sum(1 for p in paragraphs if len(p.split()) < 8),
        "headings": len(headings),
        "sentence_headings": sum(1 for h in headings if h.rstrip().endswith(_SENTENCE_END) or len(h.split()) > 14),
        "references": len(d["references"]),
        "references_unsure": sum(1 for r in d["references"] if r["unsure"]),
        "citations": len(linkable),
        "citations_linked": sum(1 for c in linkable if c["keys"]),
        "block_quotes": sum(1 for b in doc.blocks if isinstance(b, BlockQuote)),
        "removed": dict(Counter(r["reason"] for r in d["removed_detail"])),
    }


def _scored(d: dict[str, Any], block_quotes: int, truth: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "title" in truth:
        got = norm(d["title"]) if d["title"] else None
        want = {norm(truth["title"])} if truth["title"] else {None}
        if truth.get("title_line"):
            want.add(norm(truth["title_line"]))
        out["title_ok"] = got in want
        first = (truth.get("title_xml_lines") or [None])[0]
        out["title_lenient"] = out["title_ok"] or (first is not None and got == norm(first))
    if "headings" in truth:
        optional = {norm(h) for h in truth.get("headings_optional", [])}
        found = [norm(h["text"]) for h in d["headings"]]
        wanted = [norm(h) for h in truth["headings"]]
        found = [h for h in found if h not in optional or h in wanted]
        if found or wanted:
            out["headings_f1"] = f1(found, wanted)[2]
    if "references" in truth:
        found = [norm(r["raw"]) for r in d["references"]]
        wanted = [norm(r) for r in truth["references"]]
        if found or wanted:
            out["refs_f1"] = f1(found, wanted)[2]
    if "n_paragraphs" in truth:
        out["para_err"] = d["paragraphs"] - truth["n_paragraphs"]
    if truth.get("n_block_quotes"):
        out["bq_truth"] = truth["n_block_quotes"]
        out["bq_hit"] = min(block_quotes, truth["n_block_quotes"])
    return out


# --------------------------------------------------------------------------------------------
# The directory
# --------------------------------------------------------------------------------------------


def find_texts(root: Path, recursive: bool = False) -> list[Path]:
    base = root / "txt" if (root / "txt").is_dir() else root
    return sorted(base.rglob("*.txt") if recursive else base.glob("*.txt"))


def load_truth(root: Path, given: Path | None) -> dict[str, dict[str, Any]]:
    """Truth by essay file name (and by stem, for truth files named after the essay's id)."""
    candidates = [given] if given else [root / "truth", root.parent / "truth"]
    folder = next((c for c in candidates if c is not None and c.is_dir()), None)
    out: dict[str, dict[str, Any]] = {}
    if folder is None:
        return out
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            out[data.get("file") or path.stem + ".txt"] = data
            out.setdefault(path.stem + ".txt", data)
    return out


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def summary(rows: list[dict[str, Any]]) -> list[str]:
    done = [r for r in rows if "ms" in r]
    lines = [
        f"files {len(rows)}: read {len(done)}, refused {sum('refused' in r for r in rows)}, "
        f"crashed {sum('crash' in r for r in rows)}"
    ]
    scored = [r for r in done if any(k in r for k in ("title_ok", "headings_f1", "refs_f1", "para_err"))]
    if scored:
        titles = [r for r in scored if "title_ok" in r]
        errs = [r["para_err"] for r in scored if "para_err" in r]
        bq_truth = sum(r.get("bq_truth", 0) for r in scored)
        lines += [
            f"with truth ({len(scored)} files):",
            f"  title          {_mean([r['title_ok'] for r in titles]):.3f} (lenient "
            f"{_mean([r['title_lenient'] for r in titles]):.3f}, n={len(titles)})",
            f"  headings F1    {_mean([r['headings_f1'] for r in scored if 'headings_f1' in r]):.3f} "
            f"(n={sum('headings_f1' in r for r in scored)})",
            f"  refs F1        {_mean([r['refs_f1'] for r in scored if 'refs_f1' in r]):.3f} "
            f"(n={sum('refs_f1' in r for r in scored)})",
            f"  |para err|     mean {_mean([abs(e) for e in errs]):.2f}, median "
            f"{statistics.median([abs(e) for e in errs]) if errs else float('nan'):.1f}, signed {_mean(errs):+.2f} (n={len(errs)})",
            f"  bq found       {sum(r.get('bq_hit', 0) for r in scored) / bq_truth if bq_truth else float('nan'):.3f} "
            f"(of {bq_truth} in {sum('bq_truth' in r for r in scored)} files)",
        ]
    if done:
        words = sum(r["words"] for r in done)
        paras = sum(r["paragraphs"] for r in done)
        heads = sum(r["headings"] for r in done)
        refs = sum(r["references"] for r in done)
        cites = sum(r["citations"] for r in done)
        removed: Counter[str] = Counter()
        for r in done:
            removed.update(r["removed"])
        lines += [
            "unsupervised:",
            f"  paragraphs     {1000 * paras / max(words, 1):.1f} per 1,000 words; under 8 words "
            f"{sum(r['short_paragraphs'] for r in done) / max(paras, 1):.3f}",
            f"  headings       {1000 * heads / max(words, 1):.2f} per 1,000 words; reading as sentences "
            f"{sum(r['sentence_headings'] for r in done) / max(heads, 1):.3f}",
            f"  no title       {sum(not r['title_found'] for r in done) / len(done):.3f} of files",
            f"  references     {refs / len(done):.1f} per file; unsure {sum(r['references_unsure'] for r in done) / max(refs, 1):.3f}",
            f"  citations      {cites / len(done):.1f} per file; linked {sum(r['citations_linked'] for r in done) / max(cites, 1):.3f}",
            f"  block quotes   {sum(r['block_quotes'] for r in done) / len(done):.2f} per file",
            "  removed lines  " + (", ".join(f"{k} {v}" for k, v in removed.most_common()) or "none"),
            f"  read time      {_mean([r['ms'] for r in done]):.0f} ms per file (max "
            f"{max(r['ms'] for r in done):.0f} ms, {max(done, key=lambda r: r['ms'])['file']})",
        ]
    return lines


def worst(rows: list[dict[str, Any]], n: int) -> list[str]:
    out = []
    for key, label, bad in (
        ("headings_f1", "headings F1", lambda v: v),
        ("refs_f1", "refs F1", lambda v: v),
        ("para_err", "|para err|", lambda v: -abs(v)),
    ):
        have = sorted((r for r in rows if key in r), key=lambda r: bad(r[key]))[:n]
        if have:
            out.append(f"worst {label}: " + ", ".join(f"{r['file']} ({r[key]:.2f})" for r in have))
    missed = [r["file"] for r in rows if r.get("title_ok") is False][:n]
    if missed:
        out.append("titles missed: " + ", ".join(missed))
    out += [f"crash {r['file']}: {r['crash']}" for r in rows if "crash" in r]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument(
        "--truth", type=Path, default=None, help="folder of truth JSON files (default: DIR/truth or ../truth)"
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--recursive", action="store_true", help="take the essays of the folders below DIR too")
    ap.add_argument("--worst", type=int, default=10, help="list this many worst files per measure")
    ap.add_argument("--json", type=Path, default=None, help="write the per-file rows here (JSON lines)")
    args = ap.parse_args(argv)
    texts = find_texts(args.dir, args.recursive)
    if not texts:
        print(f"no .txt files under {args.dir}", file=sys.stderr)
        return 2
    truth = load_truth(args.dir, args.truth)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(pool.map(measure, map(str, texts), [truth.get(p.name) for p in texts], chunksize=4))
    print(
        f"{args.dir}: {len(texts)} essays, truth for {sum(p.name in truth for p in texts)}, "
        f"{time.perf_counter() - start:.1f} s with {args.jobs} jobs"
    )
    print("\n".join(summary(rows)))
    if args.worst:
        print("\n".join(worst(rows, args.worst)))
    if args.json:
        with args.json.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
