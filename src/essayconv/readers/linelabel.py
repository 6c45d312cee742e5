"""A learned line labeller: each kept source line as TITLE, HEADING, BODY, BQ (block quote) or REF.

The rule reader decides most lines well; where its rules cannot separate two kinds of line by their own
shape (a heading from a short body line, a wrapped line from a paragraph's end, a verse line from a
heading), a linear-chain CRF over the lines of the essay weighs the same shape cues together with what
the rules decided for each line, and says how sure it is. It is how GROBID segments documents.

    labels = label(units, wrap, decided, starts)   # -> [(label, probability), ...], one per unit

``decided`` maps a line number to the reader's trace Step for it (``trace.tracing()``; the rule that
decided the line is a strong cue: the labeller learns where rules fail), ``starts`` is the set of lines
that begin a block. Both may be left out (the model then sees "no decision").

Features are the line's shape and its neighbours' (length, words, capitals, closing punctuation,
numbering, indent, the gaps around it, its length against the essay's full line), its place in the
essay, the rule's decision, and whether the line is one of a small closed list of section names. No
other word of any essay is in the features, so the model holds no corpus text.

Training: ``python -m essayconv.readers.linelabel_train ../shared/corpus/micusp`` (writes data/linelabel.crfsuite);
measures: ``python benchmarks/linelabel_eval.py ../shared/corpus/micusp --jobs 2 [--end2end] [--hand ../shared/corpus]``.

What it is for (5-fold cross-validated on MICUSP dev): vetoing the rules' headings. ``review_headings`` sets
each rule heading the labeller gives P(HEADING) < 1 - VETO (and ``may_veto`` allows) as a caption-role
paragraph: corpus_scale.py's headings F1 0.681 -> 0.746, the other measures unchanged, the hand truth
unchanged. It is not yet called by the reader: the call belongs at the end of plaintext.read, just before
the Document is returned, once the blocks are final and every line traced (the rules' decisions are its
strongest features: the trace then matches the one it was trained on), e.g.

    blocks = linelabel.review_headings(blocks, units, wrap, trace.current())

with read() keeping a trace while it reads (``trace.tracing()`` when none is active, and ``_trace_blocks``
run before the call). The labeller runs only when there is a heading it may veto. Retrain it when the rules
change what they decide (their decisions are features).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ..crfmodel import ThreadTagger
from ..model import Block, Heading, Paragraph, Text, plain_text
from . import _rx as rx
from .layout import Unit, Wrap

COLLAPSE = False  # label every line (True: runs of full paragraph lines take the label above: half the cost, worse on block quotes)
MODEL_PATH = Path(__file__).with_name("data") / "linelabel.crfsuite"
LABELS = ("TITLE", "HEADING", "BODY", "BQ", "REF")

# Names of the sections of essays, reports and papers: the only words the features look at.
SECTION_WORDS = frozenset(
    "abstract introduction background overview summary conclusion conclusions discussion results result methods "
    "method methodology materials procedure procedures analysis literature review references bibliography "
    "works cited appendix appendices acknowledgements acknowledgments preface foreword epilogue recommendations "
    "limitations implications hypothesis hypotheses objectives purpose rationale findings evaluation proposal "
    "context approach theory framework data design sources notes endnotes footnotes contents table figure "
    "chapter part section executive".split()
)

_NUMBERING = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]?|[IVXLC]{1,5}[.)]|[A-Ha-h][.)])\s+\S")
_BULLET = rx.compile(r"^[•●▪◦·■□➢➤►✓\-–*]\s")
_CITE = rx.compile(r"\([^()]*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\)|\[\d")
_YEAR = rx.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_SMALL = frozenset("a an the and or of for in on to with at by from as vs its into is are but nor".split())
_LEADING_NUMBER = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVXivx]{1,5}[.)]|[A-Ha-h][.)])\s+")
_WORD = rx.compile(r"[\p{L}'’\-]+")


class LineView(NamedTuple):
    """What the labeller sees of one kept line."""

    text: str
    gap: str  # "none", "blank", "page": what separates it from the previous kept line
    indent: int
    became: str = ""  # what the rules made of it ("heading", "paragraph", "title", ...), "" when unknown
    rule: str = ""  # the rule that decided ("headings.numbered"), "" when unknown
    starts: bool = False  # the line starts a block


def views(
    units: Sequence[Unit], decided: Mapping[int, Any] | None = None, starts: set[int] | frozenset[int] = frozenset()
) -> list[LineView]:
    """The labeller's view of the reader's units, with the rules' decisions when given (trace Steps)."""
    decided = decided or {}
    out = []
    for u in units:
        step = decided.get(u.no)
        became = step[0] if step is not None else ""
        if became.startswith("removed:"):
            became = "removed"
        out.append(LineView(u.text, u.gap, u.indent, became, step[1] if step is not None else "", u.no in starts))
    return out


