#!/usr/bin/env python3
"""Warm read: the CPU time essayconv spends reading a 1,000-word essay with 12 references in a process
that has already read essays (issue 16's target: at most 1.3x the time before the reader's rework).

What is timed, per essay: ``citations.resolve.resolve(convert.read(data, ConvertOptions(), "essay.txt"))``,
i.e. exactly what ``essayconv inspect`` does and what ``convert`` does before rendering and writing:
decoding, the plain-text reader (line furniture, blocks, headings, the reference section), the parse of
each reference (CRF, its confidence with the layout rules' second opinion) and the linking of in-text
citations to the references. Style rendering (citeproc) and the writers are not in it.

How: the essays come from benchmarks/batch.py's generator (``make_essay(1000, 12, seed)``). Each source
tree gets a child process (PYTHONPATH set to it) that first reads 20 warm-up essays (imports, the CRF
model, compiled patterns), then reads essays on demand, each once and each a different seed (the same
seeds in every tree), so that no cache keyed by a whole essay or reference string can answer one read
from an earlier one (per-word caches warm up, as in a long batch). Each read is timed as process CPU time
(time.process_time). The machine is shared and its speed drifts from second to second, so with
``--base-src DIR`` the two children stay alive side by side and take turns in blocks of ``--block``
essays (which one starts a block alternates): both meet the same load. Printed: per round the median of
each tree and their ratio, then the median over all reads and the spread of the round ratios.

    PYTHONPATH=src python benchmarks/warm_read.py [--rounds 5] [--blocks 10] [--block 5]
    git worktree add /tmp/base669 669b403   # (or: git archive 669b403 | tar -x -C /tmp/base669)
    PYTHONPATH=src python benchmarks/warm_read.py --base-src /tmp/base669/src
    PYTHONPATH=src python benchmarks/warm_read.py --profile 100   # cProfile of reading 100 essays
    PYTHONPATH=src python benchmarks/warm_read.py --base-src /tmp/base669/src --instructions 30

``--instructions N`` counts instead of timing: each tree's child runs under valgrind's callgrind, once reading
the warm-up alone and once the warm-up and N essays; the difference over N is the instructions an essay takes.
Unlike the time, that count does not move with the machine's load (the same code gives the same count to a
few parts in ten thousand), so it is what tells a small change apart; the time ratio also holds what
instructions do not (the caches).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WARMUP = 20
WORDS, REFS = 1000, 12


def essays(seeds: range) -> list[bytes]:
    sys.path.insert(0, str(HERE))
    from batch import make_essay

    return [make_essay(WORDS, REFS, seed).encode("utf-8") for seed in seeds]


def child(profile: int, count: int = -1) -> None:
    """Runs in a process whose PYTHONPATH selects the source tree. Reads a count N from each line of stdin,
    reads the next N essays and answers with their CPU times in ms, one JSON list a line (with --profile:
    prints cProfile's top N of reading N essays instead)."""
    from essayconv.citations.resolve import resolve
    from essayconv.convert import read
    from essayconv.options import ConvertOptions

    options = ConvertOptions()
    for data in essays(range(10_000, 10_000 + WARMUP)):
        resolve(read(data, options, source_name="essay.txt"))
    if count >= 0:
        for data in essays(range(count)):
            resolve(read(data, options, source_name="essay.txt"))
        return
    if profile:
        import cProfile
        import pstats

        timed = essays(range(profile))
        prof = cProfile.Profile()
        prof.enable()
        for data in timed:
            resolve(read(data, options, source_name="essay.txt"))
        prof.disable()
        for key in ("cumulative", "tottime"):
            pstats.Stats(prof, stream=sys.stdout).sort_stats(key).print_stats(60)
        return
    seed = 0
    print(json.dumps(str(Path(sys.modules["essayconv"].__file__ or "").parent)), flush=True)
    for line in sys.stdin:
        batch = essays(range(seed, seed + int(line)))
        seed += len(batch)
        times = []
        for data in batch:
            start = time.process_time()
            resolve(read(data, options, source_name="essay.txt"))
            times.append(1000 * (time.process_time() - start))
        print(json.dumps(times), flush=True)


def instructions(src: str, n: int) -> int:
    """Instructions a warm read of one essay takes with the source tree ``src`` (see --instructions)."""
    import re
    import tempfile

    def run(essays_read: int) -> int:
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out", sys.executable, __file__]
                + ["--count", str(essays_read)],
                env={**os.environ, "PYTHONPATH": src},
                capture_output=True,
                text=True,
                check=True,
            )
        m = re.search(r"Collected : (\d+)", out.stderr)
        if m is None:
            raise SystemExit(f"warm_read.py: callgrind printed no count for {src}")
        return int(m.group(1))

    return (run(n) - run(0)) // n


