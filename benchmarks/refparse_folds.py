"""Held-out scores of fold models (`train.py --cv K --models DIR`, same fixed-seed folds): (a) each fold's
hand-typed strings of DEV.jsonl parsed by the model trained without them; (b) round trip: the bench's
roundtrip.py run fold by fold on the items of that fold (citeproc-js renderings in the nine styles), each
parsed by the same model, scored together per style. With --synth in training a fold's items were rendered
for no model that parses them, so both are honest.

    python -m essayconv.references.train DEV.jsonl --cv 5 --jobs 2 --models /tmp/cv [--synth 120]
    python benchmarks/refparse_folds.py DEV.jsonl ITEMS.json EXPECTED.json /tmp/cv /tmp/rtcv [--folds 0,1]

Only items that are records of DEV.jsonl (the real references) have a fold; the hand-made ones are left out.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

_PARSER = """#!{python}
import json, sys
sys.path.insert(0, {src!r})
from essayconv.references.crf import Tagger
from essayconv.references.parse import parse_with
tagger = Tagger({model!r})
src = sys.argv[sys.argv.index("parse") + 1]
for line in open(src, encoding="utf-8"):
    if line.strip():
        print(json.dumps(parse_with(line.strip(), tagger).csl, ensure_ascii=False))
"""


def main() -> int:
    dev, items_path, expected, models, work = sys.argv[1:6]
    k = int(sys.argv[sys.argv.index("--k") + 1]) if "--k" in sys.argv else 5
    src = str(Path(__file__).resolve().parent.parent / "src")
    sys.path.insert(0, src)
    from essayconv.references.train import SEED, folds, load

    bench = Path(dev).resolve().parent
    roundtrip, score = bench / "roundtrip.py", bench / "score.py"
    from essayconv.references.crf import Tagger
    from essayconv.references.parse import parse_with

    parts = folds(load(dev), k, SEED)
    chosen = (
        [int(x) for x in sys.argv[sys.argv.index("--folds") + 1].split(",")]
        if "--folds" in sys.argv
        else list(range(k))
    )
    items = json.load(open(items_path, encoding="utf-8"))
    work_dir = Path(work)
    work_dir.mkdir(parents=True, exist_ok=True)
    with (
        open(work_dir / "hand_gold.jsonl", "w", encoding="utf-8") as g,
        open(work_dir / "hand_pred.jsonl", "w", encoding="utf-8") as p,
    ):
        for f in chosen:
            tagger = Tagger(Path(models) / f"fold{f}.crf")
            for r in parts[f]:
                g.write(json.dumps(r, ensure_ascii=False) + "\n")
                pred = {"id": r["id"], "csl": parse_with(r["raw"], tagger).csl}
                p.write(json.dumps(pred, ensure_ascii=False) + "\n")
    r = subprocess.run(
        [
            sys.executable,
            str(score),
            str(work_dir / "hand_gold.jsonl"),
            str(work_dir / "hand_pred.jsonl"),
            "--by",
            "style",
        ],
        capture_output=True,
        text=True,
    )
    print(r.stdout, flush=True)
    for f in chosen:
        held = parts[f]
        ids = {r["id"] for r in held}
        fold_items = [it for it in items if it["id"] in ids]
        fdir = work_dir / f"fold{f}"
        fdir.mkdir(exist_ok=True)
        (fdir / "items.json").write_text(json.dumps(fold_items), encoding="utf-8")
        exe = fdir / "parse"
        exe.write_text(_PARSER.format(python=sys.executable, src=src, model=str(Path(models) / f"fold{f}.crf")))
        exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
        subprocess.run(
            [sys.executable, str(roundtrip), str(fdir / "items.json"), expected, str(fdir), "--essayconv", str(exe)],
            check=True,
            capture_output=True,
            text=True,
        )
    styles = sorted({p.name[5:-6] for p in (work_dir / f"fold{chosen[0]}").glob("gold_*.jsonl")} - {"all"})
    for style in styles + ["all"]:
        for kind in ("gold", "pred"):
            with open(work_dir / f"{kind}_{style}.jsonl", "w", encoding="utf-8") as out:
                for f in chosen:
                    out.write((work_dir / f"fold{f}" / f"{kind}_{style}.jsonl").read_text(encoding="utf-8"))
        r = subprocess.run(
            [
                sys.executable,
                str(score),
                str(work_dir / f"gold_{style}.jsonl"),
                str(work_dir / f"pred_{style}.jsonl"),
                "--quiet",
            ],
            capture_output=True,
            text=True,
        )
        last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "?"
        m = re.search(r"micro-F1 ([\d.]+)\s+exact ([\d.]+)%\s+n=(\d+)", last)
        print(f"{style:32s} " + (f"micro-F1 {m[1]} exact {m[2]}% (n={m[3]})" if m else last), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
