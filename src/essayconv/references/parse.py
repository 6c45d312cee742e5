"""Reference strings into CSL-JSON: the one entry point other packages call."""

from __future__ import annotations

import unicodedata
from typing import Any

from msgspec import Struct

from . import _re as re
from . import rules
from .crf import Tagger, default_tagger, to_segments
from .fields import to_csl


class ParsedReference(Struct, frozen=True):
    csl: dict[str, Any]  # CSL-JSON item without "id"
    confidence: float  # 0..1
    uncertain: tuple[str, ...]  # CSL variable names the parser is unsure of


# Which CSL variables each token label feeds, to turn unsure tokens into unsure variables.
_LABEL_VARS = {
    "author": ("author",), "editor": ("editor",), "translator": ("translator",), "date": ("issued",),
    "title": ("title",), "journal": ("container-title",), "container-title": ("container-title",),
    "collection-title": ("collection-title",), "volume": ("volume",), "issue": ("issue",), "pages": ("page",),
    "publisher": ("publisher",), "location": ("publisher-place",), "edition": ("edition",), "doi": ("DOI",),
    "url": ("URL",), "genre": ("genre",),
}


_UNSURE = 0.6  # token label marginal below which its CSL variable is reported uncertain


def normalise(raw: str) -> str:
    """The form every parser stage sees: NFC, soft hyphens and ligatures undone, one space between words."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    text = re.sub(r"\s+", " ", text).strip()
    if "." in text and re.search(r"\.(?:1[5-9]|20)\d\d|(?:1[5-9]|20)\d\d[a-z]?\.[A-Z]", text):
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
            tok = re.sub(_NAME_GLUED_YEAR, r"\1 \2", re.sub(_GLUED_YEAR, r" \1", tok))
            tok = re.sub(_YEAR_GLUED_TITLE, r"\1 ", tok)
        out.append(tok)
    return " ".join(out)


def _unparsed(text: str) -> ParsedReference:
    return ParsedReference({"type": "article", "note": text}, 0.0, ("author", "issued", "title"))


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
    text = normalise(raw) if isinstance(raw, str) else ""
    if not text or not re.search(r"\w", text):
        return _unparsed(text)
    try:
        if tagger is None:
            csl = to_csl(rules.segment(text), text)
            if not _has_core(csl):
                return _unparsed(text)
            conf, unsure = _rule_confidence(csl)
            return ParsedReference(csl, conf, unsure)
        spans, labels, prob = tagger.tag(text)
        csl = to_csl(to_segments(text, spans, labels), text)
        if not _has_core(csl):
            return _unparsed(text)
        # a variable is uncertain when one of its tokens got its label with low marginal probability;
        # every token's marginal is at least the whole labelling's probability, so that bounds the check
        unsure: set[str] = set()
        if prob < _UNSURE:
            for lab, p in zip(labels, tagger.marginals(labels)):
                if p < _UNSURE:
                    unsure.update(v for v in _LABEL_VARS.get(lab, ()) if v in csl)
        unsure.update(k for k in ("title",) if k not in csl)
        return ParsedReference(csl, round(prob, 3), tuple(sorted(unsure)))
    except Exception:  # noqa: BLE001 - the contract is "never raises": an unparseable string becomes a note
        return _unparsed(text)


def parse_reference(raw: str) -> ParsedReference:
    """Parse one reference string into a CSL item (no "id"); never raises, a note-only item at worst."""
    return parse_with(raw, default_tagger())