_LEN = (4, 10, 20, 35, 50, 70, 90)
_WORDS = (2, 3, 4, 6, 9, 13, 17, 23)
_REL = (0.2, 0.4, 0.6, 0.78, 0.9, 1.05)
_CAPS = (0.3, 0.6, 0.85, 1.0)
_QUOTES = "“\"‘'"
_INDENT = (1, 4, 9, 20)
_POS = (0.02, 0.05, 0.15, 0.5, 0.85, 0.95)
_DENT = (-4, -1, 1, 4)


def _shape(v: LineView, width: int, wrapped: bool) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """A line's own cues as short strings, and the cues it gives the line after it and the line before it."""
    text = v.text
    n = len(text)
    alpha = _WORD.findall(text)
    caps = titled = 0
    for w in alpha:
        if w[0].isupper():
            caps += 1
        elif w.lower() in _SMALL:
            titled += 1
    titled += caps
    first = text[:1]
    core = text.rstrip("”’\"'")
    last = core[-1:]
    fc = (
        "U"
        if first.isupper()
        else "l"
        if first.islower()
        else "d"
        if first.isdigit()
        else "q"
        if first in _QUOTES
        else "p"
    )
    lc = last if last in ".:?!,;)" else "a" if last.isalpha() else "d" if last.isdigit() else "o"
    rel = bisect_right(_REL, n / width) if wrapped and width else 9
    ln = bisect_right(_LEN, n)
    tc = int(bool(alpha) and titled >= 0.85 * len(alpha) and alpha[0][0].isupper())
    own = [
        f"len{ln}",
        f"w{bisect_right(_WORDS, text.count(' ') + 1)}",
        f"rel{rel}",
        "fc" + fc,
        "lc" + lc,
        f"cap{bisect_right(_CAPS, caps / len(alpha)) if alpha else 'x'}",
        f"tc{tc}",
        f"up{int(text.isupper() and len(alpha) > 0 and len(alpha[0]) + len(alpha) >= 3)}",
        "gap:" + v.gap,
        f"ind{bisect_right(_INDENT, v.indent)}",
        "b:" + v.became,
        "r:" + v.rule,
        f"st{int(v.starts)}",
        f"b:{v.became}|st{int(v.starts)}",
        f"b:{v.became}|len{ln}",
        f"b:{v.became}|lc{lc}",
    ]
    if _NUMBERING.match(text):
        own.append("num")
    if _BULLET.match(text):
        own.append("bullet")
    if _CITE.search(text):
        own.append("cite")
    if _YEAR.search(text):
        own.append("year")
    sw = _section_word(text)
    if sw:
        own += ["sec", "sec:" + sw]
    as_prev = (f"plen{ln}", "pfc" + fc, "plc" + lc, f"ptc{tc}", "pb:" + v.became)
    as_next = (
        f"nlen{ln}",
        "nfc" + fc,
        "nlc" + lc,
        f"ntc{tc}",
        "nb:" + v.became,
        f"nst{int(v.starts)}",
        "gapn:" + v.gap,
    )
    return own, as_prev, as_next


def _section_word(text: str) -> str:
    """The section name a short line is or starts with (the closed list), or ""."""
    if len(text) > 70:
        return ""
    words = _LEADING_NUMBER.sub("", text, count=1).lower().split()[:1]
    if not words:
        return ""
    w = words[0].strip(":.")
    return w if w in SECTION_WORDS else ""


def features(lines: Sequence[LineView], width: int, wrapped: bool) -> list[list[str]]:
    """Each line's features: its shape, its neighbours' shapes, its place, the rules' decision."""
    shapes = [_shape(v, width, wrapped) for v in lines]
    n = len(lines)
    out: list[list[str]] = []
    place = f"wrap{int(wrapped)}"
    for i, v in enumerate(lines):
        f, _, _ = shapes[i]
        f.append(f"pos{bisect_right(_POS, i / n)}")
        f.append(f"idx{min(i, 6)}")
        f.append(place)
        if i > 0:
            f += shapes[i - 1][1]
            f.append(f"pind{bisect_right(_DENT, v.indent - lines[i - 1].indent)}")
        else:
            f.append("BOD")
        if i + 1 < n:
            f += shapes[i + 1][2]
            f.append(f"gap:{v.gap}|gapn:{lines[i + 1].gap}")
        else:
            f.append("EOD")
        out.append(f)
    return out


def kept(lines: Sequence[LineView], width: int, wrapped: bool) -> list[int]:
    """The lines the model labels: all but those inside a run of full lines of one paragraph, which take
    the label of the line above them (in a hard-wrapped text about half of the lines)."""
    n = len(lines)
    if not COLLAPSE or not wrapped or n < 3:
        return list(range(n))
    full = 0.78 * width
    out = [0]
    for i in range(1, n - 1):
        v, p = lines[i], lines[i - 1]
        if (
            v.starts
            or lines[i + 1].starts
            or v.became != "paragraph"
            or v.gap != "none"
            or v.indent != p.indent
            or len(v.text) < full
            or len(p.text) < full
        ):
            out.append(i)
    out.append(n - 1)
    return out


