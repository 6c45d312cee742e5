"""Rule-based segmentation of common reference layouts (APA, MLA, IEEE, Chicago, books): the fallback parser."""

from __future__ import annotations

from . import _re as rx
from .dates import YEAR_FRAGMENT
from .fields import Segment

_NUMBER = rx.compile(r"^\s*(\[\s*\d+\s*\]|\(\s*\d+\s*\)|\d{1,3}\s*[.)])\s+")
# (the patterns below are gated: searching a reference without the keyword took ~60 µs of the
# ~150 µs of ``segment``, which runs for every reference the CRF parses, as the confidence's second opinion)
_DOI = rx.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)10\.\d{3,9}/\S+|\b10\.\d{3,9}/\S+", rx.I, gated=True
)
_URL = rx.compile(
    r"(?:(?:Retrieved|Available|Accessed)\b[^.]*?\b(?:from|at|online)\s*:?\s*)?"
    r"(?:<)?(?:(?:https?|ftp)://|www\.)\S+",
    rx.I,
    gated=True,
)
_ACCESS = rx.compile(
    r"[\[(]?\b(?:Accessed|Retrieved|Viewed|Cited)(?:\s+on)?\s*:?\s*"
    r"([^\])]*?(?:1[5-9]\d\d|20\d\d))[\])]?\.?",
    rx.I,
    gated=True,
)
# a trailing "[Online]" or "Available from:" left after the URL is cut (gated: the search ran at
# every position of every reference)
_ONLINE_TAIL = rx.compile(
    r"\s*\[?\s*Online\s*\]?\s*\.?\s*$|\s*(?:Available|Retrieved)\s*(?:at|from)?\s*:?\s*$",
    rx.I,
    gated=True,
)
_CONTAINER_TAIL = rx.compile(
    r"^(?P<c>.+?)[,.]?\s+(?P<v>\d+[A-Za-z]?)\s*(?:\((?P<i>[^)]+)\))?\s*(?:[,:]\s*(?:pp?\.\s*)?(?P<p>[A-Za-z]?\d+[\w]*(?:\s*[-–—]\s*[A-Za-z]?\d+)?))?\s*\.?$"
)


def _clip(text: str) -> str:
    return text.strip(" ,;")


# An initial or an abbreviation that a full stop ends ("J.", "Vol.", "U.S."), not a sentence. (Tried on the last
# eight characters before the stop: a match is at most five long, so its \b still sees the character before it.)
_ABBREVIATION_END = rx.compile(
    r"(?:\b[A-Z]|\b(?:Vol|No|pp|eds?|Ed|al|St|Dr|Mr|Mrs|Inc|Co|vs|Jr|Sr|U\.S|e\.g|i\.e|cf))\.$"
)


def _split_sentence(text: str) -> tuple[str, str]:
    """Split at the first sentence end that is not an initial or abbreviation: 'Title. Rest' -> (Title., Rest)."""
    # (a sentence ends after ".?!" or a closing quotation mark, before a space; each alternative starts with
    # its character, which lets the engine skip to them)
    for m in rx.finditer(r"[.?!](?=\s+\S)|[”\"](?=\s)", text):
        end = m.end()
        if _ABBREVIATION_END.search(text[max(0, end - 8) : end]):
            continue
        return text[:end], text[end:].strip()
    return text, ""


