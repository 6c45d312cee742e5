"""Reference strings into CSL-JSON: the one entry point other packages call."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from . import _re as rx
from . import confidence, rules
from .crf import Tagger, align, default_tagger, to_segments
from .fields import to_csl


class ParsedReference(Struct, frozen=True):
    csl: dict[str, Any]  # CSL-JSON item without "id"
    confidence: float  # estimated P(every field right), references/confidence.py; 0.0: not parsed at all
    uncertain: tuple[str, ...]  # CSL variable names the parser is unsure of (named only for a flagged parse)


# A parse and the evidence its confidence was estimated from (None without a model or a parse).
Explained = tuple[ParsedReference, tuple[float, ...] | None]

# Which CSL variables each token label feeds, to turn unsure tokens into unsure variables.
_LABEL_VARS = {
    "author": ("author",),
    "editor": ("editor",),
    "translator": ("translator",),
    "date": ("issued",),
    "title": ("title",),
    "journal": ("container-title",),
    "container-title": ("container-title",),
    "collection-title": ("collection-title",),
    "volume": ("volume",),
    "issue": ("issue",),
    "pages": ("page",),
    "publisher": ("publisher",),
    "location": ("publisher-place",),
    "edition": ("edition",),
    "doi": ("DOI",),
    "url": ("URL",),
    "genre": ("genre",),
}


_UNSURE = 0.6  # token label marginal below which its CSL variable is reported uncertain


def normalise(raw: str) -> str:
    """The form every parser stage sees: NFC, soft hyphens and ligatures undone, one space between words."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    text = " ".join(text.split())  # (str.split's whitespace is re's \s: one space between words, none at the ends)
    if "." in text and rx.search(r"\.(?:1[5-9]|20)\d\d|(?:1[5-9]|20)\d\d[a-z]?\.[A-Z]", text):
        text = _unglue_years(text)
    return text


# "Brenner M.1984." / "et al.2005" / "Yocum.1981.": a year glued to the initial, abbreviation or name
# before it (not inside a URL, DOI or number: "j.2019.05.001", "v1.2019")
_GLUED_YEAR = r"(?:(?<=[A-Z]\.)(?<![\w.][A-Z]\.)|(?<=\bal\.))((?:1[5-9]|20)\d\d[a-z]?)(?=[.,;:)\s]|$)"
_NAME_GLUED_YEAR = r"(?<![\w.])([A-Z][^\W\d_]+\.)((?:1[5-9]|20)\d\d[a-z]?)(?=[.,;:)\s]|$)"
# "1974.Changes in ...": the title glued to the year's full stop (lab reports typed in forms; 13 of the 800
# SWP dev reports): the year was read as part of a word.
_YEAR_GLUED_TITLE = r"(?<![\w.])((?:1[5-9]|20)\d\d[a-z]?\.)(?=[A-Z][a-z]|[A-Z] )"


def _unglue_years(text: str) -> str:
    out = []
    for tok in text.split(" "):
        if "/" not in tok and "http" not in tok.lower() and "doi" not in tok.lower():
            tok = rx.sub(_NAME_GLUED_YEAR, r"\1 \2", rx.sub(_GLUED_YEAR, r" \1", tok))
            tok = rx.sub(_YEAR_GLUED_TITLE, r"\1 ", tok)
        out.append(tok)
    return " ".join(out)


def _unparsed(text: str) -> Explained:
    return ParsedReference({"type": "article", "note": text}, 0.0, ("author", "issued", "title")), None


def _has_core(csl: dict[str, Any]) -> bool:
    """Whether a parse found what identifies a work: a title, its authors or editors, or its container.
    (A journal reference without an article title, "Eur. J. Cancer, Vol. 35, pp. 1-9 (1999)", is a
    reference; an edited book has editors and no authors.)"""
    return bool(csl.get("title") or csl.get("author") or csl.get("editor") or csl.get("container-title"))


def _rule_confidence(csl: dict[str, Any]) -> tuple[float, tuple[str, ...]]:
    uncertain = [k for k in ("author", "issued", "title") if k not in csl]
    if csl.get("type") == "book" and "publisher" not in csl:
        uncertain.append("publisher")
    return round(max(0.05, min(0.9, 0.9 - 0.2 * len(uncertain))), 3), tuple(uncertain)


def parse_with(raw: str, tagger: Tagger | None) -> ParsedReference:
    """Parse with a given CRF model (None: layout rules only); never raises."""
    return parse_explained(raw, tagger)[0]


def parse_explained(raw: str, tagger: Tagger | None) -> tuple[ParsedReference, tuple[float, ...] | None]:
    """The parse and the evidence its confidence was estimated from (None without a model or a parse):
    what benchmarks/refparse_calibration.py fits the confidence on."""
    return parse_many([raw], tagger)[0]


