"""Train the line labeller (readers/linelabel.py) from essays with truth, aligned to their lines.

    python -m essayconv.readers.linelabel_train ../shared/corpus/micusp          # writes the shipped model
    python -m essayconv.readers.linelabel_train ../shared/corpus/micusp --out /tmp/x.crfsuite

DIR holds ``txt/*.txt`` and ``truth/*.json`` (the MICUSP conventions: title, title_line, headings,
headings_optional, references_heading, references, block_quotes). Each essay is read by the rule reader
under ``trace.tracing()`` (the rules' decision for each line is a feature) and its kept lines are given
the truth's labels by ``align``. The cross-validated measures: ``python benchmarks/linelabel_eval.py DIR``.
Training parameters and the order of the essays are fixed, so a retrain reproduces the shipped model.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..crfmodel import folds as crf_folds
from ..crfmodel import train_crf
from .linelabel import MODEL_PATH, LineView, features, kept, views

PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}
SEED = 20261206
# "HOPT": a line equal to one of the truth's optional headings; trained as HEADING, left out of the scores.
OPTIONAL = "HOPT"


def norm(s: str | None) -> str:
    """The benchmarks' normalisation (corpus_scale.py, score_micusp.py)."""
    s = unicodedata.normalize("NFC", s or "").replace("\u00ad", "")
    s = re.sub(r"[\u2018\u2019]", "'", s)
    s = re.sub(r"[\u201c\u201d]", '"', s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(\w)- (\w)", r"\1-\2", s)
    return s.casefold()


class _Lines:
    """An essay's kept lines as ``align`` reads them: the texts, their normalised forms, the labels so far,
    and where each line or run of 2-4 lines joined (normalised) stands."""

    def __init__(self, texts: list[str]) -> None:
        n = len(texts)
        self.norms = [norm(t) for t in texts]
        self.labels = ["BODY"] * n
        self.runs: dict[str, list[tuple[int, int]]] = {}  # a line or 2-4 lines joined -> (first, count)
        for i in range(n):
            for k in range(1, 5):
                if i + k > n:
                    break
                self.runs.setdefault(norm(" ".join(texts[i : i + k])), []).append((i, k))

    def put(self, i: int, k: int, lab: str, over: tuple[str, ...] = ("BODY",)) -> None:
        """Lines i .. i+k-1 labelled ``lab`` where they are still one of ``over``."""
        for j in range(i, i + k):
            if self.labels[j] in over:
                self.labels[j] = lab


def _align_title(lines: _Lines, truth: dict[str, Any]) -> None:
    """The first run among the first 60 lines equal to the title (or the title's line as written)."""
    if not truth.get("title"):
        return
    wanted = {norm(truth["title"])} | ({norm(truth["title_line"])} if truth.get("title_line") else set())
    hits = sorted(ik for w in wanted for ik in lines.runs.get(w, []) if ik[0] < 60)
    if hits:
        lines.put(*hits[0], "TITLE")


def _align_headings(lines: _Lines, truth: dict[str, Any]) -> None:
    """Every run of up to 3 lines equal to a heading (HOPT for an optional one)."""
    for key, lab in (("headings", "HEADING"), ("headings_optional", OPTIONAL)):
        for h in truth.get(key) or []:
            for i, k in lines.runs.get(norm(h), []):
                if k <= 3:
                    lines.put(i, k, lab)


def _reference_list(lines: _Lines, truth: dict[str, Any], inside: list[bool]) -> list[bool] | None:
    """The reference list starts at the first line that starts an entry (lines before it that match are
    prose; None when no line does), and the references heading just before it is labelled with it."""
    norms = lines.norms
    starts = {norm(t)[:30] for t in truth["references"]}
    first = next((i for i, t in enumerate(norms) if inside[i] and t[:30] in starts), None)
    if first is None:
        return None
    heading = norm(truth.get("references_heading"))
    if heading and first > 0 and norms[first - 1] == heading:
        lines.labels[first - 1] = "REF"
    return [x and i >= first for i, x in enumerate(inside)]


def _align_within(lines: _Lines, truth: dict[str, Any], key: str, lab: str, least: int) -> None:
    """Body lines of at least ``least`` characters found inside the truth's ``key`` texts, and a short line
    between two such (a wrapped entry's last words); for the references, from where the list starts."""
    whole = "\n".join(norm(t) for t in truth.get(key) or [])
    if not whole:
        return
    norms, labels, n = lines.norms, lines.labels, len(lines.norms)
    inside = [len(t) >= least and t in whole and labels[i] == "BODY" for i, t in enumerate(norms)]
    if key == "references":
        listed = _reference_list(lines, truth, inside)
        if listed is None:
            return
        inside = listed
    for i in range(n):
        short_between = 0 < i < n - 1 and inside[i - 1] and inside[i + 1] and norms[i] in whole
        if inside[i] or (short_between and labels[i] == "BODY"):
            labels[i] = lab


# The truth's kinds, in order: a line labelled by one rule is no longer BODY for the rules after it.
ALIGN_RULES: tuple[tuple[str, Callable[[_Lines, dict[str, Any]], None]], ...] = (
    ("title", _align_title),
    ("headings", _align_headings),
    ("references", lambda lines, truth: _align_within(lines, truth, "references", "REF", 10)),
    ("block-quotes", lambda lines, truth: _align_within(lines, truth, "block_quotes", "BQ", 12)),
)


def align(texts: list[str], truth: dict[str, Any]) -> list[str]:
    """The truth's label for each kept line: TITLE, HEADING (HOPT for an optional one), REF, BQ, else BODY."""
    lines = _Lines(texts)
    for _, rule in ALIGN_RULES:
        rule(lines, truth)
    return lines.labels


def extract(txt: Path, truth: dict[str, Any] | None) -> dict[str, Any]:
    """One essay as the labeller sees it (lines, the rules' decisions) with its gold labels and what the
    document-level measure needs (the reader's headings and short paragraphs, by first line)."""
    from ..convert import decode_input
    from ..model import BlockQuote, Heading, Paragraph, plain_text
    from . import trace
    from .furniture import find_furniture, split_lines
    from .layout import measure_wrap, units_of
    from .plaintext import read

    text, _ = decode_input(txt.read_bytes())
    with trace.tracing() as decided:
        doc = read(text, source_name=str(txt), review=False)  # the rules alone: the labeller learns where they fail
    lines = split_lines(text)
    units = units_of(lines, find_furniture(lines))
    wrap = measure_wrap(units)
    starts = {b.line for b in doc.blocks if b.line}
    heads, paras = [], []
    n_paras = n_bq = 0
    for b in doc.blocks:
        n_bq += isinstance(b, BlockQuote)
        n_paras += isinstance(b, Paragraph) and b.role in ("body", "abstract")
        if isinstance(b, Heading):
            t = plain_text(b.content)
            heads.append([b.line, f"{b.numbering} {t}" if b.numbering else t])
        elif isinstance(b, Paragraph) and b.role in ("body", "abstract"):
            t = plain_text(b.content)
            if len(t.split()) <= 20:
                paras.append([b.line, t])
    rec: dict[str, Any] = {
        "id": txt.stem,
        "width": wrap.width,
        "wrapped": wrap.wrapped,
        "nos": [u.no for u in units],
        "lines": [list(v) for v in views(units, dict(decided), starts)],
        "heads": heads,
        "paras": paras,
        "n_paras": n_paras,
        "n_bq": n_bq,
    }
    if truth is not None:
        rec["gold"] = align([u.text for u in units], truth)
        rec["truth"] = {
            k: truth[k] for k in ("headings", "headings_optional", "n_paragraphs", "n_block_quotes") if k in truth
        }
    return rec


def _extract_one(args: tuple[str, str | None]) -> dict[str, Any]:
    txt, tpath = args
    truth = json.loads(Path(tpath).read_text(encoding="utf-8")) if tpath else None
    return extract(Path(txt), truth)


def load_corpus(root: Path, jobs: int = 1) -> list[dict[str, Any]]:
    """Every essay of ROOT/txt that has ROOT/truth/<id>.json, extracted, in file-name order."""
    pairs = []
    for txt in sorted((root / "txt").glob("*.txt")):
        t = root / "truth" / f"{txt.stem}.json"
        if t.exists():
            pairs.append((str(txt), str(t)))
    if jobs > 1:
        from multiprocessing import Pool

        with Pool(jobs) as pool:
            return pool.map(_extract_one, pairs, chunksize=8)
    return [_extract_one(p) for p in pairs]


def sequence(rec: dict[str, Any]) -> tuple[list[list[str]], list[str]]:
    lines = [LineView(*v) for v in rec["lines"]]
    keep = kept(lines, rec["width"], rec["wrapped"])
    gold = ["HEADING" if rec["gold"][i] == OPTIONAL else rec["gold"][i] for i in keep]
    return features([lines[i] for i in keep], rec["width"], rec["wrapped"]), gold


def train(records: Iterable[dict[str, Any]], out: str | Path, params: dict[str, Any] | None = None) -> Path:
    """Train the CRF on ``records`` (extracted essays with gold) and write it to ``out``."""
    return train_crf(map(sequence, records), out, dict(PARAMS, **(params or {})))


def folds(records: list[dict[str, Any]], k: int, seed: int = SEED) -> list[list[dict[str, Any]]]:
    """Shuffle with a fixed seed and deal the records into ``k`` folds."""
    return crf_folds(records, k, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="folder with txt/ and truth/ (../shared/corpus/micusp)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write (default: the shipped one)")
    ap.add_argument("--jobs", type=int, default=1, help="essays read in parallel")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    records = load_corpus(args.corpus, args.jobs)
    path = train(records, args.out)
    print(
        f"trained on {len(records)} essays ({sum(len(r['lines']) for r in records)} lines) in "
        f"{time.perf_counter() - start:.0f} s -> {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