def _tail(text: str) -> list[Segment]:
    """The part after the title: container, volume/issue/pages, publisher, year, in any common order."""
    segs: list[Segment] = []
    text = text.strip()
    if not text:
        return segs
    # chapter in an edited book: "In A. B. Editor (Ed.), Book title (pp. 1-20). Publisher."
    m = rx.match(r"^In:?\s+(?:(?P<e>.+?)\s*\((?:Eds?|Hrsg|Hg)\.?\)\s*,?\s*)?(?P<rest>.+)$", text)
    if m:
        if m.group("e"):
            segs.append(("editor", m.group("e")))
        rest = m.group("rest")
        pm = rx.search(r"\((?P<x>[^)]*?\bpp?\.\s*[^)]*)\)\.?", rest)
        if pm:
            book = rest[: pm.start()]
            inner = pm.group("x")
            vm = rx.search(r"Vol\.?\s*([^,]+)", inner, rx.I)
            if vm:
                segs.append(("volume", vm.group(0)))
            pg = rx.search(r"pp?\.\s*(.+)$", inner)
            segs.append(("container-title", book))
            if pg:
                segs.append(("pages", pg.group(0)))
            segs += _publisher(rest[pm.end() :])
            return segs
        book, after = _split_sentence(rest)
        segs.append(("container-title", book))
        return segs + _tail_fields(after)
    m = _CONTAINER_TAIL.match(text)
    if (
        m
        and not rx.search(r"\b(?:vol|no)\.", m.group("c"), rx.I)
        and not (rx.fullmatch(YEAR_FRAGMENT, m.group("v")) and not m.group("i") and not m.group("p"))
    ):
        segs.append(("journal", m.group("c")))
        segs.append(("volume", m.group("v")))
        if m.group("i"):
            segs.append(("issue", m.group("i")))
        if m.group("p"):
            segs.append(("pages", m.group("p")))
        return segs
    # "Container, vol. 13, no. 2, 2022, p. 138." / "Container 13, no. 2 (2022): 138."
    parts = [p for p in rx.split(r",\s+|(?<=\))\s*:\s*|\s+(?=\()", text) if p.strip()]
    if parts and not _is_field(parts[0]):
        first = parts.pop(0)
        vm = rx.match(r"^(.*?\D)\s+(\d+)$", first)
        if vm and parts:
            segs.append(("journal", vm.group(1)))
            segs.append(("volume", vm.group(2)))
        elif any(rx.match(r"^(?:vol|no|pp?)\.|^\d+\s*\(", p, rx.I) for p in parts):
            segs.append(("journal", first))
        else:
            return _publisher(text)
    for part in parts:
        segs += _field(part)
    return segs


def _is_field(part: str) -> bool:
    return bool(
        rx.match(r"^\s*(?:vol|no|nos|pp?|iss|issue|ed|edn)\.?\s*\d|^\s*\(?" + YEAR_FRAGMENT + r"\)?\.?\s*$", part, rx.I)
    )


def _field(part: str) -> list[Segment]:
    p = part.strip().rstrip(".")
    if rx.match(r"^vol(?:ume)?\.?\s*\S+", p, rx.I):
        return [("volume", p)]
    if rx.match(r"^(?:no|nos|iss|issue)\.?\s*\S+", p, rx.I):
        return [("issue", p)]
    if rx.match(r"^pp?\.?\s*\S+|^\d+\s*[-–—]\s*\d+$", p, rx.I):
        return [("pages", p)]
    if rx.match(r"^\(?[^()]*" + YEAR_FRAGMENT + r"\)?$", p) and len(p) < 30:
        return [("date", p)]
    if rx.match(r"^\d+(?:st|nd|rd|th)?\s+ed", p, rx.I):
        return [("edition", p)]
    if rx.match(r"^\d+$", p):
        return [("pages", p)]
    return [("note", p)]


def _publisher(text: str) -> list[Segment]:
    """ "Place: Publisher, 2020." / "Publisher." / "Publisher, Place." """
    segs: list[Segment] = []
    text = text.strip().rstrip(".")
    if not text:
        return segs
    ym = rx.search(r"[,.]?\s*\(?(" + YEAR_FRAGMENT + r")\)?\s*$", text)
    year = None
    if ym:
        year = ym.group(1)
        text = text[: ym.start()].strip(" ,.")
    em = rx.match(r"^(\d+(?:st|nd|rd|th)?\.?\s+(?:ed|edn|edition)\.?)\s*", text, rx.I)
    if em:
        segs.append(("edition", em.group(1)))
        text = text[em.end() :]
    if ":" in text:
        place, pub = text.split(":", 1)
        segs.append(("location", place))
        segs.append(("publisher", pub))
    elif text:
        segs.append(("publisher", text))
    if year:
        segs.append(("date", year))
    return segs


def _tail_fields(text: str) -> list[Segment]:
    segs: list[Segment] = []
    for part in [p for p in rx.split(r"(?<=\.)\s+", text) if p.strip()]:
        if rx.match(r"^\(?pp?\.", part):
            segs.append(("pages", part))
        else:
            segs += _publisher(part)
    return segs


