"""Benchmark: run the reference parser over a gold JSONL, score it with the bench's score.py, print refs/s.

python benchmarks/refparse.py /work/shared/bench/refs/dev.jsonl [--score PATH] [--by source]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from essayconv.references.parse import parse_reference  # noqa: E402


def _default_score() -> Path:
    for cand in (Path("/work/shared/bench/refs/score.py"), ROOT.parent / "shared/bench/refs/score.py"):
        if cand.exists():
            return cand
    return Path("/work/shared/bench/refs/score.py")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", help="gold JSONL with id and raw per line")
    ap.add_argument("--score", type=Path, default=_default_score(), help="path of score.py")
    ap.add_argument("--by", action="append", choices=["source", "style"], help="passed on to score.py")
    ap.add_argument("--keep", type=Path, help="also write the predictions here")
    args = ap.parse_args()

    records = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    parse_reference("Warm, U. P. (2020). Loading the model. Journal, 1, 1-2.")  # model load outside the timing
    start, cpu_start = time.perf_counter(), time.process_time()
    preds = [{"id": r["id"], "csl": parse_reference(r["raw"]).csl} for r in records]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        pred_path = fh.name
    if args.keep:
        Path(args.keep).write_text(Path(pred_path).read_text(encoding="utf-8"), encoding="utf-8")
    cmd = [sys.executable, str(args.score), args.gold, pred_path]
    for by in args.by or []:
        cmd += ["--by", by]
    result = subprocess.run(cmd, capture_output=True, text=True)
    print(result.stdout, end="")
    if result.returncode:
        print(result.stderr, end="", file=sys.stderr)
    print(
        f"parsed {len(records)} references in {elapsed:.2f} s wall, {cpu:.2f} s CPU (one process): "
        f"{len(records) / max(elapsed, 1e-9):.0f} refs/s wall, {len(records) / max(cpu, 1e-9):.0f} refs/s CPU"
    )
    Path(pred_path).unlink()
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
