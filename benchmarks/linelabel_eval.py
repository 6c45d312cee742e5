#!/usr/bin/env python3
"""The line labeller against the rules, cross-validated on essays with truth.

    python benchmarks/linelabel_eval.py ../shared/corpus/micusp --jobs 2 [--cv 5] [--cache recs.json]
                                        [--end2end] [--hand ../shared/corpus]
    python benchmarks/linelabel_eval.py - --cv 0 --hand ../shared/corpus      # the shipped model's vetoes only

Each essay is labelled by a model trained without its fold (fixed-seed folds, linelabel_train.folds).
It prints
  per line   precision / recall / F1 of TITLE, HEADING, BQ, REF lines: the rules' decision (the trace's
             "title", "heading", "block-quote", "reference"/"references-heading") against the labeller's
             label; lines equal to an optional heading are left out;
  per essay  headings F1 as corpus_scale.py computes it and |para err|, for the rules alone and with the
             labeller's overrides at thresholds t: a rule heading whose first line the labeller gives
             P(HEADING) < 1 - t is vetoed (where linelabel.may_veto allows; it becomes a caption-role
             paragraph, so it does not count as a paragraph); "veto+add" also makes a heading of a paragraph
             of up to 20 words whose first line has P(HEADING) > t (counted as one paragraph less);
             block quotes: "bq found" if each run of lines with P(BQ) > t were a quotation;
  cost       the labeller's time per essay (features + tagging + marginals of every line);
  --end2end  corpus_scale.py's whole summary with each essay's out-of-fold vetoes applied by
             linelabel.review_headings at linelabel.VETO;
  --hand     the shipped model's vetoes on the hand-truth corpus (not trained on), marking truth headings.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader_corpus import f1  # noqa: E402

from essayconv.readers.linelabel import VETO, Labeller, LineView, vetoes  # noqa: E402
from essayconv.readers.linelabel_train import OPTIONAL, folds, load_corpus, norm, train  # noqa: E402

# (fork: the worker processes of corpus_scale.py inherit the patched reader)

RULE_KIND = {
    "title": "TITLE",
    "heading": "HEADING",
    "block-quote": "BQ",
    "reference": "REF",
    "references-heading": "REF",
}
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)


def _fold_job(args: tuple[list[dict[str, Any]], list[dict[str, Any]], str]) -> list[dict[str, Any]]:
    train_set, held, path = args
    model = Labeller(train(train_set, path))
    out = []
    for r in held:
        lines = [LineView(*v) for v in r["lines"]]
        out.append({"id": r["id"], "marg": model.marginals(lines, r["width"], r["wrapped"])})
    return out


def cross_validate(recs: list[dict[str, Any]], k: int, jobs: int, tmp: Path) -> dict[str, list[dict[str, float]]]:
    parts = folds(recs, k)
    args = [
        ([r for g, p in enumerate(parts) if g != f for r in p], held, str(tmp / f"fold{f}.crfsuite"))
        for f, held in enumerate(parts)
    ]
    if jobs > 1:
        from multiprocessing import Pool

        with Pool(jobs) as pool:
            results = pool.map(_fold_job, args)
    else:
        results = [_fold_job(a) for a in args]
    return {o["id"]: o["marg"] for res in results for o in res}


def line_scores(recs: list[dict[str, Any]], margs: dict[str, list[dict[str, float]]]) -> list[str]:
    out = [f"{'per line':10} {'rules P':>8} {'R':>6} {'F1':>6}   {'labeller P':>10} {'R':>6} {'F1':>6}   (gold lines)"]
    for lab in ("TITLE", "HEADING", "BQ", "REF"):
        counts = {"rules": [0, 0, 0], "crf": [0, 0, 0]}  # hit, predicted, gold
        for r in recs:
            for v, g, m in zip(r["lines"], r["gold"], margs[r["id"]]):
                if g == OPTIONAL:
                    continue
                want = g == lab
                for who, got in (("rules", RULE_KIND.get(v[3]) == lab), ("crf", max(m, key=m.get) == lab)):
                    c = counts[who]
                    c[0] += got and want
                    c[1] += got
                    c[2] += want
        row = f"{lab:10}"
        for who in ("rules", "crf"):
            hit, pred, gold = counts[who]
            p, rr = hit / max(pred, 1), hit / max(gold, 1)
            row += f" {p:8.3f} {rr:6.3f} {2 * p * rr / max(p + rr, 1e-9):6.3f}  " + (" " * 3 if who == "rules" else "")
        out.append(row + f" ({counts['rules'][2]})")
    return out


def _overrides(rec: dict[str, Any], marg: list[dict[str, float]], t: float, add: bool = True) -> tuple[set[int], list]:
    """The rule headings (first lines) the labeller vetoes at threshold t, and the paragraphs it makes headings."""
    p_head = {no: m.get("HEADING", 0.0) for no, m in zip(rec["nos"], marg)}
    vetoed = vetoes([tuple(h) for h in rec["heads"]], p_head, {no: v[0] for no, v in zip(rec["nos"], rec["lines"])}, t)
    added = [(line, text) for line, text in rec["paras"] if p_head.get(line, 0.0) > t] if add else []
    return vetoed, added


def headings_f1(rec: dict[str, Any], marg: list[dict[str, float]] | None, t: float, add: bool = True) -> float | None:
    """corpus_scale.py's headings F1 of one essay, with the labeller's overrides at threshold t (None: rules)."""
    truth = rec["truth"]
    if "headings" not in truth:
        return None
    vetoed, added = _overrides(rec, marg, t, add) if marg is not None else (set(), [])
    found = [(line, text) for line, text in rec["heads"] if line not in vetoed] + added
    optional = {norm(h) for h in truth.get("headings_optional", [])}
    wanted = [norm(h) for h in truth["headings"]]
    got = [norm(text) for _, text in sorted(found)]
    got = [h for h in got if h not in optional or h in wanted]
    if not got and not wanted:
        return None
    return f1(got, wanted)[2]


def para_err(rec: dict[str, Any], marg: list[dict[str, float]] | None, t: float, add: bool = True) -> int | None:
    """Reader paragraphs - truth paragraphs, an added heading counted as one paragraph less; a vetoed heading
    counts as none (it is to become a caption-role paragraph: the vetoed lines are table labels, form fields
    and figure titles far more often than prose; as body paragraphs they would add 1.0 to |para err|)."""
    if "n_paragraphs" not in rec["truth"]:
        return None
    _, added = _overrides(rec, marg, t, add) if marg is not None else (set(), [])
    return rec["n_paras"] - len(added) - rec["truth"]["n_paragraphs"]


def bq_runs(rec: dict[str, Any], marg: list[dict[str, float]], t: float) -> int:
    """Runs of lines the labeller calls BQ with p > t (a blank line or a page does not end a run)."""
    runs, inside = 0, False
    for m in marg:
        is_bq = m.get("BQ", 0.0) > t
        runs += is_bq and not inside
        inside = is_bq
    return runs


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def essay_scores(recs: list[dict[str, Any]], margs: dict[str, list[dict[str, float]]]) -> list[str]:
    base = [x for r in recs if (x := headings_f1(r, None, 0)) is not None]
    errs = [x for r in recs if (x := para_err(r, None, 0)) is not None]
    out = [
        f"per essay  headings F1 (corpus_scale.py's measure, n={len(base)}) and |para err| (n={len(errs)}):",
        f"           rules alone: headings F1 {_mean(base):.3f}, |para err| {_mean([abs(e) for e in errs]):.2f}",
    ]
    for add in (False, True):
        for t in THRESHOLDS:
            xs = [x for r in recs if (x := headings_f1(r, margs[r["id"]], t, add)) is not None]
            es = [x for r in recs if (x := para_err(r, margs[r["id"]], t, add)) is not None]
            n_veto = sum(len(_overrides(r, margs[r["id"]], t, add)[0]) for r in recs)
            n_add = sum(len(_overrides(r, margs[r["id"]], t, add)[1]) for r in recs)
            out.append(
                f"           {'veto+add' if add else 'veto only'} p > {t:.2f}: headings F1 {_mean(xs):.3f}, "
                f"|para err| {_mean([abs(e) for e in es]):.2f}   ({n_veto} vetoed, {n_add} added)"
            )
    with_bq = [r for r in recs if r["truth"].get("n_block_quotes")]
    without = [r for r in recs if r["truth"].get("n_block_quotes") == 0]
    truth_bq = sum(r["truth"]["n_block_quotes"] for r in with_bq)
    out.append(
        f"block quotes ({truth_bq} in {len(with_bq)} essays; {len(without)} essays with none): rules found "
        f"{sum(min(r['n_bq'], r['truth']['n_block_quotes']) for r in with_bq) / truth_bq:.3f}, "
        f"{sum(r['n_bq'] for r in without)} in essays with none"
    )
    for t in (0.5, 0.7, 0.9):
        found = sum(min(max(r["n_bq"], bq_runs(r, margs[r["id"]], t)), r["truth"]["n_block_quotes"]) for r in with_bq)
        false = sum(bq_runs(r, margs[r["id"]], t) for r in without)
        out.append(
            f"           labeller runs p > {t:.2f} (or the rules' count if more): found {found / truth_bq:.3f}, "
            f"{false} runs in essays with none"
        )
    return out


def cost(recs: list[dict[str, Any]], model_path: Path) -> str:
    model = Labeller(model_path)
    sample = recs[:: max(1, len(recs) // 60)]
    total = lines = 0.0
    for r in sample:
        views = [LineView(*v) for v in r["lines"]]
        model.label(views, r["width"], r["wrapped"])
        start = time.perf_counter()
        for _ in range(5):
            model.label(views, r["width"], r["wrapped"])
        total += (time.perf_counter() - start) / 5
        lines += len(views)
    return (
        f"cost       {1000 * total / len(sample):.2f} ms per essay ({len(sample)} essays, "
        f"{lines / len(sample):.0f} lines each; {1e6 * total / lines:.1f} us per line)"
    )


def hand(corpus: Path, threshold: float) -> list[str]:
    """The shipped model's vetoes on the hand-truth corpus (essays it was not trained on): each vetoed
    heading, and whether the truth lists it."""
    from essayconv.readers.linelabel import VETO, default_labeller
    from essayconv.readers.linelabel_train import extract

    if default_labeller() is None:
        return ["hand truth: no shipped model"]
    model = default_labeller()
    out = [f"hand corpus {corpus}: rule headings the shipped model vetoes at p > {threshold:.2f} (VETO = {VETO})"]
    lost = total = 0
    for path in sorted(corpus.glob("*.txt")):
        tpath = corpus / "truth" / f"{path.name[:3]}.json"
        truth = json.loads(tpath.read_text(encoding="utf-8")) if tpath.exists() else None
        rec = extract(path, None)
        marg = model.marginals([LineView(*v) for v in rec["lines"]], rec["width"], rec["wrapped"])
        p_head = {no: m.get("HEADING", 0.0) for no, m in zip(rec["nos"], marg)}
        lines = vetoes(
            [tuple(h) for h in rec["heads"]], p_head, {no: v[0] for no, v in zip(rec["nos"], rec["lines"])}, threshold
        )
        vetoed = [text for line, text in rec["heads"] if line in lines]
        total += len(rec["heads"])
        wanted = {norm(h) for h in (truth or {}).get("headings", [])}
        marks = []
        for text in vetoed:
            in_truth = any(norm(text) == w or norm(text).endswith(" " + w) for w in wanted)
            lost += in_truth
            marks.append(f"{text[:50]!r}{' (A TRUTH HEADING)' if in_truth else ''}")
        out.append(
            f"  {path.name[:40]:40} {'truth' if truth else '     '} {len(rec['heads']):3} headings, "
            f"{len(vetoed)} vetoed: " + "; ".join(marks)
        )
    out.append(f"  truth headings vetoed: {lost} (of {total} rule headings)")
    return out


# --------------------------------------------------------------------------------------------
# End to end: corpus_scale.py's measures with the vetoes of each essay's out-of-fold model applied
# --------------------------------------------------------------------------------------------

_FOLD_PATHS: dict[str, str] = {}  # essay id -> the model trained without its fold
_FOLD_MODELS: dict[str, Labeller] = {}
_RULE_READ: Any = None


def _veto_read(text: str, *, source_name: str | None = None) -> Any:
    """The rule reader, then linelabel.review_headings with the essay's out-of-fold model, as an
    integration at the end of plaintext.read would run it."""
    from msgspec.structs import replace

    from essayconv.readers import trace
    from essayconv.readers.furniture import find_furniture, split_lines
    from essayconv.readers.layout import measure_wrap, units_of
    from essayconv.readers.linelabel import review_headings

    with trace.tracing() as decided:
        doc = _RULE_READ(text, source_name=source_name, review=False)
    path = _FOLD_PATHS.get(Path(source_name or "").stem)
    if path is None:
        return doc
    model = _FOLD_MODELS.get(path) or _FOLD_MODELS.setdefault(path, Labeller(path))
    lines = split_lines(text)
    units = units_of(lines, find_furniture(lines))
    blocks = review_headings(doc.blocks, units, measure_wrap(units), dict(decided), VETO, model)
    return replace(doc, blocks=tuple(blocks))


def end_to_end(corpus: Path, recs: list[dict[str, Any]], k: int, tmp: Path, jobs: int) -> None:
    import corpus_scale

    from essayconv.readers import plaintext

    global _RULE_READ
    for f, part in enumerate(folds(recs, k)):
        for r in part:
            _FOLD_PATHS[r["id"]] = str(tmp / f"fold{f}.crfsuite")
    _RULE_READ = plaintext.read
    print(f"end to end, corpus_scale.py with each essay's out-of-fold vetoes at p > {VETO}:")
    plaintext.read = _veto_read
    try:
        corpus_scale.main([str(corpus), "--jobs", str(jobs), "--worst", "0"])
    finally:
        plaintext.read = _RULE_READ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cv", type=int, default=5, help="folds (0: no cross-validation, with --hand only)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--cache", type=Path, help="keep the extracted essays here (read again when it exists)")
    ap.add_argument("--keep", type=Path, help="write the out-of-fold marginals here (JSON: essay id -> per line)")
    ap.add_argument(
        "--end2end", action="store_true", help="also run corpus_scale.py with the out-of-fold vetoes applied"
    )
    ap.add_argument("--hand", type=Path, help="also list the shipped model's vetoes on this corpus (../shared/corpus)")
    args = ap.parse_args(argv)
    if args.hand and args.cv == 0:
        print("\n".join(hand(args.hand, VETO)))
        return 0
    start = time.perf_counter()
    if args.cache and args.cache.exists():
        recs = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        recs = load_corpus(args.corpus, args.jobs)
        if args.cache:
            args.cache.write_text(json.dumps(recs), encoding="utf-8")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        margs = cross_validate(recs, args.cv, args.jobs, Path(tmp))
        if args.keep:
            args.keep.write_text(json.dumps(margs), encoding="utf-8")
        print(
            f"{args.corpus}: {len(recs)} essays, {sum(len(r['lines']) for r in recs)} lines, "
            f"{args.cv}-fold cross-validation, {time.perf_counter() - start:.0f} s"
        )
        print("\n".join(line_scores(recs, margs)))
        print("\n".join(essay_scores(recs, margs)))
        print(cost(recs, Path(tmp) / "fold0.crfsuite"), flush=True)
        if args.end2end:
            end_to_end(args.corpus, recs, args.cv, Path(tmp), args.jobs)
    if args.hand:
        print("\n".join(hand(args.hand, VETO)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
