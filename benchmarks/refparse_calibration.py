"""Calibration of the reference parser's "unsure" flag, measured on references the parsing model never saw.

The fold models of `train.py --cv K --models DIR` (the same fixed-seed folds) parse (a) their fold's hand
strings of DEV.jsonl and (b) their fold's items as citeproc-js renders them in the bench's nine styles (the
round trip; only items that are records of DEV.jsonl have a fold). Each parse is right when every scored
field equals the gold (score.py's whole-reference exact match), else wrong. The confidence model
(references/confidence.py: a logistic model of "wrong" on the parse's evidence) is itself fitted out of
fold: for each fold, on the other folds' parses, with its threshold chosen there for recall >= --recall on
both sets; the fold's parses are then flagged by it. Printed: recall (wrong parses flagged) and precision
(flagged parses really wrong) on hand strings, round trip and their APA-like parts, against the flag before
(confidence < 0.5, an unsure field, a misread book or volume), and a reliability table (confidence bins ->
share wrong).

    python -m essayconv.references.train DEV.jsonl --cv 5 --jobs 2 --models /tmp/cv
    python benchmarks/refparse_calibration.py DEV.jsonl ITEMS.json EXPECTED.json /tmp/cv /tmp/calib
    python benchmarks/refparse_calibration.py ... --write     # also fit on every fold, write data/confidence.json

The shipped weights are fitted on all folds' out-of-fold parses with the threshold chosen the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from essayconv.references import confidence
from essayconv.references.crf import Tagger
from essayconv.references.parse import _LABEL_VARS, normalise, parse_explained
from essayconv.references.train import SEED, folds, load

_DUMMY_PARSER = """#!{python}
import sys
for line in open(sys.argv[sys.argv.index("parse") + 1], encoding="utf-8"):
    if line.strip():
        print("{{}}")
"""


class Row(NamedTuple):
    kind: str  # "hand" or "roundtrip"
    group: str  # the record's style (hand) or the rendering style (round trip)
    fold: int
    values: tuple[float, ...] | None  # the evidence (None: not parsed at all, always flagged)
    wrong: bool
    before: bool  # flagged by the decision before this model


def apa_like(row: Row) -> bool:
    return "APA" in row.group or row.group == "apa"


def roundtrip_gold(dev: str, items: str, expected: str, work: Path) -> list[dict[str, Any]]:
    """The round trip's rendered strings with the fields each shows (roundtrip.py's own gold files, written
    by running it once with a parser that reads nothing; kept in WORK/rt)."""
    gold = work / "rt" / "gold_all.jsonl"
    if not gold.exists():
        _render(dev, items, expected, work)
    return [json.loads(line) for line in open(gold, encoding="utf-8") if line.strip()]


def _render(dev: str, items: str, expected: str, work: Path) -> None:
    bench = Path(dev).resolve().parent
    exe = work / "nothing"
    exe.write_text(_DUMMY_PARSER.format(python=sys.executable))
    exe.chmod(0o755)
    subprocess.run(
        [sys.executable, str(bench / "roundtrip.py"), items, expected, str(work / "rt"), "--essayconv", str(exe)],
        check=True,
        capture_output=True,
        text=True,
    )


def _before(csl: dict[str, Any], text: str, tagger: Tagger) -> bool:
    """The flag as check.py decided it before the confidence model: the labelling's probability under 0.5,
    a field with a token under 0.6 when the labelling's is, no title, a misread book or volume."""
    _, labels, prob = tagger.tag(text)
    if prob < 0.5 or "title" not in csl:
        return True
    if prob < 0.6 and any(
        p < 0.6 and any(v in csl for v in _LABEL_VARS.get(lab, ())) for lab, p in zip(labels, tagger.marginals(labels))
    ):
        return True
    return confidence.publisher_journal(csl) or confidence.volume_unread(csl, text)


def parse_rows(kind: str, records: list[dict[str, Any]], fold: int, tagger: Tagger, score: Any) -> list[Row]:
    fields = score.DEFAULT_FIELDS
    exact_fields = set(fields) - {"type"}
    rows = []
    for rec in records:
        parsed, values = parse_explained(rec["raw"], tagger)
        wrong = score.score([rec], {rec["id"]: parsed.csl}, fields, exact_fields)[2] == 0
        before = values is None or _before(parsed.csl, normalise(rec["raw"]), tagger)
        group = rec.get("style") or rec["id"].split(":")[0]
        rows.append(Row(kind, group, fold, values, wrong, before))
    return rows


