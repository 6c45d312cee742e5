"""How many of the problems planted in benchmarks/check_planted/ ``essayconv check`` finds, and what else it
reports there (findings that match no planted problem are false findings, or problems the essays have
without meaning to).

    python benchmarks/check_planted.py [--dir benchmarks/check_planted] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def evaluate(folder: Path) -> dict[str, Any]:
    from essayconv.check import check
    from essayconv.citations.resolve import resolve
    from essayconv.convert import read

    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: list[str] = []
    extra: list[str] = []
    for name, spec in sorted(expected.items()):
        if name.startswith("_"):
            continue
        doc = resolve(read((folder / name).read_bytes(), source_name=name))
        findings = check(doc, spec["style"])
        used: set[int] = set()
        for code, snippet in spec["planted"]:
            planted[code] += 1
            hit = next(
                (
                    i
                    for i, f in enumerate(findings)
                    if i not in used and f.code == code and (snippet in f.text or snippet in f.message)
                ),
                None,
            )
            if hit is None:
                missed.append(f"{name}: {code} '{snippet}'")
            else:
                used.add(hit)
                found[code] += 1
        extra += [f.format(name) for i, f in enumerate(findings) if i not in used]
    total, hits = sum(planted.values()), sum(found.values())
    return {
        "planted": total,
        "found": hits,
        "recall": round(hits / total, 3) if total else 1.0,
        "per_code": {c: f"{found[c]}/{n}" for c, n in sorted(planted.items())},
        "missed": missed,
        "unplanted": extra,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=HERE / "check_planted")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = evaluate(args.dir)
    if args.json:
        json.dump(out, sys.stdout, indent=2)
        print()
        return
    print(f"planted problems found: {out['found']}/{out['planted']} = {out['recall']:.3f}")
    for code, frac in out["per_code"].items():
        print(f"  {code:<28} {frac}")
    for m in out["missed"]:
        print(f"  missed: {m}")
    print(f"findings on no planted problem: {len(out['unplanted'])}")
    for e in out["unplanted"]:
        print(f"  {e}")


if __name__ == "__main__":
    main()