class Child:
    """A child process reading essays with one source tree."""

    def __init__(self, src: str) -> None:
        env = {**os.environ, "PYTHONPATH": src}
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--child"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdin and self.proc.stdout
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        self.package = json.loads(self.stdout.readline())  # (after its warm-up)

    def read(self, n: int) -> list[float]:
        self.stdin.write(f"{n}\n")
        self.stdin.flush()
        return [float(t) for t in json.loads(self.stdout.readline())]

    def close(self) -> None:
        self.stdin.close()
        self.proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=str(HERE.parent / "src"), help="the source tree measured (default: this one)")
    ap.add_argument("--base-src", help="a second source tree to compare with, e.g. a checkout of 669b403's src")
    ap.add_argument("--rounds", type=int, default=5, help="rounds, each reported on its own (default 5)")
    ap.add_argument("--blocks", type=int, default=10, help="turns of each tree per round (default 10)")
    ap.add_argument("--block", type=int, default=5, help="essays read in one turn (default 5)")
    ap.add_argument("--profile", type=int, default=0, help="print cProfile's top of reading N essays instead")
    ap.add_argument(
        "--instructions", type=int, default=0, help="count the instructions of N essays under callgrind instead"
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--count", type=int, default=-1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(0)
        return 0
    if args.count >= 0:
        child(0, args.count)
        return 0
    if args.instructions:
        if not shutil.which("valgrind"):
            raise SystemExit("warm_read.py: --instructions needs valgrind (apt install valgrind)")
        counts = {
            k: instructions(src, args.instructions) for k, src in (("this", args.src), ("base", args.base_src)) if src
        }
        print(", ".join(f"{k}: {v / 1e6:.2f}M instructions an essay" for k, v in counts.items()))
        if "base" in counts:
            print(f"ratio this/base: {counts['this'] / counts['base']:.3f}x")
        return 0
    if args.profile:
        sys.path.insert(0, args.src)
        child(args.profile)
        return 0
    trees = {"this": args.src, **({"base": args.base_src} if args.base_src else {})}
    children = {name: Child(src) for name, src in trees.items()}
    got: dict[str, list[float]] = {k: [] for k in trees}
    ratios = []
    try:
        for r in range(args.rounds):
            now: dict[str, list[float]] = {k: [] for k in trees}
            for b in range(args.blocks):
                for name in list(trees) if (r * args.blocks + b) % 2 == 0 else list(reversed(trees)):
                    now[name] += children[name].read(args.block)
            med = {k: statistics.median(v) for k, v in now.items()}
            line = f"round {r + 1}: " + ", ".join(f"{k} {med[k]:.2f} ms" for k in trees)
            if args.base_src:
                ratios.append(med["this"] / med["base"])
                line += f", ratio {ratios[-1]:.3f}x"
            print(line, flush=True)
            for k in trees:
                got[k] += now[k]
    finally:
        for c in children.values():
            c.close()
    med = {k: statistics.median(v) for k, v in got.items()}
    print(
        f"warm read, {WORDS}-word essay with {REFS} references, median CPU ms of {len(got['this'])} reads each: "
        + ", ".join(f"{k} ({children[k].package}) {med[k]:.2f} ms" for k in trees)
    )
    if args.base_src:
        print(
            f"ratio this/base: {med['this'] / med['base']:.3f}x "
            f"(rounds: {min(ratios):.3f}x to {max(ratios):.3f}x, median {statistics.median(ratios):.3f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