def threshold(rows: list[Row], weights: tuple[float, ...], bias: float, recall: float) -> float:
    """The lowest confidence line under which at least ``recall`` of the wrong parses of each kind fall."""
    line = 0.0
    for kind in ("hand", "roundtrip"):
        confs = sorted(
            confidence.estimate(r.values, weights, bias)
            for r in rows
            if r.kind == kind and r.wrong and r.values is not None
        )
        wrong = sum(1 for r in rows if r.kind == kind and r.wrong)
        unparsed = wrong - len(confs)  # flagged whatever the line
        need = max(0, int(-(-recall * wrong // 1)) - unparsed)  # ceil
        if need and confs:
            line = max(line, confs[min(need, len(confs)) - 1] + 1e-6)
    return line


def flags(rows: list[Row], weights: tuple[float, ...], bias: float, line: float) -> list[tuple[Row, float, bool]]:
    out = []
    for r in rows:
        conf = 0.0 if r.values is None else confidence.estimate(r.values, weights, bias)
        out.append((r, conf, conf < line))
    return out


def recall_precision(pairs: list[tuple[bool, bool]]) -> str:
    """(wrong, flagged) pairs -> 'recall R precision P flagged F% wrong W%'."""
    wrong = sum(1 for w, _ in pairs if w)
    flagged = sum(1 for _, f in pairs if f)
    hit = sum(1 for w, f in pairs if w and f)
    n = max(len(pairs), 1)
    return (
        f"recall {hit / max(wrong, 1):.3f}  precision {hit / max(flagged, 1):.3f}  "
        f"flagged {100 * flagged / n:4.1f}%  wrong {100 * wrong / n:4.1f}%  n={len(pairs)}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dev")
    ap.add_argument("items")
    ap.add_argument("expected")
    ap.add_argument("models", type=Path, help="folder of fold0.crf ... from train.py --cv K --models")
    ap.add_argument("work", type=Path)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--folds", help="only these folds (comma-separated; experiments)")
    # (0.84: aimed at 0.825, then at 0.83, the line held out 0.796 and 0.794 on the round trip after issue 17's
    # 16th-stop repairs; at 0.84, 0.816)
    ap.add_argument("--recall", type=float, default=0.84, help="recall the threshold is chosen for (each kind)")
    ap.add_argument("--write", action="store_true", help="fit on all folds and write the shipped coefficients")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(args.dev).resolve().parent))
    import score  # the bench's scorer: what "a wrong field" means

    parts = folds(load(args.dev), args.k, SEED)
    fold_of = {r["id"]: f for f, part in enumerate(parts) for r in part}
    rt = [
        r for r in roundtrip_gold(args.dev, args.items, args.expected, args.work) if r["id"].split(":", 1)[1] in fold_of
    ]
    chosen = [int(x) for x in args.folds.split(",")] if args.folds else list(range(args.k))
    # the evidence does not depend on the shipped weights: parse without them, so that weights fitted on
    # other evidence (FEATURES changed) do not stop the refit
    shipped, confidence.COEF_PATH = confidence.COEF_PATH, args.work / "no-weights.json"
    confidence._shipped.cache_clear()
    rows: list[Row] = []
    for f in chosen:
        tagger = Tagger(args.models / f"fold{f}.crf")
        rows += parse_rows("hand", parts[f], f, tagger, score)
        rows += parse_rows("roundtrip", [r for r in rt if fold_of[r["id"].split(":", 1)[1]] == f], f, tagger, score)
    confidence.COEF_PATH = shipped
    confidence._shipped.cache_clear()
    # the confidence model out of fold: fitted and thresholded on the other folds, applied to this one
    held: list[tuple[Row, float, bool]] = []
    for f in chosen:
        train = [r for r in rows if r.fold != f]
        weights, bias = confidence.fit((r.values, r.wrong) for r in train if r.values is not None)
        line = threshold(train, weights, bias, args.recall)
        held += flags([r for r in rows if r.fold == f], weights, bias, line)
        print(f"fold {f}: unsure below {line:.3f}", flush=True)
    print("\nheld-out flag (confidence model fitted out of fold) | before (check.py's old decision)")
    subsets = [
        ("hand strings", lambda r: r.kind == "hand"),
        ("hand, APA-like", lambda r: r.kind == "hand" and apa_like(r)),
        ("round trip", lambda r: r.kind == "roundtrip"),
        ("round trip, APA", lambda r: r.kind == "roundtrip" and apa_like(r)),
    ]
    for name, keep in subsets:
        now = [(r.wrong, flag) for r, _, flag in held if keep(r)]
        old = [(r.wrong, r.before) for r, _, _ in held if keep(r)]
        print(f"  {name:17s} {recall_precision(now)}\n  {'':17s} before: {recall_precision(old)}")
    print("\nreliability (held-out confidence = estimated P(all fields right)):")
    print("  bin          hand n  wrong%   round trip n  wrong%")
    for lo in [x / 10 for x in range(10)]:
        cells = []
        for kind in ("hand", "roundtrip"):
            inbin = [r for r, c, _ in held if r.kind == kind and lo <= c < lo + 0.1 + (lo == 0.9) * 1e-9]
            cells.append(f"{len(inbin):6d}  {100 * sum(r.wrong for r in inbin) / max(len(inbin), 1):5.1f}")
        print(f"  {lo:.1f}-{lo + 0.1:.1f}    {cells[0]}        {cells[1]}")
    if args.write:
        weights, bias = confidence.fit((r.values, r.wrong) for r in rows if r.values is not None)
        line = threshold(rows, weights, bias, args.recall)
        data = {
            "features": list(confidence.FEATURES),
            "weights": [round(w, 6) for w in weights],
            "bias": round(bias, 6),
            "unsure_below": round(line, 4),
            "fitted": f"benchmarks/refparse_calibration.py --write --recall {args.recall}: {len(rows)} "
            f"out-of-fold parses ({args.k} folds), hand strings and round trip",
        }
        confidence.COEF_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(
            f"\nwrote {confidence.COEF_PATH} (unsure below {line:.4f}); all parses: "
            + recall_precision([(r.wrong, c < line) for r, c, _ in flags(rows, weights, bias, line)])
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