def spread(keep: Sequence[int], labels: Sequence[Any], n: int) -> list[Any]:
    """The labels of the kept lines given to every line (a dropped line takes the label of the kept line above)."""
    out: list[Any] = []
    k = -1
    for i in range(n):
        if k + 1 < len(keep) and keep[k + 1] == i:
            k += 1
        out.append(labels[k])
    return out


class Labeller(ThreadTagger):
    """A loaded line model (a crfsuite tagger per thread)."""

    def __init__(self, path: Path | str = MODEL_PATH) -> None:
        super().__init__(path)

    def label(self, lines: Sequence[LineView], width: int, wrapped: bool) -> list[tuple[str, float]]:
        """Each line's label and the marginal probability of that label."""
        if not lines:
            return []
        crf = self._crf()
        keep = kept(lines, width, wrapped)
        labels = crf.tag(features([lines[i] for i in keep], width, wrapped))
        return spread(keep, [(lab, crf.marginal(lab, i)) for i, lab in enumerate(labels)], len(lines))

    def marginals(self, lines: Sequence[LineView], width: int, wrapped: bool) -> list[dict[str, float]]:
        """Each line's probability of every label (tags the sequence first)."""
        if not lines:
            return []
        crf = self._crf()
        keep = kept(lines, width, wrapped)
        crf.set(features([lines[i] for i in keep], width, wrapped))
        labs = crf.labels()
        return spread(keep, [{lab: crf.marginal(lab, i) for lab in labs} for i in range(len(keep))], len(lines))

    def probability(
        self, lines: Sequence[LineView], width: int, wrapped: bool, label: str, at: Sequence[int]
    ) -> list[float]:
        """The probability of ``label`` at the lines ``at`` (indices into ``lines``): only these marginals."""
        if not lines or not at:
            return [0.0] * len(at)
        crf = self._crf()
        keep = kept(lines, width, wrapped)
        crf.set(features([lines[i] for i in keep], width, wrapped))
        pos = spread(keep, list(range(len(keep))), len(lines))
        return [crf.marginal(label, pos[i]) for i in at]


@lru_cache(maxsize=1)
def default_labeller() -> Labeller | None:
    """The shipped model, loaded once; None when the model file is missing."""
    return Labeller(MODEL_PATH) if MODEL_PATH.exists() else None


def label(
    units: Sequence[Unit],
    wrap: Wrap,
    decided: Mapping[int, Any] | None = None,
    starts: set[int] | frozenset[int] = frozenset(),
) -> list[tuple[str, float]]:
    """Label the reader's units with the shipped model: [(label, probability)] one per unit ([] with no model)."""
    model = default_labeller()
    if model is None:
        return []
    return model.label(views(units, decided, starts), wrap.width, wrap.wrapped)


# The threshold the cross-validation chose (benchmarks/linelabel_eval.py): a rule heading is vetoed when the
# labeller gives its first line P(HEADING) < 1 - VETO. (Out of fold on MICUSP dev, headings F1 0.813 at 0.7
# against 0.803 at 0.8; but at 0.7 it vetoes "1. Introduction" straight under a title, a numbered heading
# that single-level numbers do not protect, as they must not: numbered steps are the false headings it
# vetoes best.)
VETO = 0.8
# ("1.Introduction": a section number glued to its heading, as PDF copies print a tab after it)
_LEVEL_NUMBER = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|[IVX]{1,4}\.|[A-H]\.)\s|^\d{1,2}\.(?=[A-Z][a-z])")
_VETO_MAX_WORDS = 18
_MARKED_HEADING = rx.compile(r"^\s*(?:#{1,6}\s|(?i:heading|section|subheading)\s*:)")
_BARE_NUMERAL = rx.compile(r"^(?:[IVXLC]{1,5}|\d{1,2})\.?$")


def may_veto(heading: str, line: str) -> bool:
    """Whether the labeller may overrule the rules on this heading (its text, its first line's text).

    Not where the labeller's cues do not reach or its training truth is weak: a heading run into its
    paragraph's line ("Methods: Thirty seedlings were ...", the line is the paragraph's), a section name
    ("Introduction:", "Abstract": MICUSP's truth leaves many of these untagged), a heading numbered by level,
    roman numeral or letter ("2.1 Budget", "IV. Results", "C. Design") or a bare numeral over its section
    ("II"), a heading the writer marked as one ("## Methods", "Heading: Later Years"), a question set apart as a heading ("What variation exists ...?": the rules take one only set
    apart over prose), a long statement heading (over 18 words) set over its paragraph."""
    return not (
        _MARKED_HEADING.match(line)
        or len(heading) < len(line) - 3
        or _section_word(heading)
        or _LEVEL_NUMBER.match(heading)
        or _BARE_NUMERAL.match(heading)
        or heading.rstrip().endswith("?")
        or len(heading.split()) > _VETO_MAX_WORDS
    )