def segment(raw: str) -> list[Segment]:
    """Label the parts of ``raw`` with AnyStyle-like labels by layout rules."""
    text = rx.squash_spaces(raw).strip()
    segs: list[Segment] = []
    m = _NUMBER.match(text)
    if m:
        segs.append(("citation-number", m.group(1)))
        text = text[m.end() :]
    extra: list[Segment] = []
    am = _ACCESS.search(text)
    if am:
        extra.append(("accessed", am.group(1)))
        text = (text[: am.start()] + " " + text[am.end() :]).strip()
    dm = _DOI.search(text)
    if dm:
        extra.append(("doi", dm.group(0)))
        text = (text[: dm.start()] + text[dm.end() :]).strip()
    um = _URL.search(text)
    if um:
        extra.append(("url", um.group(0)))
        text = (text[: um.start()] + text[um.end() :]).strip()
    text = _ONLINE_TAIL.sub("", text)
    text = text.strip(" ,;")

    # APA / Harvard: Authors (2022). Title. Tail
    m = rx.match(
        r"^(?P<a>[^\"“(]+?),?\s*\((?P<y>(?:" + YEAR_FRAGMENT + r"|n\.\s?d\.)[^)]*)\)[.,:]?\s*(?P<rest>.*)$", text
    )
    if not m:
        m = rx.match(r"^(?P<a>[^\"“:]{2,150}?[.,])\s*(?P<y>" + YEAR_FRAGMENT + r")[.:]\s+(?P<rest>\S.*)$", text)
    if m:
        segs.append(("author", m.group("a")))
        segs.append(("date", m.group("y")))
        rest = m.group("rest")
        qm = rx.match(r"^[\"“](?P<t>.+?)[\"”]\s*(?P<rest>.*)$", rest)
        if qm:
            title, rest = qm.group("t"), qm.group("rest")
        else:
            title, rest = _split_sentence(rest)
        em = rx.search(r"\s*\((\d+(?:st|nd|rd|th)\.?\s+(?:ed|edn|edition)\.?|Rev\.\s+ed\.?)\)", title, rx.I)
        if em:
            title = title[: em.start()] + title[em.end() :]
            segs.append(("title", title))
            segs.append(("edition", em.group(1)))
        else:
            segs.append(("title", title))
        segs += _tail(rest)
        return segs + extra
    # quoted title: MLA, IEEE, Chicago notes-bibliography
    qm = rx.search(r"[\"“](?P<t>[^\"”]+)[\"”]", text)
    if qm:
        before = _clip(text[: qm.start()])
        if before:
            segs.append(("author", before))
        segs.append(("title", qm.group("t")))
        rest = text[qm.end() :].strip(" ,.")
        rest = rx.sub(r"^(?:in|In)\s*:?\s+(?=[A-Z])", "In ", rest)
        if rest.startswith("In ") and not rx.search(r"\((?:Eds?|Hrsg)\.?\)|\bpp\.", rest):
            rest = rest[3:]
        # Chicago: "Religions 13, no. 2 (2022): 138."
        cm = rx.match(
            r"^(?P<c>.+?)\s+(?P<v>\d+)(?:,\s*no\.\s*(?P<i>\S+?))?\s*\((?P<y>[^)]*\d{4}[^)]*)\)\s*:\s*(?P<p>\S+)$", rest
        )
        if cm:
            segs += [("journal", cm.group("c")), ("volume", cm.group("v"))]
            if cm.group("i"):
                segs.append(("issue", cm.group("i")))
            segs += [("date", cm.group("y")), ("pages", cm.group("p"))]
        else:
            segs += _tail(rest)
        if not any(lab == "date" for lab, _ in segs):
            ym = rx.search(r"\b(" + YEAR_FRAGMENT + r")\b", rest)
            if ym:
                segs.append(("date", ym.group(1)))
        return segs + extra
    # unquoted, date late: "Authors. Title. Place: Publisher, 2020." / "Authors. Title. Journal vol (issue): pages, 2020."
    authors, rest = _split_sentence(text)
    if rest:
        segs.append(("author", authors))
        title, rest = _split_sentence(rest)
        segs.append(("title", title))
        segs += _tail(rest)
    else:
        segs.append(("title", text))
    if not any(lab == "date" for lab, _ in segs):
        ym = rx.search(r"\b(" + YEAR_FRAGMENT + r")\b", rest)
        if ym:
            segs.append(("date", ym.group(1)))
    return segs + extra
