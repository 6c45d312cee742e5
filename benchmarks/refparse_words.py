"""Words kept: how many reference strings the parser reads into items that drop some of their words.

A word of the string that no field of the parsed item holds is lost from the reference list as the output
renders it (the raw string is only kept in the JSON dump). Counted over the hand-typed strings of a gold
JSONL and, with --expected, over citeproc-js's renderings of the CSL bench items (the round trip's strings),
parsed by the shipped model. Words that no CSL field holds by design are not counted: labels and cues
("pp.", "vol.", "edited by", "Retrieved from", "ISBN", APA's "Original work published", which the style
writes again from the original date, and a truncation's "and others"), month and season names (the date keeps them as
numbers), and preprint tags ("arXiv:hep-th/...").

    python benchmarks/refparse_words.py ../shared/bench/refs/dev.jsonl --expected ../shared/bench/csl/expected.json
    python benchmarks/refparse_words.py DEV.jsonl --show 20      # also print 20 strings that lose words
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from essayconv.references.crf import default_tagger  # noqa: E402
from essayconv.references.dates import MONTHS, SEASONS  # noqa: E402
from essayconv.references.parse import parse_many  # noqa: E402
from essayconv.references.synth import html_text  # noqa: E402

WORD = re.compile(r"[^\W\d_]{3,}")
# Words no CSL variable holds: labels, cues, roles and identifiers' names
CUES = frozenset(
    """retrieved from accessed available online doi http https www vol vols pp eds edn and the with for in by
    trans url viewed cited press edited editor editors translated pages page volume issue pmid pmcid epub ahead
    print html pdf htm org com edu gov last updated date published arxiv hep edition isbn issn hrsg edd band
    aufl auflage nos seite seiten presented suppl part tome internet serial abstract paper und eds ed hgg hg dir
    comp compiled original originally work others""".split()
)


def _month_like(word: str) -> bool:
    w = word.casefold()
    return w in SEASONS or any(w.startswith(m[:3]) and m.startswith(w[:3]) for m in MONTHS if len(m) >= 3)


def _flatten(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _flatten(v, out)
    elif isinstance(value, list):
        for v in value:
            _flatten(v, out)
    else:
        out.append(str(value))


def lost_words(raw: str, csl: dict[str, Any]) -> list[str]:
    """The words of ``raw`` that no field of ``csl`` holds (compared case-blind, also inside the fields' joined
    letters, where a hyphen's or an accent's break is gone: "simu- lated", "Sua´rez")."""
    held: list[str] = []
    _flatten(csl, held)
    text = " ".join(held).casefold()
    words = set(WORD.findall(text))
    letters = re.sub(r"[\W_]+", "", text)
    return [
        w
        for w in WORD.findall(raw)
        if (f := w.casefold()) not in words and f not in letters and f not in CUES and not _month_like(w)
    ]


def _rendered(expected: str) -> list[str]:
    """citeproc-js's bibliography entries of the CSL bench, as plain text without their numbers (the round
    trip's strings)."""
    styles = json.load(open(expected, encoding="utf-8")).values()
    return [text for style in styles for entry in style["bib"].values() if (text := html_text(entry)[1])]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", help="gold JSONL with a raw string per line")
    ap.add_argument("--expected", help="the CSL bench's expected.json: its renderings are parsed too")
    ap.add_argument("--show", type=int, default=0, help="print this many strings that lose words (fixed seed)")
    args = ap.parse_args()
    sets = {"hand-typed": [json.loads(line)["raw"] for line in open(args.gold, encoding="utf-8") if line.strip()]}
    if args.expected:
        sets["rendered"] = _rendered(args.expected)
    tagger = default_tagger()
    lossy: list[tuple[str, list[str]]] = []
    for name, raws in sets.items():
        parses = parse_many(raws, tagger)
        lost = [(raw, words) for raw, (p, _) in zip(raws, parses) if (words := lost_words(raw, p.csl))]
        n_words = sum(len(w) for _, w in lost)
        print(
            f"{name:11s} {len(raws):5d} strings: {len(lost):4d} lose words ({100 * len(lost) / len(raws):.1f}%), {n_words} words"
        )
        lossy += lost
    common = Counter(w.casefold() for _, words in lossy for w in words).most_common(15)
    print("most often lost:", ", ".join(f"{w} {n}" for w, n in common))
    for raw, words in random.Random(0).sample(lossy, min(args.show, len(lossy))):
        print(f"- {', '.join(words[:6])} | {raw[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
