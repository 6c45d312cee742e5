"""Train the reference CRF from gold JSONL (raw + labelled segments), and cross-validate it.

    python -m essayconv.references.train /work/shared/bench/refs/dev.jsonl            # writes the shipped model
    python -m essayconv.references.train DEV.jsonl --cv 5 --jobs 2 --by style         # 5-fold estimate, no model written

Folds are dealt from a fixed-seed shuffle; each fold is parsed by a model trained without it.
With --synth N (N >= 0), the hand-typed strings are joined by strings rendered from CSL items
(bench/csl/items.json, data/synth_items.json; with --synth-gold the gold file's items too) through the bench's
nine styles and N independent styles drawn with a fixed seed, each token labelled by the variable that
produced it (references/synth.py).
In --cv, a fold's items are rendered for no model that parses that fold.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..crfmodel import folds as crf_folds
from ..crfmodel import train_crf
from .crf import MODEL_PATH, Tagger, align, features, tokenize

# Fixed so that a retrain reproduces the shipped model.
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.1,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
SEED = 20261125
# Rare gold labels folded into the ones the CSL conversion knows.
_LABEL_MAP = {"director": "author", "medium": "note", "source": "note"}


def load(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sequence(record: dict[str, Any]) -> tuple[list[list[bytes]], list[str]]:
    """Features and gold labels of one record's tokens."""
    from .parse import normalise

    text = normalise(record["raw"])
    spans = tokenize(text)
    segs = [(_LABEL_MAP.get(lab, lab), seg) for lab, seg in record["segments"]]
    return features(text, spans), align(text, segs, spans)


def train(records: Iterable[dict[str, Any]], out: str | Path, params: dict[str, Any] | None = None) -> Path:
    """Train a CRF on ``records`` (each with "raw" and "segments") and write it to ``out``."""
    return train_crf(map(sequence, records), out, dict(PARAMS, **(params or {})))


def folds(records: list[dict[str, Any]], k: int, seed: int = SEED) -> list[list[dict[str, Any]]]:
    """Shuffle with a fixed seed and deal the records into ``k`` folds."""
    return crf_folds(records, k, seed)


def _fold_predictions(
    args: tuple[list[dict[str, Any]], list[dict[str, Any]], str, dict[str, Any]],
) -> tuple[list[tuple[str, Any]], float]:
    """Train on one side, predict the held-out fold: one worker's job."""
    from .parse import parse_with

    train_set, held, model_path, params = args
    tagger = Tagger(train(train_set, model_path, params))
    start = time.perf_counter()
    preds = [(r["id"], parse_with(r["raw"], tagger).csl) for r in held]
    return preds, time.perf_counter() - start


def synthetic(items: list[Path], styles: int, per_item: int) -> list[dict[str, Any]]:
    """Rendered training strings for ``items`` and the project's own (see synth.py); fixed seed."""
    from . import synth

    paths = [*items, synth.OWN_ITEMS]
    return list(synth.generate(synth.load_items(paths), synth.sample_styles(styles), per_item))


def cross_validate(
    records: list[dict[str, Any]],
    k: int,
    pred_path: Path,
    jobs: int = 1,
    params: dict[str, Any] | None = None,
    models: Path | None = None,
    extra: list[dict[str, Any]] | None = None,
) -> float:
    """Train k models, each without its fold; write every fold's predictions; return the parsing rate (refs/s).
    ``extra`` (synthetic records, each naming its "item") joins every training side but its own item's fold."""
    parts = folds(records, k)
    extra = extra or []
    with tempfile.TemporaryDirectory() as tmp:
        if models:
            models.mkdir(parents=True, exist_ok=True)
            tmp = str(models)
        jobs_args = []
        for f, held in enumerate(parts):
            held_ids = {r["id"] for r in held}
            side = [r for g, part in enumerate(parts) if g != f for r in part]
            side += [r for r in extra if r["item"] not in held_ids]
            jobs_args.append((side, held, str(Path(tmp) / f"fold{f}.crf"), params or {}))
        if jobs > 1:
            from multiprocessing import Pool

            with Pool(jobs) as pool:
                results = pool.map(_fold_predictions, jobs_args)
        else:
            results = [_fold_predictions(a) for a in jobs_args]
    total_time = sum(t for _, t in results)
    with open(pred_path, "w", encoding="utf-8") as out:
        for preds, _ in results:
            for rid, csl in preds:
                out.write(json.dumps({"id": rid, "csl": csl}, ensure_ascii=False) + "\n")
    return len(records) / max(total_time, 1e-9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", help="JSONL with raw and segments per line (the bench's dev.jsonl)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write (default: the shipped one)")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation instead of training the model")
    ap.add_argument("--score", type=Path, default=Path("/work/shared/bench/refs/score.py"), help="score.py for --cv")
    ap.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a crfsuite training parameter (experiments; the shipped model uses PARAMS)",
    )
    ap.add_argument("--jobs", type=int, default=1, help="with --cv: folds trained in parallel")
    ap.add_argument("--models", type=Path, help="with --cv: keep the fold models in this folder")
    ap.add_argument("--keep", type=Path, help="with --cv: keep the out-of-fold predictions here")
    ap.add_argument(
        "--synth",
        type=int,
        metavar="N",
        help="add strings rendered through the nine bench styles and N other independent styles",
    )
    ap.add_argument("--synth-per-item", type=int, default=3, help="with --synth: styles each item is rendered in")
    ap.add_argument(
        "--items",
        type=Path,
        action="append",
        default=[],
        help="with --synth: CSL-JSON items to render (default: bench/csl/items.json) besides the project's",
    )
    ap.add_argument("--synth-gold", action="store_true", help="with --synth: render the gold file's items too")
    ap.add_argument("--by", action="append", choices=["source", "style"], help="with --cv: per-group summary")
    args = ap.parse_args(argv)
    records = load(args.gold)
    params = {k: float(v) if k[0] == "c" else int(v) for k, v in (p.split("=", 1) for p in args.param)}
    extra: list[dict[str, Any]] = []
    if args.synth is not None:
        items = args.items or [Path(args.gold).parent.parent / "csl" / "items.json"]
        extra = synthetic(items + ([Path(args.gold)] if args.synth_gold else []), args.synth, args.synth_per_item)
        print(f"{len(extra)} rendered strings", file=sys.stderr)
    if args.cv:
        pred = args.keep or Path(tempfile.mkstemp(suffix=".jsonl")[1])
        rate = cross_validate(records, args.cv, pred, args.jobs, params, args.models, extra)
        cmd = [sys.executable, str(args.score), args.gold, str(pred)] + [x for b in args.by or [] for x in ("--by", b)]
        res = subprocess.run(cmd, capture_output=True, text=True)
        print(res.stdout + res.stderr, end="")
        print(f"{args.cv}-fold CV, parsing rate {rate:.0f} refs/s")
        return res.returncode
    start = time.perf_counter()
    path = train(records + extra, args.out, params)
    took = time.perf_counter() - start
    print(f"trained on {len(records)} + {len(extra)} rendered references in {took:.0f} s -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