def parse_many(raws: Sequence[str], tagger: Tagger | None) -> list[Explained]:
    """``parse_explained`` of each string; never raises (a string whose parse fails becomes a note).

    Stage by stage over the whole list (every CRF labelling, then every CSL item, then every rules'
    second opinion, then every confidence) rather than string by string: each stage's code and data stay
    in the processor's caches instead of being evicted by the next stage's (the CRF's model alone is over
    a megabyte): ~15% less time for an essay's list. Each string's results are its own, as if parsed
    alone: the stages are pure but for the tagger's last sequence, which the marginals read right after
    their string is tagged."""
    texts = [normalise(raw) if isinstance(raw, str) else "" for raw in raws]
    todo = [i for i, text in enumerate(texts) if text and rx.search(r"\w", text)]
    if tagger is None:
        done = {i: _stage(_rules_only, texts[i]) for i in todo}
    else:
        tagged = {i: _stage(_tagged, texts[i], tagger) for i in todo}
        csl = {i: _stage(_crf_item, texts[i], tagged[i]) for i in todo}
        second = {i: _stage(_second_opinion, texts[i], tagged[i], csl[i]) for i in todo}
        done = {i: _stage(_estimated, texts[i], tagged[i], csl[i], second[i]) for i in todo}
    return [_unparsed(text) if done.get(i, _FAILED) is _FAILED else done[i] for i, text in enumerate(texts)]


_FAILED: Any = object()  # what a stage gives for a string whose parse failed there or before


def _stage(step: Any, text: str, *earlier: Any) -> Any:
    """One stage for one string (given what the earlier stages gave it). The contract is "never raises":
    a string whose parse fails at any stage becomes a note (_unparsed)."""
    if _FAILED in earlier:
        return _FAILED
    try:
        return step(text, *earlier)
    except Exception:  # noqa: BLE001 - see above
        return _FAILED


def _tagged(text: str, tagger: Tagger) -> tuple[list[tuple[int, int]], list[str], float, list[float]]:
    """The CRF's tokens, labels, labelling probability, and each label's marginal probability (read right
    after the string is tagged: the tagger keeps only its last sequence)."""
    spans, labels, prob = tagger.tag(text)
    return spans, labels, prob, tagger.marginals(labels)


def _rules_only(text: str) -> Explained:
    csl = to_csl(rules.segment(text), text)
    if not _has_core(csl):
        return _unparsed(text)
    conf, unsure = _rule_confidence(csl)
    return ParsedReference(csl, conf, unsure), None


def _crf_item(text: str, tagged: Any) -> tuple[dict[str, Any] | None, bool]:
    """The CSL item of the CRF's labelling (None when it found nothing that identifies a work), and whether
    the layout's repair rules changed the labeller's fields (a piece of the confidence's evidence)."""
    spans, labels, _, _ = tagged
    fired: list[str] = []
    csl = to_csl(to_segments(text, spans, labels), text, fired)
    return (csl if _has_core(csl) else None), "repair" in fired


def _second_opinion(text: str, tagged: Any, item: tuple[dict[str, Any] | None, bool]) -> list[str] | None:
    """The layout rules' label for each of the CRF's tokens (a piece of the confidence's evidence); None
    for a string the CRF found no work in (no confidence is estimated for it)."""
    return align(text, rules.segment(text), tagged[0]) if item[0] is not None else None


def _estimated(
    text: str, tagged: Any, item: tuple[dict[str, Any] | None, bool], rule_labels: list[str] | None
) -> Explained:
    csl, repaired = item
    if csl is None or rule_labels is None:
        return _unparsed(text)
    spans, labels, prob, marginals = tagged
    values = confidence.evidence(text, spans, labels, marginals, prob, csl, rule_labels, repaired)
    conf = max(0.001, round(confidence.estimate(values), 3))  # (0.0 marks an entry not parsed at all)
    unsure = _unsure_fields(csl, labels, marginals) if confidence.is_unsure(conf) else ()
    return ParsedReference(csl, conf, unsure), values


def _unsure_fields(csl: dict[str, Any], labels: Sequence[str], marginals: Sequence[float]) -> tuple[str, ...]:
    """The variables of a flagged parse to name: those with a token labelled with low marginal probability,
    a missing title, else the variable of the least sure token."""
    unsure = {v for lab, p in zip(labels, marginals) if p < _UNSURE for v in _LABEL_VARS.get(lab, ()) if v in csl}
    if "title" not in csl:
        unsure.add("title")
    shown = [(p, lab) for lab, p in zip(labels, marginals) if any(v in csl for v in _LABEL_VARS.get(lab, ()))]
    if not unsure and shown:
        unsure.update(v for v in _LABEL_VARS[min(shown)[1]] if v in csl)
    return tuple(sorted(unsure))


def parse_reference(raw: str) -> ParsedReference:
    """Parse one reference string into a CSL item (no "id"); never raises, a note-only item at worst."""
    return parse_with(raw, default_tagger())


def parse_references(raws: Sequence[str]) -> list[ParsedReference]:
    """``parse_reference`` of each string of a list (a reference list's entries): the same items, faster
    than one by one (see parse_many)."""
    return [parsed for parsed, _ in parse_many(raws, default_tagger())]
