"""Whether ``--review`` puts every finding into the document exactly once, over corpus folders: DOCX comments
(a range start, a range end, a reference and a comment per finding) and PDF text annotations, and how many
of them had to go on the title because their citation or entry was not printed as one.

    python benchmarks/review_placed.py ../shared/corpus/micusp/txt ../shared/corpus/swp/txt --jobs 2 \
        [--to docx,pdf] [--limit N] [--style apa]
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
import zipfile
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def _one(job: tuple[str, str, str]) -> tuple[str, str, int, int, int, str]:
    """(file, format, findings, comments or annotations, on the title though anchored, problem)."""
    from essayconv.convert import convert
    from essayconv.options import ConvertOptions
    from essayconv.writers._review import Review

    path, to, style = job
    try:
        r = convert(Path(path).read_bytes(), ConvertOptions(to=to, style=style, review=True))
    except Exception as err:  # noqa: BLE001 - a crash is what this looks for
        return path, to, -1, -1, 0, f"{type(err).__name__}: {err}"
    n = len(r.findings)
    review = Review(r.document, r.findings)
    fallen = sum(
        1
        for c in review.comments
        if (c.finding.cite is not None or c.finding.reference is not None)
        and not review.on_reference(c.finding.reference)
        and c not in _cite_comments(review, r.document)
    )
    if to == "docx":
        z = zipfile.ZipFile(io.BytesIO(r.data))
        xml = "".join(z.read(p).decode() for p in ("word/document.xml", "word/footnotes.xml") if p in z.namelist())
        counts = [
            len(re.findall(tag, xml))
            for tag in ("<w:commentRangeStart ", "<w:commentRangeEnd ", "<w:commentReference ")
        ]
        comments = len(re.findall("<w:comment ", z.read("word/comments.xml").decode())) if n else 0
        ok = counts == [n, n, n] and comments == n
        return path, to, n, comments, fallen, "" if ok else f"starts/ends/refs {counts}, comments {comments}"
    import pypdf

    pages = pypdf.PdfReader(io.BytesIO(r.data)).pages
    annots = sum(1 for p in pages for a in (p.get("/Annots") or []) if a.get_object()["/Subtype"] == "/Text")
    return path, to, n, annots, fallen, ""


def _cite_comments(review: object, doc: object) -> list[object]:
    from essayconv.model import all_cites

    return [c for cite in all_cites(doc) for c in review.on_cite(cite)]  # type: ignore[attr-defined,arg-type]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--to", default="docx,pdf")
    ap.add_argument("--style", default="apa")
    ap.add_argument("--limit", type=int, default=None, help="the first N essays of each folder")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    jobs = [
        (str(f), to, args.style)
        for to in args.to.split(",")
        for d in args.dirs
        for f in sorted(Path(d).rglob("*.txt"))[: args.limit]
    ]
    start = time.time()
    totals: dict[str, Counter[str]] = {}
    with Pool(args.jobs) as pool:
        for path, to, n, placed, fallen, problem in pool.imap_unordered(_one, jobs, chunksize=4):
            t = totals.setdefault(to, Counter())
            t["essays"] += 1
            t["findings"] += max(n, 0)
            t["placed"] += max(placed, 0)
            t["on the title though anchored"] += fallen
            if problem or n != placed:
                t["problems"] += 1
                print(f"{path} ({to}): {n} findings, {placed} placed {problem}")
    for to, t in totals.items():
        print(
            f"{to:5} essays {t['essays']}  findings {t['findings']}  placed {t['placed']}  "
            f"on the title though anchored {t['on the title though anchored']}  problems {t['problems']}"
        )
    print(f"{time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