def vetoes(
    heads: Sequence[tuple[int, str]],
    p_heading: Mapping[int, float],
    line_text: Mapping[int, str],
    threshold: float = VETO,
) -> set[int]:
    """The first lines of the rule headings (line, text) the labeller is sure are no headings."""
    return {
        line
        for line, text in heads
        if p_heading.get(line, 1.0) < 1 - threshold and may_veto(text, line_text.get(line, text))
    }


def probabilities(
    units: Sequence[Unit],
    wrap: Wrap,
    decided: Mapping[int, Any] | None = None,
    starts: set[int] | frozenset[int] = frozenset(),
    model: Labeller | None = None,
) -> list[dict[str, float]]:
    """Each unit's probability of every label (the shipped model unless ``model``; [] with no model)."""
    model = model or default_labeller()
    if model is None:
        return []
    return model.marginals(views(units, decided, starts), wrap.width, wrap.wrapped)


def heading_vetoes(
    units: Sequence[Unit],
    wrap: Wrap,
    decided: Mapping[int, Any],
    starts: set[int] | frozenset[int],
    heads: Sequence[tuple[int, str]],
    threshold: float = VETO,
    model: Labeller | None = None,
) -> set[int]:
    """The first lines of the rules' headings ``heads`` (line, text as written with its numbering) that the
    labeller is sure are no headings. The labeller runs only when there is a heading it may veto."""
    line_text = {u.no: u.text for u in units}
    heads = [(line, text) for line, text in heads if may_veto(text, line_text.get(line, text))]
    model = model or default_labeller()
    if not heads or model is None:
        return set()
    index = {u.no: i for i, u in enumerate(units)}
    at = [index[line] for line, _ in heads if line in index]
    probs = model.probability(views(units, decided, starts), wrap.width, wrap.wrapped, "HEADING", at)
    p_head = {units[i].no: p for i, p in zip(at, probs)}
    return vetoes(heads, p_head, line_text, threshold)


def review_headings(
    blocks: Sequence[Block],
    units: Sequence[Unit],
    wrap: Wrap,
    decided: Mapping[int, Any],
    threshold: float = VETO,
    model: Labeller | None = None,
) -> list[Block]:
    """The blocks with each heading the labeller vetoes set as a caption-role paragraph (its numbering and
    text kept: no word lost). Caption, not body: the vetoed lines are table labels, form fields and figure
    titles far more often than prose (as body paragraphs they add 1.0 to MICUSP's |para err|).

    ``units``, ``wrap``: the reader's (plaintext.read's ``units``, before the page notes are taken out);
    ``decided``: the reader's trace of this essay (``trace.current()`` once the blocks are traced)."""
    heads = [
        (b.line, f"{b.numbering} {plain_text(b.content)}" if b.numbering else plain_text(b.content))
        for b in blocks
        if isinstance(b, Heading) and b.line
    ]
    out = heading_vetoes(units, wrap, decided, {b.line for b in blocks if b.line}, heads, threshold, model)
    if not out:
        return list(blocks)
    return [
        Paragraph(((Text(b.numbering + " "),) if b.numbering else ()) + tuple(b.content), b.line, "caption")
        if isinstance(b, Heading) and b.line in out
        else b
        for b in blocks
    ]


# Block quotes: estimated, not measured end to end (benchmarks/linelabel_eval.py): counting each run of lines
# with P(BQ) > 0.5 as a quotation, MICUSP's "bq found" would go from 0.180 to 0.468, with 29 runs in the essays
# whose truth has none (the rules make 37 there). Using it needs the chunks split at the run's edges.
QUOTE = 0.5


def quote_runs(
    units: Sequence[Unit],
    wrap: Wrap,
    decided: Mapping[int, Any],
    starts: set[int] | frozenset[int],
    threshold: float = QUOTE,
    model: Labeller | None = None,
) -> list[tuple[int, int]]:
    """(first line, last line) of each run of lines the labeller calls a block quote with p > threshold."""
    model = model or default_labeller()
    if model is None or not units:
        return []
    probs = model.probability(views(units, decided, starts), wrap.width, wrap.wrapped, "BQ", range(len(units)))
    runs: list[tuple[int, int]] = []
    inside = False
    for u, p in zip(units, probs):
        if p > threshold and inside:
            runs[-1] = (runs[-1][0], u.no)
        elif p > threshold:
            runs.append((u.no, u.no))
        inside = p > threshold
    return runs
