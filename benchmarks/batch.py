#!/usr/bin/env python3
"""Batch throughput: essayconv --jobs N on many generated essays vs one pandoc process per essay.

Prints docs/s for essayconv (DOCX and PDF), pandoc's docs/s on the same inputs when pandoc is available
(PATH, or the pypandoc-binary package), their ratio (for PDF too when pdflatex is installed, since pandoc
makes PDF through LaTeX), the cold single-file times with the floor under them (a Python that only
imports the libraries a conversion needs), the time for one large essay, and the peak memory of one
essayconv process. The two programs are timed alternately (see main).

    python benchmarks/batch.py [--n 100] [--jobs 2] [--rounds 3] [--large-words 20000 --large-refs 300]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "policy evidence students teachers community research outcomes program support access schools "
    "funding learning results analysis data participants model practice effects health public local "
    "national early training quality changes groups levels social economic role approach study"
).split()
SURNAMES = [
    "Alvarez",
    "Brennan",
    "Chowdhury",
    "Dubois",
    "Eriksen",
    "Fujita",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Tanaka",
    "Underwood",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
]
JOURNALS = [
    "Journal of Education Policy",
    "Public Health Reports",
    "Social Science Quarterly",
    "Economics of Education Review",
    "Urban Studies",
]


def make_essay(words: int, refs: int, seed: int) -> str:
    rng = random.Random(seed)
    entries = []
    for i in range(refs):
        fam = f"{rng.choice(SURNAMES)}{'' if i < len(SURNAMES) else i}"
        year = 1990 + (i * 7) % 34
        co = rng.choice(SURNAMES)
        title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
        entries.append(
            (
                fam,
                co,
                year,
                f"{fam}, {chr(65 + i % 26)}. R., & {co}, M. ({year}). {title}. "
                f"{rng.choice(JOURNALS)}, {1 + i % 40}({1 + i % 4}), {10 + i}-{30 + i}.",
            )
        )
    paras, n = [], 0
    while n < words:
        sent = []
        for _ in range(5):
            s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 22))).capitalize()
            if entries and rng.random() < 0.4:
                fam, co, year, _ = rng.choice(entries)
                s += f" ({fam} & {co}, {year})"
            sent.append(s + ".")
        p = " ".join(sent)
        n += len(p.split())
        paras.append(p)
    body = "\n\n".join(paras)
    refs_text = "\n\n".join(e[3] for e in sorted(entries))
    return f"A Generated Essay Number {seed}\n\n{body}\n\nReferences\n\n{refs_text}\n"


def find_pandoc() -> str | None:
    exe = shutil.which("pandoc")
    if exe:
        return exe
    try:
        import pypandoc  # type: ignore[import-not-found]

        return str(pypandoc.get_pandoc_path())
    except Exception:  # noqa: BLE001 - pandoc is optional here
        return None


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def best(cmd: list[str], n: int) -> float:
    return min(timed(cmd) for _ in range(n))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100, help="number of essays (default 100)")
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--refs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--large-words", type=int, default=20000)
    ap.add_argument("--large-refs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5, help="cold-start runs; the best is reported (default 5)")
    ap.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="batch runs of essayconv, each followed by a share of pandoc's essays (default 3)",
    )
    ap.add_argument(
        "--pandoc-pdf-n",
        type=int,
        default=20,
        help="essays pandoc converts to PDF for its rate (LaTeX is slow; default 20)",
    )
    ap.add_argument(
        "--copies",
        action="store_true",
        help="the batch is N copies of one essay (the issue's wording) instead of N different essays",
    )
    args = ap.parse_args()
    exe = [sys.executable, "-m", "essayconv.cli"]
    pandoc = find_pandoc()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "in"
        src.mkdir()
        for i in range(args.n):
            seed = 0 if args.copies else i
            (src / f"essay{i:05d}.txt").write_text(make_essay(args.words, args.refs, seed), encoding="utf-8")
        one = src / "essay00000.txt"
        # an installed package has its bytecode compiled by pip; an editable one compiles on first import unless
        # PYTHONDONTWRITEBYTECODE is set, so compile it here: cold start means a new process, not a new install
        import compileall

        import essayconv

        compileall.compile_dir(str(Path(essayconv.__file__).parent), quiet=1)
        timed([*exe, str(one), "--to", "docx", "-o", str(root / "one.docx"), "-q"])
        # memory: one batch before pandoc runs (the children's peak would be pandoc's after)
        timed([*exe, str(src), "--to", "docx", "-o", str(root / "out-mem"), "--jobs", str(args.jobs), "-q"])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # pandoc writes PDF through a LaTeX engine (pdflatex by default): compare with it when one is installed
        latex = bool(pandoc and shutil.which("pdflatex"))
        if not pandoc:
            print("pandoc not found (pip install pypandoc-binary to compare)")
        elif not latex:
            print("pandoc pdf not measured: no pdflatex (apt install texlive-latex-recommended lmodern)")

        def pandoc_cmd(f: Path, fmt: str) -> list[str]:
            assert pandoc
            return [
                pandoc,
                str(f),
                "-f",
                "markdown",
                *(["-t", "docx"] if fmt == "docx" else []),
                "-o",
                str(root / f"p.{fmt}"),
            ]

        # This machine's speed drifts by tens of percent from minute to minute, so the two programs are
        # measured alternately, in the same minutes: cold starts one after the other, and the batch in
        # rounds of one essayconv batch and a share of pandoc's essays.
        for fmt in ("docx", "pdf"):
            ours = [*exe, str(one), "--to", fmt, "-o", str(root / f"one.{fmt}"), "-q", "--force"]
            theirs = pandoc_cmd(one, fmt) if pandoc and (fmt == "docx" or latex) else None
            mine, other = [], []
            for _ in range(args.repeat):
                mine.append(timed(ours))
                if theirs:
                    other.append(timed(theirs))
            line = f"single file, cold start, {fmt}: essayconv {min(mine):.3f} s"
            if other:
                line += f", pandoc{' (pdflatex)' if fmt == 'pdf' else ''} {min(other):.3f} s"
            print(line + f" (best of {args.repeat} each, alternating)")
        # The floor under any cold start: a new interpreter that only imports the libraries a DOCX
        # conversion cannot do without (click for the command line, citeproc-py with lxml for the
        # references, regex for the reader, zipfile for the package), converting nothing. Alternated
        # with pandoc's conversion of the essay, like the times above.
        floors = {
            "python start-up alone": [sys.executable, "-c", "pass"],
            "python importing click, citeproc-py (lxml), regex, zipfile; nothing converted": [
                sys.executable,
                "-c",
                "import click, lxml.etree, regex, citeproc, zipfile",
            ],
        }
        theirs = pandoc_cmd(one, "docx") if pandoc else None
        got: dict[str, list[float]] = {k: [] for k in floors}
        other = []
        for _ in range(args.repeat):
            for k, cmd in floors.items():
                got[k].append(timed(cmd))
            if theirs:
                other.append(timed(theirs))
        for k, v in got.items():
            print(f"floor, {k}: {min(v):.3f} s")
        if other:
            print(f"  (pandoc's whole DOCX conversion of the essay, in the same minutes: {min(other):.3f} s)")
        files = sorted(src.iterdir())
        for fmt in ("docx", "pdf"):
            theirs_files = files if fmt == "docx" else files[: args.pandoc_pdf_n]
            if not pandoc or (fmt == "pdf" and not latex):
                theirs_files = []
            share = [theirs_files[r :: args.rounds] for r in range(args.rounds)]
            mine, other, done = [], 0.0, 0
            for r in range(args.rounds):
                out = root / f"out-{fmt}-{r}"
                mine.append(timed([*exe, str(src), "--to", fmt, "-o", str(out), "--jobs", str(args.jobs), "-q"]))
                for f in share[r]:
                    other += timed(pandoc_cmd(f, fmt))
                    done += 1
            rate = args.n * len(mine) / sum(mine)
            print(
                f"essayconv --jobs {args.jobs} {fmt}: {args.n} essays, {len(mine)} runs: "
                + ", ".join(f"{t:.2f} s" for t in mine)
                + f" = {rate:.1f} docs/s"
            )
            if done:
                prate = done / other
                label = "docx" if fmt == "docx" else "pdf (pdflatex)"
                print(f"pandoc, one process per essay, {label}: {done} essays in {other:.2f} s = {prate:.1f} docs/s")
                print(f"ratio essayconv/pandoc, {fmt}: {rate / prate:.1f}x")
        print(f"peak RSS of one essayconv process (DOCX batch): {peak:.0f} MB")
        big = root / "large.txt"
        big.write_text(make_essay(args.large_words, args.large_refs, 999), encoding="utf-8")
        for fmt in ("docx", "pdf"):
            secs = best([*exe, str(big), "--to", fmt, "-o", str(root / f"large.{fmt}"), "-q", "--force"], 2)
            print(
                f"large essay ({args.large_words} words, {args.large_refs} references) to {fmt}: {secs:.2f} s "
                "(best of 2)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
