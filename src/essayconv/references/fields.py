"""Labelled segments of a reference (author, date, title, journal, volume ...) into one CSL-JSON item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..names import PARTICLES, PROSE_PARTICLES, particle_pattern
from . import _re as rx
from .dates import MONTH_NAMES, MONTHS, SEASONS, YEAR_FRAGMENT, find_year, is_undated, month_and_day, parse_date
from .names import is_organisation, org_heads, parse_names

Segment = tuple[str, str]  # (label, text as written)

DASHES = rx.compile(r"[\u2010-\u2015\u2212]", gated=True)  # gated: most text has none
QUOTES = "\"'“”„‟‘’‚‛«»‹›`´"
DOI = rx.compile(r"10\.\d{3,9}/[^\s\"<>]+", gated=True)
_CONF = rx.compile(
    r"\b(?:proc(?:eedings|\.)|conference|conf\.|symposium|workshop|congress|meeting|colloquium|"
    r"convention|summit)\b",
    rx.I,
    gated=True,
)
_THESIS = rx.compile(
    r"\b(?:thesis|dissertation|diss\.|phd|ph\.d|doctoral|master'?s|msc|m\.sc|mémoire|thèse|"
    r"doktorarbeit|habilitation)\b",
    rx.I,
    gated=True,
)
_REPORT = rx.compile(
    r"\b(?:report|working\s+paper|technical\s+note|white\s+paper|memorandum|brief|"
    r"discussion\s+paper|tech\.\s*rep|rep\.|bulletin|circular|document)\b",
    rx.I,
    gated=True,
)
_NEWS = rx.compile(
    r"\b(?:times|post|herald|guardian|tribune|gazette|chronicle|daily|news|journal\s+of\s+commerce|"
    r"telegraph|observer|independent|mail|globe|examiner)\b",
    rx.I,
    gated=True,
)
_MAGAZINE = rx.compile(
    r"\b(?:magazine|weekly|monthly|newsweek|time|economist|atlantic|new\s+yorker|wired|forbes)\b",
    rx.I,
    gated=True,
)


# Publishing places, word by word ("new", "york"): the CRF's place feature and the layout rules'
PLACE_WORDS = frozenset(
    "new york london paris berlin oxford cambridge boston chicago amsterdam tokyo beijing shanghai madrid barcelona "
    "rome milan milano torino munich münchen munchen frankfurt hamburg leipzig stuttgart heidelberg cologne köln wien "
    "vienna zurich zürich basel geneva genève bern brussels bruxelles leiden utrecht rotterdam dordrecht copenhagen "
    "stockholm oslo helsinki warsaw prague praha budapest moscow lisbon lisboa athens dublin edinburgh glasgow "
    "manchester toronto montreal montréal ottawa vancouver sydney melbourne canberra auckland delhi mumbai calcutta "
    "singapore seoul taipei philadelphia washington baltimore princeton berkeley stanford ithaca ann arbor "
    "minneapolis chapel hill durham austin houston dallas denver seattle portland san francisco diego los angeles "
    "pittsburgh cleveland detroit atlanta miami nashville orlando phoenix reading norwood upper saddle river "
    "englewood cliffs hoboken thousand oaks newbury park beverly hills hillsdale mahwah westport greenwich "
    "lexington menlo park redwood city palo alto cambridge chichester hove abingdon basingstoke harlow weinheim "
    "bonn dresden göttingen gottingen tübingen freiburg mannheim darmstadt lyon marseille toulouse bordeaux "
    "grenoble lille québec quebec buenos aires mexico são paulo rio de janeiro santiago bogotá lima "
    "usa uk ny ma ca nj pa il tx dc va md ct mi oh wa fl ga nc co mn wi ut or az england germany france "
    "netherlands switzerland italy spain canada australia japan china india".split()
)


_HYPHEN_GAP = rx.compile(r"[a-z]- [a-z]", gated=True)


def clean_text(text: str) -> str:
    """Trim a field's surrounding punctuation, quotes and brackets, keep what is inside."""
    text = rx.squash_spaces(text).strip()
    text = rx.sub(r"(\w)- (\w)", r"\1\2", text) if _HYPHEN_GAP.search(text) else text
    prev = None
    while prev != text:
        prev = text
        text = _strip_quotes(text.strip(" ,;:/"))
        text = rx.sub(r"^[\[(]\s*|\s*[\])]$", "", text) if _balanced_wrap(text) else _unpaired_ends(text)
        # a trailing period is punctuation unless it closes an abbreviation ("Inc.", "U.S.", "Vol.")
        if text.endswith(".") and not _ABBREVIATION_STOP.search(text[-8:]):
            text = text[:-1]
    return text


# A full stop that closes an initial or an abbreviation at the end of a field. (Tried on the field's last eight
# characters: a match is at most five long, so its \b still sees the character before it.)
_ABBREVIATION_STOP = rx.compile(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|eds?|al|etc|Bros))\.$")


# The closing marks of each opening quotation mark.
_CLOSERS = {"“": '”"', '"': '"”', "«": "»", "„": "“”", "‘": "’", "‹": "›"}


def _strip_quotes(text: str) -> str:
    """The field without the quotation marks around it; a quotation that begins or ends the title and is
    closed inside it stays whole ("“A home of none of my own”: A new history", "Reading “Hamlet”")."""
    while text and text[0] in QUOTES:
        closers = _CLOSERS.get(text[0])
        if closers and any(c in text[1:-1] for c in closers) and text[-1] not in closers:
            break  # the quotation closes inside: it is part of the title
        if closers and len(text) > 1 and text[-1] in closers:
            text = text[:-1].rstrip(" ,;:/.")  # the marks around the whole title go together
        text = text[1:].lstrip(" ,;:/")
    while text and text[-1] in QUOTES:
        if text[-1] == '"' and text.count('"') % 2 == 0 and text[0] != '"':
            break  # 'Reading "Hamlet"': the straight quotation ends the title
        opener = next((o for o, cs in _CLOSERS.items() if text[-1] in cs and o != text[-1] and o in text[:-1]), None)
        if opener is not None and text.index(opener) > 0:
            break  # opened inside: a quotation ending the title ("Reading “Hamlet”")
        text = text[:-1].rstrip(" ,;:/")
    return text


def _unpaired_ends(text: str) -> str:
    """A field cut out of a bracket the next field closes: "(Wiley-Interscience" of Nature's "(Wiley-Interscience,
    New York, 2001)" loses the bracket it opens and never closes (and a last field the one it closes)."""
    if text[:1] in "([" and _PAIRS[text[0]] not in text:
        text = text[1:].lstrip()
    if text[-1:] in ")]" and _PAIRS[text[-1]] not in text:
        text = text[:-1].rstrip()
    return text


_PAIRS = {"(": ")", "[": "]", ")": "(", "]": "["}


def _balanced_wrap(text: str) -> bool:
    return (text.startswith("(") and text.endswith(")") and text.count("(") == 1) or (
        text.startswith("[") and text.endswith("]") and text.count("[") == 1
    )


_PRESENTED_AT = rx.compile(
    r"^(?:(?:paper|presentation|talk|keynote|lecture)\s+)?(?:presented|delivered|read)\s+at\s+"
    r"(?:the\s+)?",
    rx.I,
    gated=True,
)


_IN_PREFIX = rx.compile(r"^\s*(?:in|dans|en)\s*:?\s+(?=\S)", rx.I, gated=True)


def clean_container(text: str) -> str:
    text = _IN_PREFIX.sub("", text.strip())
    # "Paper presented at the X Conference": the event is the container
    text = _PRESENTED_AT.sub("", text)
    return clean_text(text)


def clean_doi(text: str) -> str | None:
    """The DOI in ``text``: up to white space, without trailing punctuation or an unbalanced ")"."""
    if "10." not in text:  # (every DOI holds it, and the spaces taken out below never make one)
        return None
    m = DOI.search(rx.sub(r"(?<=/)\s+|(?<=10\.)\s+", "", text))
    if not m:
        return None
    doi = rx.split(r",(?=[A-Za-z])|\.(?=pdf\b)|\((?=in\b)", m.group(0), flags=rx.I)[0]
    while True:
        trimmed = rx.sub(r"[.,;\]>]+$", "", doi)
        if trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
            trimmed = trimmed[:-1]
        if trimmed == doi:
            return doi
        doi = trimmed


def clean_url(text: str) -> str | None:
    text = text.strip()
    m = rx.search(r"(?:https?|ftp)://\S+|www\.\S+", text, rx.I)
    url = m.group(0) if m else text
    url = rx.sub(r"^(?:url:|<)", "", url, flags=rx.I)
    url = rx.sub(r"[>.,;)\]]+$", "", url)
    return url or None


_PAGE_CUE = rx.compile(r"^[\s(\[,:;.]*(?:pages?|pgs?|pp|p|S)\.?\s*", gated=True)


def clean_pages(text: str) -> str | None:
    text = DASHES.sub("-", text)
    text = _PAGE_CUE.sub("", text.strip())
    text = rx.sub(r"\s*-+\s*", "-", text)
    text = rx.sub(r"[\s)\],.;:]+$", "", text).strip(" (,:")
    return text or None


_NUM = r"([A-Z]?\d+[A-Za-z]?(?:-\d+)?|[IVXLCDM]+)"
# every issue cue starts with "n" or is "iss..."; a page after a colon needs the colon; "12/3" or "12.3" its separator
_VOL_ISSUE = rx.compile(
    r"(?:" + _NUM + r"[\s,;.]+)?(?:nos?|nr|no\.|n[°º]|iss(?:ue)?|num(?:ber)?|n)\.?\s*(\S+)", rx.I, gated=True
)
_VOL_CUE = rx.compile(r"^(?:vol(?:ume)?s?|bd|band|t|tome|jg|v)\b\.?\s*", rx.I, gated=True)
_VOL_PAREN = rx.compile(_NUM + r"\s*\(([^)]+)\)\s*[:,.]?\s*(?:pp?\.?\s*)?(\d+\s*-\s*\d+|\d+)?", gated=True)
_VOL_PAGE = rx.compile(_NUM + r"\s*:\s*(\d+(?:\s*-\s*\d+)?)", gated=True)
_VOL_SLASH = rx.compile(r"(\d+)\s*[./]\s*(\d+)$", gated=True)


def split_volume(text: str) -> tuple[str | None, str | None, str | None]:
    """ "13(2), 138" / "vol. 13" / "12:33-45" into (volume, issue, page)."""
    v = DASHES.sub("-", rx.squash_spaces(text)).strip()
    v = rx.sub(r"^[\s\W]+", "", v)
    v = _VOL_CUE.sub("", v)
    m = _VOL_PAREN.match(v)
    if m:
        return m.group(1), m.group(2).strip(), m.group(3)
    m = _VOL_ISSUE.match(v)
    if m and (m.group(1) or rx.match(r"(?:nos?|nr|n[°º]|iss|num)", v, rx.I)):
        return m.group(1), rx.sub(r"[\W_]+$", "", m.group(2)) or None, None
    m = _VOL_PAGE.match(v)
    if m:
        return m.group(1), None, m.group(2).replace(" ", "")
    m = _VOL_SLASH.match(v.rstrip(".,;: "))
    if m:
        return m.group(1), m.group(2), None
    out = rx.sub(r"[\s\W_]+$", "", v)
    return out or None, None, None


def _edition(text: str) -> str:
    t = clean_text(text)
    m = rx.match(r"^(\d+)(?:st|nd|rd|th|e|\.)?\b", t)
    if m:
        return m.group(1)
    t = rx.sub(r"\s*\b(?:ed|edn|edition)\b\.?$", "", t, flags=rx.I).strip()
    return t or clean_text(text)


_EDITION_IN = rx.compile(
    r"\(\s*((?:\d+(?:st|nd|rd|th|e|\.)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|rev\.?|revised)"
    r"\s*(?:ed|edn|éd|edition|aufl(?:age)?)\.?)\s*(?:[,;][^)]*)?(?:\)\.?|$)",
    rx.I,
    gated=True,
)


_GENRE_TAIL = rx.compile(
    r"\s*\(([^()]*\b(?:report|brief|working\s+paper|white\s+paper|technical|discussion\s+paper|thesis|"
    r"dissertation|monograph|occasional\s+paper|research\s+paper|policy|fact\s+sheet|bulletin)\b[^()]*)\)\.?$",
    rx.I,
    gated=True,
)


_PUBLISHER = rx.compile(
    r"\b(?:press|publish\w*|publications|house|verlag|books|éditions|editions|edizioni|editora|wiley|springer|"
    r"elsevier|routledge|sage|kluwer|blackwell|macmillan|penguin|norton)\b",
    rx.I,
)


_EDITION_NOTE = rx.compile(
    r"^\(?\s*(?:\d+(?:st|nd|rd|th|e|\.)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|rev\.?|"
    r"revised)\s*(?:ed|edn|éd|edition|aufl(?:age)?)\.?\s*\)?[.,]*$",
    rx.I,
)


# APA's description in square brackets after a title names the kind of work outright: "Digital help desks
# [Web page]", "[Blog post]", "[Video]", "[Data set]".
_DESCRIBED_TYPES = {
    "web page": "webpage",
    "webpage": "webpage",
    "website": "webpage",
    "web site": "webpage",
    "blog post": "post-weblog",
    "video": "motion_picture",
    "film": "motion_picture",
    "data set": "dataset",
    "dataset": "dataset",
    "tweet": "post",
    "podcast": "broadcast",
    "podcast episode": "broadcast",
    "audio podcast": "broadcast",
    "fact sheet": "report",
    "unpublished manuscript": "manuscript",
    "map": "map",
    "conference presentation": "speech",
    "paper presentation": "speech",
    "poster presentation": "speech",
    "poster session": "speech",
    "keynote address": "speech",
}
_DESCRIPTION = rx.compile(r"\[(?P<kind>[A-Za-z ]{3,24})\]", gated=True)


def _described_type(raw: str) -> str | None:
    for m in _DESCRIPTION.finditer(raw):
        kind = _DESCRIBED_TYPES.get(m.group("kind").strip().lower())
        if kind:
            return kind
    return None


def guess_type(csl: dict[str, Any], labels: set[str], raw: str) -> str:
    """A CSL type from which fields the reference has and a few cue words."""
    genre = str(csl.get("genre", ""))
    container = str(csl.get("container-title", ""))
    if _THESIS.search(genre) or (not container and _THESIS_WORD.search(raw)):
        return "thesis"
    described = _described_type(raw) if "[" in raw else None
    if described:
        return described
    if "journal" in labels:
        if _NEWS.search(container) and not rx.search(r"\bjournal\b", container, rx.I) and not csl.get("volume"):
            return "article-newspaper"
        if _MAGAZINE.search(container) and not csl.get("volume"):
            return "article-magazine"
        return "article-journal"
    if container:
        if _CONF.search(container) or _PRESENTED.search(raw):
            return "paper-conference"
        if "editor" in labels or rx.search(r"(?:^|[.,]\s*)(?:in|In|IN)\s*:?\s", raw) or "publisher" in labels:
            return "chapter"
        if csl.get("volume") or csl.get("issue") or csl.get("page"):
            return "article-journal"
        if csl.get("URL"):
            return "webpage"
        return "article-journal"
    if _REPORT.search(genre) or (csl.get("number") and "publisher" in labels):
        return "report"
    if "publisher" in labels or "location" in labels or csl.get("edition") or csl.get("ISBN"):
        return "book"
    if csl.get("URL"):
        return "webpage"
    if _REPORT.search(raw):
        return "report"
    return "book" if not csl.get("volume") else "article-journal"


# A sentence end inside a field: a word of two or more letters, its period, a capitalised word.
_SENTENCE_GAP = rx.compile(r"(?<=[a-zà-ÿ)'’]{2}[.?!])\s+(?=[A-ZÀ-Þ])")


_ABBREVIATED_WORD = rx.compile(r"[A-Z][a-z]{0,7}\.|[A-Z]")


def _split_sentences(csl: dict[str, Any], segments: list[Segment]) -> None:
    """Undo a title/container boundary the labeller missed at a sentence end after an APA "(2019)." date block.

    "Title. Journal Name." with nothing after the journal is labelled one title (or one journal); in that
    layout the title is the sentence right after the date and the next sentence is the container.
    """
    order = [lab for lab, _ in segments]
    for key in ("title", "journal"):
        if key in order:
            k = order.index(key)
            break
    else:
        return
    if k == 0 or order[k - 1] != "date" or not segments[k - 1][1].lstrip().startswith("("):
        return
    title, container = csl.get("title"), csl.get("container-title")
    if title and not container and not any(v in csl for v in ("publisher", "publisher-place", "editor", "translator")):
        parts = _SENTENCE_GAP.split(title)
        if len(parts) > 1 and len(parts[-1].split()) <= 10:
            csl["title"] = clean_text(" ".join(parts[:-1]))
            csl["container-title"] = clean_container(parts[-1])
    elif container and not title:
        parts = _SENTENCE_GAP.split(container)
        k = _container_start(parts)
        if k:
            csl["title"] = clean_text(" ".join(parts[:k]))
            csl["container-title"] = clean_container(" ".join(parts[k:]))


def _container_start(parts: list[str]) -> int:
    """Which of a title-and-journal field's sentences opens the journal (0: none, the field is a journal's name
    alone): the first that names a journal ("Can Machines Think? Interaction with Robots. PLoS ONE"; "Title.
    Journal of the Royal Statistical Society. Series B"), else the last. Not inside an abbreviated journal's
    name ("Phys. Rev. Lett", "Maize Genet. Coop. News Letter"): words before it that are all capitalised,
    half of them abbreviations ("Genet.", not "Aquaporins.")."""
    if len(parts) < 2:
        return 0
    k = next((j for j in range(1, len(parts)) if _JOURNAL_WORD.search(parts[j])), len(parts) - 1)
    words = " ".join(parts[:k]).split()
    if all(_ABBREVIATED_WORD.fullmatch(w) for w in parts[0].split()) or (
        all(w[:1].isupper() for w in words)
        and 2 * sum(bool(_ABBREVIATED_WORD.fullmatch(w)) for w in words) >= len(words)
    ):
        return 0
    return k


_ACCESS_TAIL = rx.compile(
    r"(?<=[\w?!)\]'’”\"])\.\s+(?:available|retrieved|accessed)\b.*$",
    rx.I,
    gated=True,
)
_CLOSING_MARKS = frozenset("”\"»’'")
_QUOTED_IN = rx.compile(r"^[“\"«„‘']?\s*(.+?)[,.]?\s*[”\"»’'][,.]?\s+[Ii]n:?\s+(\S.*)$")
_QUOTED = rx.compile(r"[“\"«„]\s*(.+?)\s*[”\"»]")
_OPEN_ONLY = rx.compile(r"[“«„]\s*([^”»]+)$")
_CLOSE_ONLY = rx.compile(r"^([^“«„]+?)\s*[”»]")
_QUOTE_MARKS = frozenset('“"«„”»')
_THESIS_TAIL = rx.compile(
    r",\s*((?:(?:un)?published\s+)?(?:masters?'?s?|m\.?\s?sc?\.?|ph\.?\s?d\.?|doctoral|diploma|bachelor'?s?)"
    r"\s+(?:thesis|dissertation))$",
    rx.I,
    gated=True,
)


def _trim_title(csl: dict[str, Any]) -> None:
    """Cut what cannot belong to a title: an access note, the text around a quoted title, a thesis genre."""
    title = str(csl.get("title", ""))
    if not title:
        return
    title = _ACCESS_TAIL.sub("", title) or title
    # "“Title,” in Book Title" read as one title: the quoted part is the title, what follows "in" its container
    # (substring tests first: most titles have no closing quote followed by " in")
    m = _QUOTED_IN.match(title) if (" in" in title or " In" in title) and not _CLOSING_MARKS.isdisjoint(title) else None
    if m and "container-title" not in csl:
        csl["container-title"] = clean_container(m.group(2))
        title = m.group(1)
    # a quoted span that is most of the field is the title; the rest is spill-over from its neighbours
    # (the field arrives trimmed, so one of its two quote marks may already be gone)
    # (each of the three patterns needs a quotation mark: a title without one is not searched)
    m = None
    if not _QUOTE_MARKS.isdisjoint(title):
        m = _QUOTED.search(title) or _OPEN_ONLY.search(title) or _CLOSE_ONLY.search(title)
    if (
        m
        and len(m.group(1)) >= 0.6 * len(title)
        and len(m.group(0)) < len(title)
        and rx.search(r"(?:^|[.,;:)\]]\s*)$", title[: m.start()])
        and rx.match(r"[.,;:(\[]|$", title[m.end() :])
    ):
        title = m.group(1)
    m = _THESIS_TAIL.search(title)
    if m and "genre" not in csl:
        csl["genre"] = m.group(1)
        title = title[: m.start()]
    # "Title, Presented at the X Conference": the event the labeller left in the title is the container
    m = _PRESENTED_IN_TITLE.search(title) if "resented" in title else None
    if m and m.start() > 0 and "container-title" not in csl:
        csl["container-title"] = clean_container(title[m.end() :])
        title = title[: m.start()]
    # "Title. Translated by A. Name. 5th ed." / "Title (tr. A. Name)": roles and editions the labeller left in the title
    for _ in range(2):
        # (the cue words are tested for first: the patterns are searched only in titles that hold one)
        m = _TRANSLATED_TAIL.search(title) if "rans" in title or "r." in title else None
        who = m and (m.group("names") or m.group("names2"))
        if m and who and _names_like(who) and m.start() > 0:
            if "translator" not in csl:
                names, _ = parse_names(who)
                if names:
                    csl["translator"] = names
            title = title[: m.start()]
            continue
        m = _EDITION_TAIL.search(title) if title.rstrip(".").endswith(("ed", "Ed", "edn", "dition")) else None
        if m and m.start() > 0:
            csl.setdefault("edition", _edition(m.group(1)))
            title = title[: m.start()]
            continue
        break
    csl["title"] = clean_text(title)


_PRESENTED_IN_TITLE = rx.compile(r"[.,]\s+(?:(?:[Pp]aper|[Pp]oster|[Tt]alk)\s+)?[Pp]resented\s+at\s+(?:the\s+)?(?=\S)")
_TRANSLATED_TAIL = rx.compile(
    r"(?:[.,]\s+(?:[Tt]ranslated|[Tt]rans\.|[Tt]r\.)\s+(?:by\s+)?(?P<names>[^()]+?)|"
    r"\s*\(\s*(?:[Tt]ranslated\s+by|[Tt]rans\.|[Tt]r\.)\s+(?P<names2>[^()]+?)\s*\))[.,]?$",
    gated=True,
)
_EDITION_TAIL = rx.compile(
    r"[.,]\s+((?:\d+(?:st|nd|rd|th|d)|[Rr]ev\.|[Rr]evised|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth)"
    r"(?:\s+[A-Z][a-z]+)?\s+(?:[Ee]d\.?|[Ee]dn\.?|[Ee]dition))\.?$",
    gated=True,
)
_TRANSLATOR = rx.compile(
    r"^\W*(?:\(\s*(?:trans|trad)\.?\s*\)|(?:translated|traduit|übersetzt)\s+(?:by|par|von)\b|"
    r"traduction\s+(?:de|par)\b|trad\.\s+(?!\w+\s+\w+\s+\w+\s+\w+\s+\w))",
    rx.I,
    gated=True,
)


def _mend_segments(segments: list[Segment]) -> list[Segment]:
    """Mend systematic labeller slips at field boundaries: a place abbreviation cut in two ("D." | "C. Wiley"),
    and a journal run cut before the last word of an organisation ("Engineering Research" + "Institute,")
    in a reference without volume or pages, which is one publisher."""
    labs = [lab for lab, _ in segments]
    for i in range(len(segments) - 1):
        if labs[i] != "location" or labs[i + 1] != "publisher":
            continue
        # "Washington, D." + "C. Morgan Kaufmann": the place abbreviation's second letter went to the publisher
        m = rx.match(r"([A-Z]\.)\s+(?=\w{2})", segments[i + 1][1])
        if m and rx.search(r"\b[A-Z]\.$", segments[i][1].rstrip()):
            segments = (
                segments[:i]
                + [
                    ("location", segments[i][1].rstrip() + " " + m.group(1)),
                    ("publisher", segments[i + 1][1][m.end() :]),
                ]
                + segments[i + 2 :]
            )
    # a place between an article's title and its journal ends the title ("... from Kara Crater, Russia.
    # Meteoritics"): journal articles name no place there
    if "location" in labs and "journal" in labs:
        for i in range(len(segments) - 2, 0, -1):
            if labs[i] == "location" and labs[i - 1] == "title" and labs[i + 1] == "journal":
                merged = segments[i - 1][1].rstrip() + " " + segments[i][1].lstrip()
                segments = segments[: i - 1] + [("title", merged)] + segments[i + 1 :]
                labs = [lab for lab, _ in segments]
    # "Frankfurt am Main: Suhrkamp," read as a journal in a reference with no volume, pages or publisher:
    # a book's place and publisher
    if not {"volume", "issue", "pages", "publisher", "location"} & set(labs):
        for i, (lab, text) in enumerate(segments):
            if lab in ("journal", "container-title"):
                m = _PLACE_PUBLISHER.match(text.strip(" ,.;()"))
                if m:
                    segments = (
                        segments[:i]
                        + [("location", m.group("place")), ("publisher", m.group("pub"))]
                        + segments[i + 1 :]
                    )
                    labs = [lab for lab, _ in segments]
                    break
    if not {"volume", "issue", "pages"} & set(labs):
        for i in range(len(segments) - 1):
            if (
                labs[i] == "journal"
                and labs[i + 1] == "publisher"
                and "publisher" not in labs[i + 2 :]
                and len(segments[i + 1][1].split()) == 1
                and _ORG_TAIL.match(segments[i + 1][1])
            ):
                merged = segments[i][1].rstrip() + " " + segments[i + 1][1].lstrip()
                segments = segments[:i] + [("publisher", merged)] + segments[i + 2 :]
                break
    return segments


# An editor role word closing a name list: "Smith, J., & Lee, K. (Eds.)." / "Tester, Keith, ed." / "..., editors."
# (case matters: "Adamson ED" is a Vancouver name with initials E. D.)
# an editor's role in parentheses
_ROLE_IN_PARENS = r"\(\s*(?:[Ee]ds?|[Ee]dd|[Ee]ditors?|[Hh]rsg|[Hh]gg?|dirs?|coords?)\.?\s*\)"
_EDS_TAIL = rx.compile(
    r"(?:,\s*(?:eds?\.?|Eds\.|[Ee]ditors?|[Hh]rsg\.|[Hh]gg?\.)|\s(?:eds\.|[Hh]rsg\.|[Hh]gg?\.)|"
    + _ROLE_IN_PARENS
    + r")[.,:;]?\s*$",
    gated=True,
)


# a name's particles, and the words that join two family names ("García y Pérez", "Silva e Souza")
_NAME_TOKEN = rx.compile(
    r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.\-]*|"
    + particle_pattern(PARTICLES | {"y", "e"}, capitalised=False)
    + r"|[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)*)[,;]?$"
)
_NAME_JOIN = rx.compile(r"\s*(?:,|;|&|\band\b|\bwith\b|\bund\b|\bet\b|–|—)\s*")
# "In A. Name and B. Name (Eds.), Container" / "in A. Name, editor, Container" / "In: A. Name, eds. Container"
_EDS_LEAD = rx.compile(
    r"^(?P<ed>(?:[Ii]n:?\s+)?(?P<names>[^()]+?)(?:,?\s*"
    + _ROLE_IN_PARENS
    + r"|,\s*(?:eds?|Eds|editors?)\b\.?)[.,:;]?)\s+(?P<rest>[^\W\d].*)$",
    gated=True,
)
# Nature's chapters: "in Bioinformatics (eds Baxevanis, A. D. & Ouellette, B. F. F.)", "in Werke (ed. Bollacher, M.)"
_EDS_IN_BOOK = rx.compile(
    r"^[Ii]n:?\s+(?P<c>[^()]*?\w[^()]*?)\s*\((?P<ed>(?:[Ee]ds?|[Ee]ditors?|[Hh]rsg|[Hh]gg?)\.?\s+(?P<names>[^()]+?))\)[.,]?$",
    gated=True,
)
# "Container. Ed. A. Name." / "Container, edited by A. Name and B. Name."
_EDS_TRAIL = rx.compile(
    r"^(?P<c>.*?\w.*?[.,])\s+(?P<ed>(?:[Ee]d\.|[Ee]dited(?:\s+and\s+translated)?\s+by|[Ee]d\.\s+by|[Ee]ds\.)"
    r"\s+(?P<names>[^()]+?)[.,]?)$",
    gated=True,
)


def _names_like(text: str) -> bool:
    """Whether ``text`` reads as a list of personal names: short chunks of capitalised words and initials."""
    if not text or any(c.isdigit() for c in text):
        return False
    chunks = [c for c in _NAME_JOIN.split(text) if c]
    if not chunks:
        return False
    for chunk in chunks:
        toks = chunk.split()
        if not toks or len(toks) > 4 or not all(_NAME_TOKEN.match(t) for t in toks):
            return False
    return True


def _split_editors(segments: list[Segment]) -> list[Segment]:
    """Part the editors from the container when the labeller ran them together: "In A. Name (Eds.), Book",
    "in Book (eds A. Name)" and "Book. Ed. A. Name." as one segment become an editor and a container segment."""
    out: list[Segment] = []
    first = True
    for lab, text in segments:
        if lab in ("container-title", "journal", "editor", "note") or (lab in ("title", "author") and first):
            m = _EDS_LEAD.match(text.strip())
            if m and _names_like(m.group("names")):
                out.append(("editor", m.group("ed")))
                # an edited book's own title follows its editors; a chapter's container follows "In ..."
                out.append(
                    ("title" if first and lab in ("editor", "author", "title") else "container-title", m.group("rest"))
                )
                first = False
                continue
        if lab in ("container-title", "journal", "editor", "note"):
            m = _EDS_IN_BOOK.match(text.strip())
            if m and _names_like(m.group("names")):
                out += [("container-title", m.group("c")), ("editor", m.group("ed"))]
                first = False
                continue
        if lab in ("container-title", "journal", "editor", "note", "translator"):
            m = _EDS_TRAIL.match(text.strip())
            if m and _names_like(m.group("names")):
                # what precedes the role is the book the editors edited: the container, or the title of a
                # reference that has none yet ("Ghost Stories. Ed. A. Name." read as one editor segment)
                book = lab if lab in ("container-title", "journal") else "container-title"
                if lab == "editor" and not any(x == "title" for x, _ in segments):
                    book = "title"
                out.append((book, m.group("c")))
                out.append(("editor", m.group("ed")))
                if "translated" in m.group("ed"):
                    out.append(("translator", m.group("ed")))
                first = False
                continue
        if lab == "translator" and rx.match(r"\W*edited\s+and\s+translated\s+by\b", text, rx.I):
            out.append(("editor", text))  # "Edited and translated by A. Name": both roles
        out.append((lab, text))
        if lab != "citation-number":
            first = False
    return out


def _leading_editors(segments: list[Segment]) -> list[Segment]:
    """The name list that opens an edited book is its editors when a role word closes it, whatever the
    labeller called it ("Tester, Keith, ed. The Flâneur.")."""
    for i, (lab, text) in enumerate(segments):
        if lab == "citation-number":
            continue
        if lab == "author" and _EDS_TAIL.search(text) and not any(x == "editor" for x, _ in segments):
            return segments[:i] + [("editor", text)] + segments[i + 1 :]
        break
    return segments


_ROLE_WORD = rx.compile(r"\b(?:[Ee]ds?|[Ee]dd|[Ee]dited|[Ee]ditors?|[Hh]rsg|[Hh]gg?|dirs?|coords?)\b", gated=True)


_ORG_TAIL = rx.compile(
    r"(?:institute|institution|university|press|council|association|society|foundation|"
    r"office|agency|commission|center|centre|bureau|department|board|inc|ltd)\b",
    rx.I,
)


# Cue words of rarer fields, gated (see _re.GatedPattern): most references hold none of them.
_ACCESS_WORD = rx.compile(
    r"\b(?:accessed|retrieved|viewed|consulted|cited|abgerufen|consulté)\b",
    rx.I,
    gated=True,
)
# The cue of an access stamp ("Accessed", "Retrieved", "Viewed")
_ACCESS_CUE = r"\b(?:accessed|retrieved|viewed)\b"
_ACCESSED = rx.compile(_ACCESS_CUE, rx.I, gated=True)
_PAGE_COUNT = rx.compile(r"\d+\s*(?:pp?|pages|S)\.?", rx.I, gated=True)
# APA's "(Original work published 1925)" after the publisher: the date of the work's first edition (the
# repair original-work reads it; a publisher never holds it)
_ORIGINAL_WORK = rx.compile(
    r"\(\s*(?:[Oo]riginal(?:\s+work)?|[Oo]riginally)\s+published\s+(?:in\s+)?"
    r"(?P<d>(?:1[0-9]|20)\d\d(?:[-–/]\d{2,4})?)\s*\)\.?",
    gated=True,
)
_THESIS_WORD = rx.compile(
    r"\b(?:thesis|dissertation|th[eè]se|doctoral)\b",
    rx.I,
    gated=True,
)
_PAGE_AS_VOLUME = rx.compile(r"\s*pp?\.\s*\d", gated=True)
_PRESENTED = rx.compile(r"\bpresented\s+at\b", rx.I, gated=True)


# "Arras: Artois Presses Université" left unlabelled: a place (capitalised words) and a publisher
_PLACE_PUBLISHER = rx.compile(
    r"^(?!In\b)(?P<place>[A-Z][\w'’.\-]+(?:[ ,]+(?:(?:am|an|im|de|del|la|upon|on|sur)\s+)?"
    r"[A-Z][\w'’.\-]+){0,3}):\s*(?P<pub>[A-Z][^:;()]{1,80})$",
    gated=True,
)


def _publisher_from_notes(csl: dict[str, Any], notes: list[str]) -> None:
    """A book's publisher (and place) that the labeller left as a note: "Place: Publisher", or a note that
    names a publishing house or an organisation ("Cengage Learning", "US Treasury Department")."""
    for k, note in enumerate(notes):
        m = _PLACE_PUBLISHER.match(note)
        if m and "publisher-place" not in csl:
            csl["publisher-place"] = clean_text(m.group("place"))
            csl["publisher"] = clean_text(m.group("pub"))
        elif (
            len(note.split()) <= 8
            and not any(c.isdigit() for c in note)
            and (_PUBLISHER.search(note) or _ORG_TAIL.search(note))
            and note[:1].isupper()
        ):
            csl["publisher"] = note
        else:
            continue
        del notes[k]
        return


_SERIES_VOLUME = rx.compile(r"^(.*\S)\s+([A-E])\s?(\d+)$")


def _journal_series(csl: dict[str, Any], series: str, raw: str) -> None:
    """Physics journals' series letter joins the journal name: "Phys. Rev. C51" is volume 51 of
    "Phys. Rev. C", whether the labeller put "C51" with the volume or with the journal."""
    container = str(csl.get("container-title", ""))
    if not container or not rx.search(r"\b(?:Phys|Lett|Rev|Nucl)\b", raw):
        return
    if series:
        if not container.endswith(" " + series):
            # the abbreviation's period that clean_text took as the field's end comes back before the letter
            dotted = container + ". " + series
            csl["container-title"] = dotted if dotted in raw else container + " " + series
        return
    m = _SERIES_VOLUME.match(container)
    if m:
        csl["container-title"] = m.group(1) + " " + m.group(2)
        csl["volume"] = m.group(3)


_UPC = "A-ZÀ-ÖØ-Þ"
_PARTICLE = particle_pattern(PROSE_PARTICLES, capitalised=False)  # "van der Berg, A." (one home: names.py)
# A Vancouver name: family (maybe "St. John", "Van Breusegem", "Smith-Jones"), a space, run-together initials
# ("Johnson A.D." too, its initials dotted: the names' closing period is the last initial's; 7 of the 800 SWP dev reports)
_VNAME = (
    rf"(?:(?:St|Ste|Saint)\.?\s)?[{_UPC}][\w'’\-]+(?:\s(?:[{_UPC}][a-zà-ÿ'’\-]+|{_PARTICLE}))?"
    rf"\s(?:(?:[{_UPC}]\.\s?){{1,2}}[{_UPC}]|[{_UPC}]{{1,3}})"
)
# "Johnson AD. Cell Structure." read as one author segment: the names, their period, then a title
_VANCOUVER_LEAD = rx.compile(
    r"^\s*(?P<names>" + _VNAME + r"(?:,\s*" + _VNAME + r")*(?:,?\s*et\s+al)?\.)\s+"
    r"(?P<rest>(?![" + _UPC + r"][.,])[" + _UPC + r"\d\"“].*\S)\s*$"
)
_VNAME_ONLY = rx.compile(r"^" + _VNAME + r"(?:[,.;]|\s*$)")
# Vancouver writes the year first: the month (and day) after it, "2020 May 3" (patterns compiled with rx.I)
_MONTH_AFTER_YEAR = r"(?:\s+(?:" + "|".join(m for m in MONTHS if len(m) == 3) + r")[a-z]*\.?(?:\s+\d{1,2}\b)?)?"
# A stamp that dates the copy, not the work: "Accessed February 12, 2019", "(updated May 1, 2016)", "[cited
# 2020 May 3]"; or the work itself, AMA's web page "Published March 3, 2015"
_STAMP = rx.compile(
    r"\b(?:(?P<acc>accessed|retrieved|viewed|consulted|cited)|(?P<upd>(?:last\s+)?(?:updated|modified|revised))|"
    r"(?P<pub>published|posted))\b(?:\s+on)?\s*:?\s*(?P<d>[^()\[\]]{0,30}?\b(?:1[5-9]\d\d|20\d\d)"
    + _MONTH_AFTER_YEAR
    + r")\b",
    rx.I,
    gated=True,
)
_CUE_ONLY = rx.compile(
    r"^\W*(?:(?:date\s+)?accessed|retrieved|viewed|available|cited|published|(?:last\s+)?(?:updated|modified)|last)"
    r"(?:\s+(?:on|from|at|online))?\W*$",
    rx.I,
    gated=True,
)
# A course's manual or reader, the container of a section ("... Marine Biology Lab Manual.")
_MANUAL = rx.compile(
    r"\b(?:(?:lab|laboratory|course|class)\s+(?:\w+\s+)?(?:manu[ae]l|guide|notes|packet|reader|workbook)|"
    r"laboratory\s+manu[ae]l|coursepack)\b",
    rx.I,
    gated=True,
)
# Words that cannot end a title ("... revival of" + "American community. Publisher."): the title goes on
_OPEN_END = frozenset("of the and in for to a an on with at by from into about between or".split())
_YEAR_ONLY = rx.compile(r"^\W*(?:1[5-9]\d\d|20\d\d)\W*$")
_TERMINAL = rx.compile(r"[.?!”\"’'»:;,)\]]\s*$")


def _update_stamp(raw: str) -> dict[str, Any] | None:
    """The date of an update stamp in parentheses that the labeller left inside another field ("Vers. 18.2
    (updated August 2, 2018)" read as a note): a course manual's only date, its version's. (A web page's
    "Last modified May 9, 2013." stays no date of the work.)"""
    if "(updated" not in raw.lower():
        return None
    for m in _STAMP.finditer(raw):
        if m.group("upd") and raw[max(0, m.start() - 1) : m.start()] == "(":
            date = parse_date(m.group("d"))
            year = find_year(m.group("d"))
            return date or ({"date-parts": [[year]]} if year else None)
    return None


def _locate(segments: list[Segment], raw: str) -> list[tuple[int, int]]:
    """Where each segment lies in ``raw`` (segments are cut from it in order; (-1, -1) when not found)."""
    out, cursor = [], 0
    for _, text in segments:
        k = raw.find(text, cursor)
        if k < 0:
            out.append((-1, -1))
            continue
        out.append((k, k + len(text)))
        cursor = k + len(text)
    return out


# Vancouver's and AMA's "Publisher; 1991." or "1991;12:": in such a list one initial may end a name
# ("Yorke B.", "Da Matta R."), which elsewhere is a given name's middle initial ("Lisa F. Rau")
_VANCOUVER_YEAR = rx.compile(r";\s*(?:1[5-9]|20)\d\d\b|\b(?:1[5-9]|20)\d\d;", gated=True)
_TERMINAL_STOP = rx.compile(r"[.?!][”\"’']?$")
# "Lisa F. Rau, Paul S. Jacobs": the words after one initial are the family name of a name in natural order,
# another name after it
_NATURAL_NAME_GOES_ON = rx.compile(
    rf"[{_UPC}][\w'’\-]+(?:,\s*|\s+(?:and|&)\s+)(?:[{_UPC}][\w'’\-]+\s+)?(?:[{_UPC}]\.\s*)+[{_UPC}]"
)


def _vancouver_lead(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Johnson AD. Cell Structure. Manual Title. ..." with "Johnson AD. Cell Structure." read as the author:
    the names end at the first sentence (the title after it; the title read before is the container)."""
    labs = [lab for lab, _ in segs]
    for i, (lab, text) in enumerate(segs):
        if lab == "citation-number":
            continue
        if lab == "author":
            m = _VANCOUVER_LEAD.match(text)
            # (one name with one initial, "Lisa F. Rau", is a given name first: two initials or two names needed)
            if (
                m
                and not _VNAME_ONLY.match(m.group("rest"))
                and len(m.group("rest").split()) <= 25
                and (
                    rx.search(r"[" + _UPC + r"](?:[" + _UPC + r"]{1,2}|\.\s?[" + _UPC + r"])\.$", m.group("names"))
                    or "," in m.group("names")
                    or (_VANCOUVER_YEAR.search(raw) and not _NATURAL_NAME_GOES_ON.match(m.group("rest")))
                )
            ):
                rest, after = m.group("rest"), segs[i + 1 :]
                if after and after[0][0] == "title" and not _TERMINAL_STOP.search(rest):
                    # "NAUDIN D. Rôles Infirmiers," before "Organisation du travail.": the title's first words
                    return segs[:i] + [("author", m.group("names")), ("title", rest + " " + after[0][1])] + after[1:]
                if after and after[0][0] == "title" and not {"journal", "container-title"} & set(labs):
                    after = [("container-title", after[0][1])] + after[1:]
                segs = segs[:i] + [("author", m.group("names")), ("title", rest)] + after
        break
    return segs


# An inverted name whose given names are initials, "Terzopoulus, D." / "Martinetz, T. M." / "Da Matta, R.": the
# name ends at its last initial.
_IFAMILY = r"(?:" + _PARTICLE + r"\s+)*[" + _UPC + r"][\w'’\-]+(?:\s[" + _UPC + r"][\w'’\-]+)?"
_IINITIALS = r"(?>[" + _UPC + r"]\.(?:\s?-?[" + _UPC + r"]\.)*)"  # (atomic: all the initials)
_INAME = _IFAMILY + r",\s" + _IINITIALS
# A run of such names ("Kass, M., Witkin, A. & Terzopoulus, D."), and what follows it in the same segment when
# that opens as a title does (a capital or a quotation mark) and not as a name list goes on ("Jr.", "And",
# another inverted name)
_INITIAL_NAMES_THEN = rx.compile(
    r"^(?P<names>" + _INAME + r"(?:,?\s(?:&|and)\s" + _INAME + r"|,\s" + _INAME + r")*(?:,?\set\sal\.)?)"
    r"\s+(?P<rest>(?!(?:And|AND|Jr|Sr|II|III|IV)\b)(?!" + _IFAMILY + r",\s[" + _UPC + r"]\.)"
    r"[\"“‘«]?[" + _UPC + r"].*)$"
)
# The words after the names go on with names ("B. B. Clyde, and Frank Czopek") or end in a number (the
# journal and volume of a reference with no title: "Hunter, M. Maturitas 8")
_NAMES_GO_ON = rx.compile(r"(?:^|\s|,)(?:&|and)\s|\s\d+[,.;:]?$")


def _initial_names_end(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Kass, M., Witkin, A. & Terzopoulus, D. Snakes: Active contour models." with "... D. Snakes:" read as the
    author (Nature, and any layout with the title straight after names whose given names are initials): the
    names end at the last initial, and the words after open the title (the next segment, or the title when the
    reference has none). Not a middle name written out ("Pate, C. Marvin." before the title), nor a journal
    abbreviation's first word when the reference has no title ("Riess, A. G. Astron." before "J 116"): that
    joins the journal."""
    if not segs or segs[0][0] != "author":
        return segs
    m = _INITIAL_NAMES_THEN.match(segs[0][1].strip())
    if not m or _NAMES_GO_ON.search(m.group("rest")):
        return segs
    names, rest, after = m.group("names"), m.group("rest"), segs[1:]
    if after and after[0][0] == "title":
        if " " not in rest and rest.endswith("."):
            return segs
        return [("author", names), ("title", rest + " " + after[0][1])] + after[1:]
    if any(lab == "title" for lab, _ in after):
        return segs
    if after and after[0][0] in ("journal", "container-title") and _journal_start(rest, after[0][1]):
        return [("author", names), (after[0][0], rest + " " + after[0][1])] + after[1:]
    return [("author", names), ("title", rest)] + after


# The last words of a name list that are a title's head: one to three capitalised words (or an acronym) and a
# colon, after a comma ("D. Zukowski, Challenges:") or right after an inverted name's initials ("Card, S. K.
# Rooms:"). Not a role or a name's part ("Eds.:", "Jr.:", "In:").
_HEAD_AFTER_NAMES = rx.compile(
    r"(?P<sep>,\s*|(?<=\.)\s+)"
    r"(?P<head>(?!(?:And|In|Eds?|Hrsg|Jr|Sr|II|III|IV|et)\b)(?:[" + _UPC + r"][\w'’\-]+\s){0,2}"
    r"[" + _UPC + r"][\w'’\-]+):\s*$"
)
_HAS_INITIAL = rx.compile(r"\b[" + _UPC + r"]\.")
_INVERTED_NAME_END = rx.compile(r"(?:^|,\s|\s(?:and|And|&)\s)" + _INAME + r"$")


def _title_head_in_names(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule title-head-in-names: "Dickin, A. P., Crocket, J. H., Sudbury: Geochemical evidence ..." with
    "Sudbury:" read as one more author (a family name with no given name): a list whose names have initials
    that ends in words and a colon, the title after it, ends before those words, which open the title
    ("VHDL: Hardware Description", "Challenges: An application model"). A name list ends with a colon before
    its title in some layouts ("Muthsam, H. J.: Title"), but then after the initials, not after bare words."""
    if len(segs) < 2 or segs[0][0] != "author" or segs[1][0] != "title":
        return segs
    names = segs[0][1].rstrip()
    if not names.endswith(":"):
        return segs
    m = _HEAD_AFTER_NAMES.search(names)
    if m is None or not _HAS_INITIAL.search(names[: m.start()]):
        return segs
    if "," not in m.group("sep") and not _INVERTED_NAME_END.search(names[: m.start()]):
        return segs  # ("Smith, J. and S. K. Rooms:": a name written initials first)
    return [("author", names[: m.start()]), ("title", m.group("head") + ": " + segs[1][1].lstrip())] + segs[2:]


# French style's names, "ROUSSILLON, René." / "DE LA TOUR, Anne-Marie." (the family name in capitals), and a
# run of them opening a field
# "René", "J.-P.", "Anne-Marie" (never in capitals: "GULLS, TERNS AND SKUAS." is a title)
_CAPS_GIVEN = r"[" + _UPC + r"](?:[a-zß-öø-ÿ][\w'’\-]*)?(?:\.-?[" + _UPC + r"](?:[a-zß-öø-ÿ][\w'’\-]*)?)*\.?"
_CAPS_NAME = (
    r"["
    + _UPC
    + r"]["
    + _UPC
    + r"'’\-]+(?:\s["
    + _UPC
    + r"]["
    + _UPC
    + r"'’\-]+)*,\s"
    + _CAPS_GIVEN
    + r"(?:\s"
    + _CAPS_GIVEN
    + r")*?(?<=\.)"
)
_TWO_CAPITALS = rx.compile(r"[" + _UPC + r"]{2}")  # (a family name in capitals has two in a row)
_CAPS_NAME_END = rx.compile(r"(?:^|\s)" + _CAPS_NAME + r"$")
_CAPS_NAMES_LEAD = rx.compile(r"^(?:" + _CAPS_NAME + r"\s+)+")


def _caps_names_in_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule caps-names-in-title: "ROUSSILLON, René. CHABERT, Catherine. CICCONE, Albert. Manuel de ..." read with
    the first name as the author and the others as the title's first words: after an author written so, the
    names written the same way that open the title are authors too."""
    for i in range(len(segs) - 1):
        if segs[i][0] != "author" or segs[i + 1][0] != "title":
            continue
        if _TWO_CAPITALS.search(segs[i][1]) and _CAPS_NAME_END.search(segs[i][1].strip()):
            title = segs[i + 1][1].lstrip()
            m = _CAPS_NAMES_LEAD.match(title)
            if m is None or not title[m.end() :].strip():
                return segs
            names = segs[i][1].rstrip() + " " + title[: m.end()].rstrip()
            return [*segs[:i], ("author", names), ("title", title[m.end() :]), *segs[i + 2 :]]
    return segs


# The sign for "the same author(s) as the entry before": a run of dashes or underscores ("———.", "______."),
# as readers/refsection.py's _SAME_AUTHOR finds it at an entry's start (which puts the names back in)
_REPEAT_SIGN = rx.compile(r"^(?P<sign>(?:[—–_\-]{2,}|⸺)\s*[.,]?)\s+(?P<rest>\S.*)$")


def _repeat_sign_then_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule repeat-sign-then-title: "———. Baudolino. Milan: Bompiani, 2000." and "______. In Ioannis epistulam"
    read with the title's words in the author: after the sign for the same authors as before, which stands for
    the whole name list, the words are the title's first (or the title, when none is labelled)."""
    if not segs or segs[0][0] != "author":
        return segs
    m = _REPEAT_SIGN.match(segs[0][1].strip())
    if m is None or find_year(m.group("rest")) is not None:
        return segs  # ("------. 1978b.": the sign and the date, the title after them)
    rest, after = m.group("rest"), segs[1:]
    if after and after[0][0] == "title":
        return [("author", m.group("sign")), ("title", rest + " " + after[0][1].lstrip()), *after[1:]]
    if any(lab == "title" for lab, _ in after):
        return segs
    return [("author", m.group("sign")), ("title", rest), *after]


# The last item of a name list that is a journal's abbreviated first word: ", Mon." / ", Astron." / ", Phys."
_JOURNAL_WORD_AFTER_NAMES = rx.compile(r",\s+(?P<w>[" + _UPC + r"][a-z]{2,8}\.)$")


def _journal_word_in_names(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule journal-word-in-names: physics' form with no title, "R. C. Carrington, Mon. Not. R. Astron. Soc. 20,
    13 (1859)." and IEEE's "A. G. Riess, Astron. J, vol. 116", read with the journal's first word as one more
    author: after names written initials first, an abbreviated word before a journal is the journal's."""
    if len(segs) < 2 or segs[0][0] != "author" or segs[1][0] not in ("journal", "container-title"):
        return segs
    names = segs[0][1].rstrip()
    m = _JOURNAL_WORD_AFTER_NAMES.search(names)
    if m is None or not _HAS_INITIAL.search(names[: m.start()]) or any(lab == "title" for lab, _ in segs):
        return segs
    after = segs[1][1].lstrip()
    if m.group("w")[:-1] not in _JOURNAL_OPENING and not _ABBREVIATED_START.match(after):
        return segs  # ("Smith, J., Jones." before "Gull Review": a name)
    journal = m.group("w") + " " + after
    return [("author", names[: m.start()]), (segs[1][0], journal), *segs[2:]]


_ABBREVIATED_END = rx.compile(r"\b[" + _UPC + r"][a-z]{0,6}\.$")
_ABBREVIATED_START = rx.compile(r"^[" + _UPC + r"][a-z]{0,6}\.(?:\s|$)")


def _journal_start(words: str, journal: str) -> bool:
    """Whether ``words`` before a ``journal`` in a reference with no title are the journal's first words: the
    journal is one word ("Astron." before "J") or both are abbreviated ("Maize Genet." before "Coop. News
    Letter"); "Aquaporins." before "J Physiol Biochem" is a title."""
    return " " not in journal.strip() or bool(_ABBREVIATED_END.search(words) and _ABBREVIATED_START.match(journal))


def _organisation_lead(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Centers for Disease Control. Diabetes facts." read as one title, no author: the body is the author."""
    labs = [lab for lab, _ in segs]
    if {"author", "editor"} & set(labs):
        return segs
    k = next((i for i, lab in enumerate(labs) if lab != "citation-number"), None)
    if k is not None and labs[k] in ("title", "journal"):
        parts = _SENTENCE_GAP.split(segs[k][1], maxsplit=1)
        head = parts[0].rstrip(". ")
        words = head.split()
        if (
            len(parts) == 2
            and 2 <= len(words) <= 8
            and is_organisation(head)
            and (
                words[-1].lower() in org_heads()
                or words[0].lower() in org_heads()
                or (len(words) > 2 and words[1].lower() in ("of", "for", "on") and words[0].lower() in org_heads())
            )
        ):
            segs = segs[:k] + [("author", parts[0]), (labs[k], parts[1])] + segs[k + 1 :]
    return segs


# A field that ends with the cue of the stamp after it: "Insomnia. Retrieved" (March 1, 2023, from ...).
_TRAILING_CUE = rx.compile(r"(.*?[.,;])\s+(?:[Rr]etrieved|[Aa]ccessed|[Vv]iewed)(?:\s+on)?\s*:?")
# The same for the cue of the work's own date, AMA's web page "Cell Society. Published March 3, 2015. Updated
# May 1, 2016. Accessed ...": a cue only where a date segment follows it (a title may end "... Revised").
_TRAILING_DATE_CUE = rx.compile(
    r"(.*?[.,;])\s+(?:[Pp]ublished|[Pp]osted|(?:[Ll]ast\s+)?(?:[Uu]pdated|[Mm]odified))(?:\s+on)?\s*:?"
)
_DATED = frozenset(("date", "updated", "accessed"))

_STAMP_WORDS = (
    "accessed",
    "retrieved",
    "viewed",
    "consulted",
    "cited",
    "updated",
    "modified",
    "revised",
    "available",
    "published",
)


# The access stamp that ends a reference after its address: "Retrieved from http://... on April 12, 2008.",
# "http://..., accessed 3/5/2008.", "<http://...>. Accessed 9 January 2008.", "..., viewed on Oct. 14, 2008"
_URL_TAIL_STAMP = rx.compile(
    r"(?:https?://|www\.)[^\s<>]+[>)\].,;]*\s*?\s\(?(?P<cut>(?:(?:date\s+)?(?:accessed|retrieved|viewed|consulted)"
    r"(?:\s+on)?|on)\s*:?\s*(?P<d>[^()\[\]<>]{0,25}?\b(?:1[5-9]\d\d|20\d\d)))\s*\)?\.?\s*$",
    rx.I,
)


def _url_tail_stamp(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule url-tail-stamp: what follows the address is the access stamp, the date the page was read, whatever
    the labeller made of its words (a journal "on December" and a volume "11", or a date read as the work's):
    one access date. (68 references of 15 of the 1,186 corpus files end so; the rules after this one only
    knew the stamp whose cue stands right before its date.)"""
    if "//" not in raw and "www." not in raw:
        return segs
    m = _URL_TAIL_STAMP.search(raw)
    if m is None:
        return segs
    cut = m.start("cut")
    out: list[Segment] = []
    for (lab, text), (a, b) in zip(segs, _locate(segs, raw)):
        if a < 0 or b <= cut:
            out.append((lab, text))
        elif a < cut:  # the field runs into the stamp: its part before it
            head = text[: cut - a].rstrip(" ,;:(")
            if head:
                out.append((lab, head))
    return out + [("accessed", m.group("d"))]


def _stamp_dates_whole(segs: list[Segment], raw: str, stamps: list[tuple[int, int, str]]) -> list[Segment]:
    """A stamp's date cut between two segments ("Vers. 18.2 (updated August 2," as a note, "2018)," as the
    date): the date's words are one date segment, the words before and after it keep their labels."""
    for x, y, _ in stamps:
        where = _locate(segs, raw)
        inside = [k for k, (a, b) in enumerate(where) if a >= 0 and a < y and b > x]
        if len(inside) < 2 or not any(segs[k][0] == "date" for k in inside):
            continue
        first, last = inside[0], inside[-1]
        (a, _), (_, b) = where[first], where[last]
        head, tail = raw[a:x].strip(), raw[y:b].strip()
        new: list[Segment] = [(segs[first][0], head)] if rx.search(r"\w", head) else []
        new.append(("date", raw[x:y]))
        if rx.search(r"\w", tail):  # (a bracket's or a comma's end is no field's word)
            new.append((segs[last][0], tail))
        segs = [*segs[:first], *new, *segs[last + 1 :]]
    return segs


def _stamp_kind(m: rx.Match[str]) -> str:
    """The label of a stamp's date: the access date, the date of an update, or the work's own ("Published")."""
    return "accessed" if m.group("acc") else "updated" if m.group("upd") else "date"


def _stamps(segs: list[Segment], raw: str) -> list[Segment]:
    """Access and update stamps: a cue word alone is no field; a date (or number) inside a stamp is that stamp's."""
    low = raw.lower()
    if not any(w in low for w in _STAMP_WORDS):
        return segs
    stamps = [(m.start("d"), m.end("d"), _stamp_kind(m)) for m in _STAMP.finditer(raw)]
    segs = _stamp_dates_whole(segs, raw, stamps)
    where = _locate(segs, raw)
    out: list[Segment] = []
    for k, ((lab, text), (a, b)) in enumerate(zip(segs, where)):
        if lab in ("journal", "container-title", "note", "publisher", "title") and _CUE_ONLY.match(text):
            continue
        if lab == "note" and text.strip(" :").lower() == "from" and out and out[-1][0] == "accessed":
            continue  # APA 6's "Retrieved March 1, 2023, from https://..."
        kind = next((k for x, y, k in stamps if a >= 0 and x - 1 <= a and b <= y + 3), None)
        if kind and lab in ("date", "volume", "issue", "pages", "accessed"):
            lab = kind
        cue = _TRAILING_CUE.fullmatch(text) if lab in ("publisher", "note", "journal", "container-title") else None
        if cue is None and lab in ("publisher", "note", "journal") and k + 1 < len(segs) and segs[k + 1][0] in _DATED:
            cue = _TRAILING_DATE_CUE.fullmatch(text)
        if cue is not None and kind is None:
            # "Insomnia. Retrieved": the cue of the stamp that follows, no word of the field; a web page's
            # title when the reference has none ("Mayo Clinic. (n.d.). Insomnia. Retrieved March 1, 2023, from")
            text = cue.group(1)
            if not any(x == "title" for x, _ in segs):
                lab = "title"
        out.append((lab, text))
    return out


# A title's last word that is a plural's possessive, "Lewis’" / "Users'" (a closing quotation mark with no
# opening one before it in the title)
_POSSESSIVE_END = rx.compile(r"^[^‘'\"“]*[^\W\d_]s[’']$")


def _left_open(title: str) -> bool:
    """Whether a title cannot end where it was cut: on "of", "the" ..., on a colon (its subtitle follows: "The
    Ethics of ‘Place’:"), or on a plural's possessive ("Generalizing Lewis’")."""
    words = title.split()
    if not words:
        return False
    return (
        (words[-1].lower() in _OPEN_END and not _TERMINAL.search(title))
        or title.rstrip().endswith(":")
        or bool(_POSSESSIVE_END.match(title.rstrip()))
    )


def _open_title_end(segs: list[Segment], raw: str) -> list[Segment]:
    """A title that cannot end where it was cut (_left_open): its last words went to the next field's first
    sentence."""
    labs = [lab for lab, _ in segs]
    for i in range(len(segs) - 1):
        if (
            labs[i] == "title"
            and labs[i + 1] == "date"
            and _left_open(segs[i][1])
            and find_year(segs[i + 1][1]) is None
        ):
            # "... in Fiction of the" + "1980s.": a decade, no date
            return segs[:i] + [("title", f"{segs[i][1]} {segs[i + 1][1]}")] + segs[i + 2 :]
        if labs[i] == "title" and labs[i + 1] in ("publisher", "journal", "container-title", "location"):
            if _left_open(segs[i][1]):
                parts = _SENTENCE_GAP.split(segs[i + 1][1], maxsplit=1)
                if len(parts) == 2 and len(parts[0].split()) <= 8:
                    segs[i] = ("title", segs[i][1] + " " + parts[0])
                    segs[i + 1] = (labs[i + 1], parts[1])
                break
    return segs


def _year_ends_title(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Healthy People" + "2010." after the date block: the year ends the title ("... in 2010."); a year after
    the title's comma and before the journal, in a reference dated elsewhere, too; "Education Pays" + "2010:" +
    "The Benefits ..." before the work's date: the year is inside it."""
    labs = [lab for lab, _ in segs]
    dates = [i for i, lab in enumerate(labs) if lab == "date"]
    if len(dates) < 2:
        return segs
    for i in dates[1:]:
        prev = i - 1
        if (
            labs[prev] in ("title", "journal", "container-title")
            and _YEAR_ONLY.match(segs[i][1])
            and segs[i][1].rstrip().endswith(".")
            and not _TERMINAL.search(segs[prev][1])
            and segs[prev][1].split()
        ):
            segs[prev] = (labs[prev], segs[prev][1].rstrip() + " " + segs[i][1].strip())
            segs[i] = ("other", "")
    for i in dates:
        # "... of the National Expert Panel on Field Triage," + "2011." + the journal, the work dated elsewhere
        # ("2012;61:1-20", "61, 2012, pp. 1-20"): the year before the journal, after the title's comma, ends it
        if (
            0 < i < len(segs) - 1
            and labs[i - 1] == "title"
            and labs[i + 1] in ("journal", "container-title", "note")
            and segs[i - 1][1].rstrip().endswith(",")
            and _YEAR_ONLY.match(segs[i][1])
            and any(j != i and segs[j][0] == "date" and find_year(segs[j][1]) for j in dates)
        ):
            segs[i - 1] = ("title", segs[i - 1][1].rstrip() + " " + segs[i][1].strip())
            segs[i] = ("other", "")
    for i in dates[:-1]:
        # "Education Pays" + "2010:" + "The Benefits of ...", a later date the work's: the year and its colon
        # open the subtitle ("The SGI Origin 2000: A ccNUMA Server")
        if (
            0 < i < len(segs) - 1
            and segs[i - 1][0] == segs[i + 1][0] == "title"
            and segs[i][0] == "date"
            and _YEAR_ONLY.match(segs[i][1])
            and segs[i][1].rstrip().endswith(":")
        ):
            segs[i + 1] = ("title", f"{segs[i - 1][1].rstrip()} {segs[i][1].strip()} {segs[i + 1][1].strip()}")
            segs[i - 1] = segs[i] = ("other", "")
    return [(lab, text) for lab, text in segs if lab != "other"]


# A year after a container's last sentence, "MNRAS. 2000;" / "IEEE Symposium on 3D User Interfaces. 2006."
_CONTAINER_YEAR = rx.compile(r"^(?P<c>.*[^\s.;])[.;]\s+(?P<y>" + YEAR_FRAGMENT + r")[;:.,]?$")


def _year_ends_container(segs: list[Segment], raw: str) -> list[Segment]:
    """AMA's and Vancouver's "MNRAS. 2000;316:326." with "MNRAS. 2000;" read as the journal, and the reference no
    date: the year after the journal's (or proceedings') full stop or semicolon is the date."""
    if any(lab == "date" for lab, _ in segs):
        return segs
    for i, (lab, text) in enumerate(segs):
        if lab in ("journal", "container-title"):
            m = _CONTAINER_YEAR.match(text.strip())
            if m:
                return segs[:i] + [(lab, m.group("c")), ("date", m.group("y"))] + segs[i + 1 :]
    return segs


# An opening quotation mark and the mark that closes it ("„" closes with "“" or "”").
_QUOTE_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "„": "“”"}


def _positions(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text`` (str.find, not a loop over every character)."""
    out, k = [], text.find(char)
    while k >= 0:
        out.append(k)
        k = text.find(char, k + 1)
    return out


def _quote_close(text: str) -> int:
    """Where the quotation that opens ``text`` closes and a field ends: the closing mark right after a
    full stop or comma ("“Title,” in ..."), or followed by one (“Title”, Publisher); -1 when there is none
    (a nested quotation, or an apostrophe inside a word: "l'opinion", "Homer’s")."""
    closers = _QUOTE_PAIRS.get(text[:1], "")
    marks = sorted(k for c in closers for k in _positions(text, c) if 0 < k < len(text) - 1)
    for k in marks:
        before, after = text[k - 1], text[k + 1]
        if after in ",." or (before in ",.?!" and after == " "):  # (a colon after it opens a subtitle)
            return k if text[0] not in text[1:k] or text[0] in closers else -1
    return -1


# "Title. In: Editors, editors. Book." (Vancouver, AMA, ISO 690, German "In:"): a title's sentence never opens so
_IN_COLON = rx.compile(r"(?<=[\w?!)\]'’”\"])\.\s+(?=In\s?:\s)", gated=True)


def _book_in_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule book-in-title: a title read on into the chapter's "In: Editors, editors. Book.": the title ends
    before "In:", and what follows is the container, whose editors the editors' rule then takes out (as when
    the labeller reads it so)."""
    for i, (lab, text) in enumerate(segs):
        m = _IN_COLON.search(text) if lab == "title" else None
        if m is not None:
            return [*segs[:i], ("title", text[: m.start() + 1]), ("container-title", text[m.end() :]), *segs[i + 1 :]]
    return segs


def _quoted_title_end(segs: list[Segment], raw: str) -> list[Segment]:
    """ "“Gull wing moult,” in Field Notes ..." / "'Gull wing moult', Tern Press": a quoted title ends at its
    closing quotation mark; what the labeller ran on into the title is the container (its "In" included)."""
    labs = [lab for lab, _ in segs]
    if "title" not in labs:
        return segs
    i = labs.index("title")
    text = segs[i][1]
    k = _quote_close(text)
    cut = k + 1 + (text[k + 1] in ",.") if k > 0 else len(text)
    head, rest = text[:cut], text[cut:].strip()
    if not rx.search(r"\w", rest):
        return segs
    if {"journal", "container-title"} & set(labs) and not rx.match(r"[Ii]n:?\s", rest):
        return segs
    return segs[:i] + [("title", head), ("container-title", rest)] + segs[i + 1 :]


# "Paper presented at the Annual Meeting of ...", "Poster session presented at ...": a talk's venue (APA)
_TALK_PRESENTED_AT = rx.compile(
    r"(?:^|(?<=[.,]\s))(?:(?:Paper|Poster)(?:\s+session)?\s+)?[Pp]resented\s+at\b",
    rx.I,
    gated=True,
)


def _presented_at(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Title. Paper presented at the Gull Symposium, Leeds.": the venue is the container, whether the
    labeller read it as a note, a publisher, the title's end, or cut it after "at the"."""
    labs = [lab for lab, _ in segs]
    if "resented" not in raw or {"journal", "container-title"} & set(labs):
        return segs
    for i, (lab, text) in enumerate(segs):
        m = _TALK_PRESENTED_AT.search(text)
        if not m or lab not in ("title", "note", "publisher", "genre"):
            continue
        head, venue = text[: m.start()].strip(), text[m.start() :]
        if lab == "title" and not head:
            return segs
        after = segs[i + 1 :]
        if rx.search(r"\bat(?:\s+the)?$", venue.strip()) and after and after[0][0] in ("publisher", "note"):
            venue, after = venue.strip() + " " + after[0][1], after[1:]
        keep = [(lab, head)] if head else []
        return segs[:i] + keep + [("container-title", venue)] + after
    return segs


# AMA's online-first article, "Title. Journal. Published online 2015:1-10." (no volume yet)
_PUBLISHED_ONLINE = rx.compile(r"(?:^|(?<=[.,]\s))Published online\b\.?", rx.I, gated=True)


def _cue_only(text: str) -> bool:
    """Whether a field holds the cue "Published online" and nothing else."""
    m = _PUBLISHED_ONLINE.search(text)
    return m is not None and not text[: m.start()].strip() and not text[m.end() :].strip(" .,;:")


def _published_online(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Journal. Published online" read as one field, or the journal left at the title's end: the journal
    is the text before the cue; a title of two sentences before a lone cue ends with the journal."""
    if "ublished online" not in raw:
        return segs
    out: list[Segment] = []
    no_journal = not any(lab in ("journal", "container-title") and not _cue_only(text) for lab, text in segs)
    for lab, text in segs:
        m = _PUBLISHED_ONLINE.search(text) if lab not in ("title", "author", "url", "doi") else None
        if lab == "title" and no_journal:
            # AMA's "Putting objects in perspective. IJCV. Published online" read as one title: its last
            # sentence before the cue is the journal
            t = _PUBLISHED_ONLINE.search(text)
            parts = _SENTENCE_GAP.split(text[: t.start()].strip()) if t and not text[t.end() :].strip() else []
            if len(parts) >= 2:
                out += [("title", " ".join(parts[:-1])), ("journal", parts[-1])]
                continue
        if not m:
            out.append((lab, text))
            continue
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        if before:
            out.append(("journal" if lab in ("genre", "note", "publisher") else lab, before))
        elif out and out[-1][0] == "title" and no_journal:
            parts = _SENTENCE_GAP.split(out[-1][1])
            if len(parts) >= 2:
                out[-1:] = [("title", " ".join(parts[:-1])), ("journal", parts[-1])]
        if rx.search(r"\b(?:1[5-9]|20)\d\d\b", after):
            out.append(("date", after))
    return out


# What ends a place rather than a city: a country, or a state's or country's two-letter code ("CA", "UK")
_REGION = frozenset(
    "usa uk england scotland wales ireland germany france netherlands switzerland italy spain portugal canada "
    "australia japan china india sweden norway denmark finland austria belgium poland russia brazil mexico "
    "argentina chile israel korea greece turkey".split()
)
_UNKNOWN_PLACE = frozenset(("s.l", "s.l.", "n.p", "n.p.", "o.o", "o.o."))  # "sine loco", "no place"


def _is_place(part: str) -> bool:
    words = part.lower().replace("/", " ").split()
    return bool(words) and (part.lower() in _UNKNOWN_PLACE or all(w in PLACE_WORDS for w in words))


def _is_region(part: str) -> bool:
    return part.lower() in _REGION or bool(rx.fullmatch(r"[A-Z]{2}|[A-Z]\.[A-Z]\.?", part))


def _publisher_in_place(segs: list[Segment], raw: str) -> list[Segment]:
    """ "(Tern Press, Leeds, UK, 2004)" read as one place, no publisher: a first part that is no place,
    before a city (and its region), is the publisher. ("Padua, Italy" and "Nashville, TN" stay places.)"""
    labs = [lab for lab, _ in segs]
    if "location" not in labs or "publisher" in labs:
        return segs
    i = labs.index("location")
    text = segs[i][1]
    parts = [p.strip() for p in text.strip(" ,.;:()").split(",")]
    if len(parts) < 2 or _is_place(parts[0]) or _is_region(parts[1]) or not _is_place(parts[1]):
        return segs
    if len(parts) > 3 or (len(parts) == 3 and not rx.fullmatch(r"[A-Z]{2}", parts[2])):
        return segs  # ("Rochester, New York, USA": city, state, country)
    if not parts[0][:1].isupper() or rx.fullmatch(r"(?i)eds?\.?", parts[0]):
        return segs
    cut = text.index(",") + 1
    return segs[:i] + [("publisher", text[:cut]), ("location", text[cut:].strip())] + segs[i + 1 :]


# "Book Title. Frankfurt am Main: Deutscher Klassiker Verlag," : a place (capitalised words, "am Main",
# "Berlin / Heidelberg", "New York, NY") and its publisher after a colon, closing a container. (The tail form of
# _PLACE_PUBLISHER, which reads a whole segment and wants the publisher capitalised; this one also takes
# "Bielefeld: transcript" and "Bellingham, WA: 5th Symposium". One grammar for both would change what each reads.)
_PLACE_PUBLISHER_TAIL = rx.compile(
    r"(?<=[^\s.]{2})\.\s+(?P<place>[A-ZÀ-Þ][\w'’.\-]*(?:(?:\s*[/,]\s*|\s+(?:am|an|upon|on|sur|de|del)?\s*)"
    r"[A-ZÀ-Þ][\w'’.\-]*){0,3})\s*:\s*(?P<pub>[^:()]+?)[,.;]?\s*$",
    gated=True,
)


def _publisher_in_container(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule publisher-in-container: a chapter's book read on into its place and publisher ("in M. Bollacher
    (ed.) Werke. Frankfurt am Main: Deutscher Klassiker Verlag, pp. 9-442", Harvard's and MLA's chapters): in
    a reference with neither labelled, and no journal, volume or issue, the sentence after the book's title,
    "Place: Publisher", is theirs."""
    labs = [lab for lab, _ in segs]
    # (a journal's name may hold a colon after a full stop: "J. Stat. Mechanics: Theory and Experiment")
    if {"publisher", "location", "journal", "volume", "issue"} & set(labs):
        return segs
    for i, (lab, text) in enumerate(segs):
        m = _PLACE_PUBLISHER_TAIL.search(text) if lab == "container-title" else None
        if m is not None and len(m.group("pub").split()) <= 6:
            book = text[: m.start() + 1]
            return [
                *segs[:i],
                (lab, book),
                ("location", m.group("place") + ":"),
                ("publisher", text[m.start("pub") :]),
            ] + segs[i + 1 :]
    return segs


def _preprint_mark(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule preprint-mark: Harvard's "Frontiers in Immunology [Preprint]." (an article with no volume) read with
    the journal's last words, or all of it, in the note that holds the mark: the words before "[Preprint]" end
    (or are) the journal."""
    labs = [lab for lab, _ in segs]
    for i in range(1, len(segs)):
        lab, text = segs[i]
        k = text.find("[Preprint]") if lab == "note" else -1
        if k <= 0 or not rx.search(r"\w", text[:k]):
            continue
        if segs[i - 1][0] in ("journal", "container-title"):
            journal = (segs[i - 1][0], segs[i - 1][1].rstrip() + " " + text[:k].strip())
            return [*segs[: i - 1], journal, (lab, text[k:]), *segs[i + 1 :]]
        if segs[i - 1][0] == "title" and not {"journal", "container-title"} & set(labs):
            # (the whole journal in the note: "“Modeling the scene,” International journal of computer vision
            # [Preprint].")
            return [*segs[:i], ("journal", text[:k].strip()), (lab, text[k:]), *segs[i + 1 :]]
    return segs


# Abbreviated words that open journals' names in physics', mathematics' and engineering references ("Phys.
# Rev.", "Comm. ACM", "Math. Ann.", "Rev. Gen. Chemins Fer"); whole words, as written before their full stop
# (a twin of _JOURNAL_ABBREVIATION, the shorter list journal-as-names reads; one list for both would change what
# that rule reads, so they stay two, each naming the other)
_JOURNAL_OPENING = frozenset(
    "J Rev Comm Commun Math Phys Proc Trans Ann Bull Lett Am Int Natl Acad Sci Chem Biol Med Eng Appl Astron "
    "Astrophys Nucl Mol Clin Exp Mar Braz Eur Br Can Jpn Angew Quart Arch Adv Curr Acta Ind Geophys".split()
)
_COMMA_ABBREVIATION = rx.compile(r",\s+(?P<w>[A-Z][a-z]{0,8})\.(?=\s)")


def _journal_opening_in_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule journal-opening-in-title: "La voie, Rev. Generale Chemins Fer" and "Zahlen mod. Eins, Math. Ann. 77"
    cut at another full stop than the abbreviation's that opens the journal: where a title and the journal after
    it meet, a comma and an abbreviated word that opens journals' names ("Rev.", "Comm.", "Math.") start the
    journal; the words between the two cuts (at most four) move to the side they belong to."""
    for i in range(len(segs) - 1):
        (lab, title), (jlab, journal) = segs[i], segs[i + 1]
        if lab != "title" or jlab not in ("journal", "container-title"):
            continue
        title, journal = title.strip(), journal.strip()
        joined = title + " " + journal
        m = next((m for m in _COMMA_ABBREVIATION.finditer(joined) if m.group("w") in _JOURNAL_OPENING), None)
        if m is None or m.start() == len(title) - 1 or len(joined[: m.start()].split()) < 2:
            return segs
        between = joined[m.start() : len(title)] if m.start() < len(title) else joined[len(title) : m.start()]
        if len(between.split()) > 4 or (m.start() > len(title) and "." in between):
            # (words with a full stop before the comma are the journal's own: "Steel Compos. Struct., Int. J")
            return segs
        return [*segs[:i], ("title", joined[: m.start()]), (jlab, joined[m.start() + 1 :].lstrip()), *segs[i + 2 :]]
    return segs


# What a title's last words may name instead of the title: the work's kind ("PhD thesis", "Manuscript",
# "Technical Report SRC-TR-95-141"), after a full stop or comma (a doctoral thesis also after a space: "...
# Regulatory Change PhD thesis"); "The Voynich Manuscript" keeps its last word.
_DOCTORAL = r"(?:PhD|Ph\.\s?D\.|Doctoral)\s+(?:[Tt]hesis|[Dd]issertation)"
_KIND_TAIL = (
    r"(?:[Uu]npublished\s+)?(?:[Mm]aster['’]?s\s+[Tt]hesis|[Mm]anuscript)|[Pp]reprint|"
    r"(?:[Tt]echnical\s+[Rr]eport|Tech\.\s*Rep\.)(?:\s+(?:No\.\s*)?[\w\-/.]*\d[\w\-/.]*)?"
)
_TITLE_TAIL = rx.compile(
    r"^(?P<title>.*?\w.*?)(?:[.,;]\s*(?P<kind>"
    + _DOCTORAL
    + "|"
    + _KIND_TAIL
    + r")|\s+(?P<doctoral>"
    + _DOCTORAL
    + r"))[.,;]?\s*$"
)


_KIND_WORDS = ("thesis", "dissertation", "manuscript", "preprint", "report", "rep.")


def _kind_ends_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule kind-ends-title: "Utjulik 2001 Expedition Report. Manuscript.", "Regulating Finance ... Change PhD
    thesis Duke University." and "AC for the T3D. Technical Report SRC-TR-95-141, Supercomputing Research
    Center" read with the title running on into the work's kind: those last words are the genre (its number
    with it). (An edition that ends a title is cut off when the title is read: _trim_title.)"""
    labs = [lab for lab, _ in segs]
    if labs.count("title") != 1 or "genre" in labs:
        return segs
    i = labs.index("title")
    low = segs[i][1].lower()
    if not any(word in low for word in _KIND_WORDS):
        return segs  # (most titles: the pattern's lazy start would be tried at every word)
    m = _TITLE_TAIL.match(segs[i][1].strip())
    if m is None or len(m.group("title").split()) < 2:
        return segs
    return [*segs[:i], ("title", m.group("title")), ("genre", m.group("kind") or m.group("doctoral")), *segs[i + 1 :]]


_UNIVERSITY_PRESS = rx.compile(r"(?:University|Univ\.)\s+Press\b|UP\b")
_PARTED = rx.compile(r"[,:;]|\.\s")
_PUBLISHER_END = rx.compile(r"\b(?:Press|Publishers?|Publishing|Verlag|Books|Inc|Ltd|Co|GmbH)\.?$")


def _publisher_in_one_piece(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule publisher-in-one-piece: "Cambridge University Press; 1998", "The New American Library." and "Walter
    de Gruyter" read as a place and a publisher: a place and a publisher with nothing but a space between them
    are one publisher (styles part them with a colon or a comma), unless the place is a known city before a
    publisher of its own ("New York Oxford University Press", typed without its colon, keeps both)."""
    labs = [lab for lab, _ in segs]
    if "location" not in labs or "publisher" not in labs:
        return segs
    spans = _locate(segs, raw)
    for i in range(len(segs) - 1):
        pair = (labs[i], labs[i + 1])
        if pair not in (("location", "publisher"), ("publisher", "location")):
            continue
        (a, b), (c, d) = spans[i], spans[i + 1]
        if a < 0 or c < 0 or raw[b:c].strip() or _PARTED.search(raw[a:d].strip(" ,.;:()")):
            continue  # (a comma, colon or sentence between or inside them: "Boulder, CO", "Springer ,NewYork")
        place = (segs[i][1] if pair[0] == "location" else segs[i + 1][1]).strip(" ,.;:()")
        if not place[:1].isupper():
            continue  # ("SCM and Philadelphia: Trinity Press": a second place and its publisher)
        publisher = segs[i + 1][1] if pair[0] == "location" else segs[i][1]
        if pair[0] == "publisher" and _PUBLISHER_END.search(publisher.strip(" ,.;:")):
            continue  # ("Tern Press Bristol": the publisher's name ends with its kind)
        if _is_place(place) and not (pair[0] == "location" and _UNIVERSITY_PRESS.match(publisher)):
            continue
        return [*segs[:i], ("publisher", raw[a:d]), *segs[i + 2 :]]
    return segs


# A journal's publisher written after its name: ", ASCE", ", Saga University" (an acronym of three to six
# capitals, or an organisation's name that names no journal and has no abbreviation in it)
_JOURNAL_TAIL = rx.compile(r"^(?P<journal>.*[^\s,]),\s+(?P<org>[^,]+?)[.,;:]?\s*$")
_ACRONYM = rx.compile(r"[A-Z]{3,6}")
_ARTICLE_PARTS = frozenset(("volume", "issue", "pages"))


def _publisher_after_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule publisher-after-journal: "J. Struct. Eng., ASCE, 135(11), 1367-1376." and "GRI Review, Gyeonggi
    Research Institute, Vol. 9" read with the publisher in the journal's name: a journal followed by its
    volume, issue or pages whose last comma is followed by an acronym or an organisation's name (not a region:
    "..., USA") ends at that comma, and the rest is the publisher; a known city there is the place ("L'Abeille,
    Journal d'Entomologie, Paris 30:105-136")."""
    labs = [lab for lab, _ in segs]
    if "publisher" in labs:
        return segs
    for i, (lab, text) in enumerate(segs[:-1]):
        if lab != "journal" or labs[i + 1] not in _ARTICLE_PARTS:
            continue
        if "," not in text.rstrip(" ,;:."):
            return segs
        m = _JOURNAL_TAIL.match(text.strip())
        if m is None:
            return segs
        org = m.group("org").strip()
        journal = m.group("journal")
        if not (_JOURNAL_WORD.search(journal) or "." in journal):
            return segs  # ("Miscellaneous publications, United States Department of Agriculture": a series' name)
        if _is_place(org) and "location" not in labs:
            # ("L'Abeille, Journal d'Entomologie, Paris 30:105-136": the place the journal is published in)
            return [*segs[:i], (lab, journal), ("location", org), *segs[i + 1 :]]
        if _is_region(org) or not (_ACRONYM.fullmatch(org) or is_organisation(org)):
            return segs
        if org == "IEEE" or _JOURNAL_WORD.search(org) or rx.search(r"[.:]", org):
            return segs  # (IEEE's names written inverted, "Signal Processing Magazine, IEEE"; a second journal)
        return [*segs[:i], (lab, m.group("journal")), ("publisher", org), *segs[i + 1 :]]
    return segs


# "Kaplan. Urology", "Clark, Steroids": a family name alone ("McDonald", not "SiR") and the journal after it
_LOWER = "a-zß-öø-ÿ"
_FAMILY_THEN_JOURNAL = rx.compile(
    r"^(?P<family>["
    + _UPC
    + r"]["
    + _LOWER
    + r"]+(?:['’\-]?["
    + _UPC
    + r"]["
    + _LOWER
    + r"]+)*)[.,]\s+(?P<journal>["
    + _UPC
    + r"].*)$"
)


def _family_before_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule family-before-journal: medicine's and physics' short form with no title, "Kaplan. Urology 53 (1999):
    481." and "Clark, Steroids, vol. 22, p. 707", read as one journal: in a reference with no author that opens
    with its journal, before the volume, a single capitalised word and a full stop or comma open it is the
    author's family name. (A journal whose first word is a journal's word stays whole: "Blood. Cells Mol Dis".)"""
    labs = [lab for lab, _ in segs]
    if "author" in labs or "editor" in labs or "title" in labs:
        return segs
    k = next((i for i, lab in enumerate(labs) if lab != "citation-number"), None)
    if k is None or labs[k] not in ("journal", "container-title") or "volume" not in labs[k + 1 : k + 3]:
        return segs
    m = _FAMILY_THEN_JOURNAL.match(segs[k][1].strip())
    if m is None or m.group("family") in _JOURNAL_OPENING or _JOURNAL_WORD.fullmatch(m.group("family")):
        return segs  # ("Arch. Opthalmol.": a journal's abbreviated first word)
    if _ABBREVIATED_START.match(m.group("journal")):
        return segs  # ("Internat. J. Theoret. Phys.": an abbreviated journal's name throughout)
    return [*segs[:k], ("author", m.group("family")), (labs[k], m.group("journal")), *segs[k + 1 :]]


def _publisher_before_volume(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule publisher-before-volume: "Brief report: acute renal failure. Blood Press 1996; 5:360-362." read with
    the journal as a publisher (its name ends in "Press"): in an article with a title and no journal, a
    publisher followed by the volume or the pages (a date between them aside) is the journal; no book's
    publisher is followed by a volume and pages."""
    labs = [lab for lab, _ in segs]
    if "title" not in labs or {"journal", "container-title"} & set(labs) or labs.count("publisher") != 1:
        return segs
    i = labs.index("publisher")
    after = [lab for lab in labs[i + 1 : i + 4] if lab != "date"][:2]
    if after != ["volume", "pages"] or "location" in labs:
        return segs
    name = segs[i][1].strip(" ,.;:")
    unpressed = name.replace("Press", "")  # ("Blood Press": "Press" alone makes no publisher of a journal)
    if _PUBLISHER.search(unpressed) or "," in name or is_organisation(unpressed):
        return segs  # (a publisher's own name, "Springer Verlag", or an institution's, "Dept. Biology, Wake Forest
        # University, ... Vers. 18.2": what the labeller took for a volume is something else)
    return [*segs[:i], ("journal", segs[i][1]), *segs[i + 1 :]]


_YEAR_RANGE = rx.compile(r"(?:1[5-9]|20)\d\d\s*[-–]\s*(?:(?:1[5-9]|20)\d\d|\d\d?)[.,;]?")


def _year_range_ends_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule year-range-ends-title: "Hospitals and Health Care in Brooklyn and New York, 1885-1915. Cambridge:
    Cambridge University Press, 1982." read with the title's years as the pages: a range of years right after a
    title that ends in a comma, in a reference dated elsewhere, ends the title."""
    for i in range(len(segs) - 1):
        (lab, title), (nlab, text) = segs[i], segs[i + 1]
        if lab == "title" and nlab in ("pages", "volume") and title.rstrip().endswith(","):
            if _YEAR_RANGE.fullmatch(text.strip()) and any(x == "date" for x, _ in segs[i + 2 :]):
                return [*segs[:i], ("title", title.rstrip() + " " + text.strip()), *segs[i + 2 :]]
    return segs


def _page_count(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule page-count: "Bruxelles : ED Rageot-Hatier. 494 p." read as a journal, a volume and pages: the number
    and its "p." (or "S.") after a book's place or publisher are one field, the number of pages it has
    (_PAGE_COUNT), and what stands between the place and them is the publisher."""
    labs = [lab for lab, _ in segs]
    if not labs or labs[-1] not in ("pages", "volume") or "location" not in labs:
        return segs
    k = len(segs) - 1
    if k >= 1 and labs[k - 1] == "volume" and labs[k] == "pages":
        k -= 1  # ("494" | "p.")
    tail = " ".join(text.strip() for _, text in segs[k:])
    if not _PAGE_COUNT.fullmatch(tail.strip(" .,;")) or labs[k - 1] not in ("location", "publisher", "journal", "date"):
        return segs
    head = segs[:k]
    j = labs.index("location")
    if j + 1 < k and labs[j + 1] == "journal" and "title" in labs[:j]:
        head = [*head[: j + 1], ("publisher", head[j + 1][1]), *head[j + 2 :]]
    return [*head, ("pages", tail)]  # (the pages' reader takes "494 p." for the count: _pages_field)


# An issue in parentheses with no volume before it, as machine formats write it: Vancouver's "2009;(1):91-106"
# and APA's or Harvard's "Journal, (1), 25–27" (perhaps with the journal's last words before it)
_ISSUE_ALONE = rx.compile(r"^(?:(?P<words>[^\d(),;:]*[^\d\s(),;:])\s*,\s*)?\((?P<issue>\d{1,4})\)(?P<end>\s*[,:;.]?)$")
_YEAR_THEN_ISSUE = rx.compile(r"\d{4};\s*\(\d{1,4}\):")


def _issue_without_volume(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule issue-without-volume: a journal numbered by issue alone, "Travail, genre et société, (1), pp. 25–27."
    (Harvard, APA) and "Travail, genre et société. 2009;(1):91-106." (Vancouver), read with the number as the
    volume (and the journal's last word with it): the number in parentheses is the issue, the words before it
    end the journal. Typed by hand, "Journal, (41)15-21", "1997, (3): 229" and "Journal of the ACM (25), 1978"
    number the volume: only the machine formats' punctuation (a comma either side of the parenthesis, or
    Vancouver's year and semicolon) says issue."""
    for i, (lab, text) in enumerate(segs):
        if lab != "volume":
            continue
        m = _ISSUE_ALONE.match(text.strip())
        if m is None or i == 0:
            return segs
        vancouver = segs[i - 1][0] == "date" and _YEAR_THEN_ISSUE.search(raw) is not None
        machine = (
            segs[i - 1][0] in ("journal", "container-title")
            and m.group("end").strip() == ","
            and rx.search(r",\s*\(" + m.group("issue") + r"\),", raw) is not None
        )
        if not (vancouver or machine) or (m.group("words") and not machine):
            return segs
        out = [*segs[:i], ("issue", text.strip()[m.start("issue") - 1 :]), *segs[i + 1 :]]
        if m.group("words"):
            out[i - 1] = (segs[i - 1][0], segs[i - 1][1].rstrip() + " " + m.group("words"))
        return out
    return segs


# A work's status written before its container: "to appear in", "forthcoming in", "accepted for publication in"
_STATUS_LEAD = rx.compile(r"^(?i:(?:to\s+appear|forthcoming|accepted(?:\s+for\s+publication)?)\s+in:?)\s+(?=\S)")
# MLA's translator between an article's title and its journal: "Trans. Nicholas Rand. Critical Inquiry"
_NAME_WORD = r"(?:[" + _UPC + r"]\.|[" + _UPC + r"][\w'’\-]*[a-z][\w'’\-]*)"  # "A." or "Nicholas", not "Amer."
_TRANSLATOR_LEAD = rx.compile(
    r"^(?P<role>Trans\.|Translated\s+by)\s+(?P<names>"
    + _NAME_WORD
    + r"(?:\s+(?:and\s+)?"
    + _NAME_WORD
    + r"){1,4}?)\.?\s+(?<=\.\s)(?P<rest>["
    + _UPC
    + r"].*)$"
)


def _lead_in_container(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule lead-in-container: what stands before a journal's or proceedings' name in the same field, "to
    appear in ESEC-FSE'05, European Software Eng. Conf. ..." (the work's status: a note) and MLA's "Trans.
    Nicholas Rand. Critical Inquiry 13.2" (the article's translator), read as the container's first words."""
    for i, (lab, text) in enumerate(segs):
        if lab not in ("journal", "container-title"):
            continue
        stripped = text.strip()
        m = _STATUS_LEAD.match(stripped)
        if m is not None:
            return [*segs[:i], ("note", m.group().strip()), (lab, stripped[m.end() :]), *segs[i + 1 :]]
        t = _TRANSLATOR_LEAD.match(stripped)
        if t is not None:
            return [*segs[:i], ("translator", t.group("names")), (lab, t.group("rest")), *segs[i + 1 :]]
    return segs


# IEEE's chapter: "in Book Title, V. L. Olesen and N. F. Woods, Eds.," (the book, then its editors written
# initials first, then "Eds.")
_IEEE_NAME = r"(?:[" + _UPC + r"]\.\s?(?:-?[" + _UPC + r"]\.\s?)*)[" + _UPC + r"][\w'’\-]+"
_BOOK_THEN_EDITORS = rx.compile(
    r"^(?:[Ii]n:?\s+)?(?P<book>[^,].*?),\s+(?P<names>"
    + _IEEE_NAME
    + r"(?:(?:,\s+|,?\s+and\s+)"
    + _IEEE_NAME
    + r")*),?\s+(?P<role>Eds?\.)[,.]?$"
)


def _book_in_editors(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule book-in-editors: IEEE's "in Culture, Society, and Menstruation, V. L. Olesen and N. F. Woods,
    Eds., Washington: Hemisphere" read with the book's title among the editors (its words taken for names):
    before the editors written initials first, what follows "in" is the book."""
    for i, (lab, text) in enumerate(segs):
        if lab != "editor":
            continue
        m = _BOOK_THEN_EDITORS.match(text.strip())
        if m is None or _HAS_INITIAL.search(m.group("book")):
            return segs
        if any(x in ("journal", "container-title") for x, _ in segs[:i]):
            return segs  # (the book is read already: the words before the names are something else)
        book = ("container-title", m.group("book"))
        return [*segs[:i], book, ("editor", m.group("names") + ", " + m.group("role")), *segs[i + 1 :]]
    return segs


# A sentence's end inside what was read as a place: "Japan. Chicago:" (a whole word's full stop, a capital after it)
_STOP_IN_PLACE = rx.compile(r"(?<=[a-z]{2})\.\s+(?=[" + _UPC + r"])")


def _title_end_in_place(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule title-end-in-place: "Discourses of the Vanishing: Modernity, Phantasm, Japan. Chicago: University of
    Chicago Press" read with the title's last word in the place ("Japan. Chicago"): no place holds a sentence's
    end, so before a known place the words before it end the title."""
    for i in range(1, len(segs)):
        lab, text = segs[i]
        if lab != "location" or segs[i - 1][0] != "title":
            continue
        m = _STOP_IN_PLACE.search(text)
        if m is None or len(text[: m.start()].split()) > 3:
            return segs
        after = rx.split(r"[:,;]", text[m.end() :], maxsplit=1)[0].strip()
        if not _is_place(after):
            return segs  # (what follows must be a known place: "Switzerland. Disponible sur" is the place first)
        title = segs[i - 1][1].rstrip() + " " + text[: m.end()].strip()
        return [*segs[: i - 1], ("title", title), (lab, text[m.end() :]), *segs[i + 1 :]]
    return segs


_BARE_NUMBER = rx.compile(r"\d{1,6}\+?[.,;]?")
_MONTH_WORD = r"(?:" + MONTH_NAMES + r")\.?"  # "Septembre", "Oct."
_ENDS_WITH_MONTH = rx.compile(r"(?i:\b" + _MONTH_WORD + r")\s*$")


def _page_read_as_date(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule page-read-as-date: physics' "Nano Lett 10 (2010): 1979." and APA's "Nano Lett, 10, 1979." read with
    the page as a second date, and Chicago's "A&A 420 (2004): 97." with it as a second volume: a bare number
    after the volume, or after the date's colon, in a reference dated and numbered elsewhere, is the page."""
    labs = [lab for lab, _ in segs]
    if "pages" in labs or "volume" not in labs:
        return segs
    for i in range(1, len(segs)):
        lab, text = segs[i]
        if lab not in ("date", "volume") or not _BARE_NUMBER.fullmatch(text.strip()):
            continue
        prev_lab, prev = segs[i - 1]
        after_colon = prev_lab == "date" and prev.rstrip().endswith(":")
        after_volume = prev_lab == "volume" and not (i >= 2 and _ENDS_WITH_MONTH.search(segs[i - 2][1]))
        if lab == "date" and (after_volume or after_colon) and labs.count("date") >= 2:
            # (not a date's year after its day read as a volume: "Published October | 1, | 2015.")
            return [*segs[:i], ("pages", text), *segs[i + 1 :]]
        if lab == "volume" and after_colon and labs.count("volume") >= 2:
            return [*segs[:i], ("pages", text), *segs[i + 1 :]]
    return segs


_MONTH_ENDS_JOURNAL = rx.compile(
    r"^(?P<journal>.*[^\s,]),\s+(?P<month>(?i:" + _MONTH_WORD + r"(?:\s*[-–/]\s*" + _MONTH_WORD + r")?))[.,]?$"
)


def _month_ends_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule month-ends-journal: a magazine's "La Gazette Santé-Social, Septembre 2014, n°110" and "International
    Journal of E-Health, January-March 2012" read with the month in the journal's name: a month (or a range of
    months) after the journal's last comma, right before the date's year, opens the date."""
    for i in range(len(segs) - 1):
        lab, text = segs[i]
        if lab not in ("journal", "container-title") or segs[i + 1][0] != "date":
            continue
        m = _MONTH_ENDS_JOURNAL.match(text.strip())
        if m is None:
            return segs
        date = m.group("month") + " " + segs[i + 1][1].lstrip()
        return [*segs[:i], (lab, m.group("journal")), ("date", date), *segs[i + 2 :]]
    return segs


# A volume's label written with its number ("Vol. 4", "vols. 19–21", "Bd. 2", "t. 3")
_VOLUME_WORD = rx.compile(r"(?i:\b(?:vols?|volumes?|bd|band|tome|t)\b)")


def _volume_of_series(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule volume-of-series: Chicago's "Der Steppenwolf. Vol. 4 of Gesammelte Dichtungen." (one volume of a
    many-volume work or series) read with "of" opening the series' name: the words after "of" are the
    container, the volume stays the volume; a work read as the container before its volume ("Coastal Birds,
    vol. 1 of Shore Studies Series", no title labelled) is the title."""
    for i in range(1, len(segs)):
        lab, text = segs[i]
        if segs[i - 1][0] != "volume" or not text.lstrip().startswith("of ") or lab == "volume":
            continue
        second_title = lab == "title" and any(x == "title" for x, _ in segs[: i - 1])
        if lab not in ("container-title", "collection-title", "journal") and not second_title:
            if not _VOLUME_WORD.search(segs[i - 1][1]):
                continue  # ("(2003). 1 | of every 3 pupils drops out": a title's words after a number read as a volume)
        before = [lab for lab, _ in segs[: i - 1]]
        work_as_container = bool(before) and before[-1] in ("journal", "container-title") and "title" not in before
        # (a series after a book that is itself the container, "Automotive Control, volume 402 of Lecture
        # Notes in ...", stays the collection)
        book = {"journal", "container-title"} & set(before) and not work_as_container
        series = "collection-title" if lab == "collection-title" or book else "container-title"
        out = [*segs[:i], (series, text.lstrip()[3:]), *segs[i + 1 :]]
        if work_as_container:
            out[i - 2] = ("title", out[i - 2][1])
        return out
    return segs


# A work's kind named where the labeller read its container or title: "Draft Paper", "Manuscript", "Masters
# Thesis", "Personal communication" (the whole field, nothing else in it); the kinds a title may end with are
# _KIND_TAIL's, a narrower list (a title's "..., Working Paper" or "... Draft" is often its own words)
_GENRE_PHRASE = rx.compile(
    r"(?i:(?:unpublished\s+)?(?:manuscript|draft(?:\s+paper)?|preprint|working\s+paper|white\s+paper|press\s+release|"
    r"personal\s+communication|master['’]?s\s+thesis|doctoral\s+dissertation|ph\.?\s?d\.?\s+thesis))"
)


_GENRE_WORDS = ("manuscript", "draft", "preprint", "paper", "release", "communication", "thesis", "dissertation")
_PERSONAL_COMMUNICATION = rx.compile(r"(?i:personal\s+communication)")


def _genre_as_field(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule genre-as-field: "Cau, A. and Zedan, H., "Refining Interval Logic", Draft Paper, November 1996." and
    AMA's "Title. Masters Thesis. Department of Physics, Tern University; 1995." read with the work's kind as
    the journal: a journal or container that is only a kind of work is the genre. So is the only title of
    "Baumgarten, Lothar. Personal communication. 2005." (a work that has none)."""
    low = raw.lower()
    if not any(word in low for word in _GENRE_WORDS):
        return segs  # (most references name no kind of work)
    labs = [lab for lab, _ in segs]
    out = list(segs)
    for i, (lab, text) in enumerate(segs):
        if lab in ("journal", "container-title") and len(text) < 32 and _GENRE_PHRASE.fullmatch(clean_text(text)):
            out[i] = ("genre", text)
        elif lab == "title" and len(text) < 32 and labs.count("title") == 1:
            if _PERSONAL_COMMUNICATION.fullmatch(clean_text(text)):
                out[i] = ("genre", text)
    return out


# A word that names a kind of work or its medium, which a genre holds ("Doctoral dissertation", "Technical
# report", "Video", "Online") and a web site's name does not ("HuffPost", "Forbes"). (A twin of _MEDIUM_DESC and
# _THESIS_DESC, which read a whole bracket's description, and of _KIND_PHRASE, a kind beside a publisher: a word
# anywhere in a name is a wider test than a phrase that fills a field, so they stay apart.)
_KIND_WORD = rx.compile(
    r"(?i:\b(?:thes[ie]s|dissertation|diss|report|rep|paper|preprint|manuscript|draft|release|communication|"
    r"memorandum|brief|bulletin|circular|document|patent|video|film|movie|podcast|episode|audio|recording|tweet|"
    r"post|blog|web\s*page|website|online|ligne|lecture|speech|interview|presentation|poster|abstract|letter|"
    r"map|software|data\s*set|dataset|photograph|painting|summary|note|standard|proceedings|(?:ph|m)\.?\s?[ds]c?))\b"
)


_STAMP_CUE_END = rx.compile(r"(?i:\b(?:accessed|retrieved|viewed|available)\W*$)")


def _site_as_genre(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule site-as-genre: APA's web page "Bologna, C. (2019, October 31). Title. HuffPost. https://..." read
    with the site's name as the genre: a genre after the title, with no container in the reference, that names
    no kind of work (no word of _KIND_WORD), no number and no bracket, is the container (the site's name)."""
    labs = [lab for lab, _ in segs]
    if "genre" not in labs or "title" not in labs or any(x in labs for x in ("journal", "container-title")):
        return segs
    i = labs.index("genre")
    text = segs[i][1]
    if i < labs.index("title") or _KIND_WORD.search(text) or rx.search(r"[\d\[\]()]", text):
        return segs
    if _STAMP_CUE_END.search(text):
        return segs  # ("FDAC, editor. University of Florida. Accessed": not a site's name alone)
    return [*segs[:i], ("container-title", text), *segs[i + 1 :]]


# A journal and its volume read as the genre: Harvard's "“Title,” Cancer causes and control, 9, pp. 131-136."
_JOURNAL_VOLUME = rx.compile(r"^(?P<journal>[A-Z][^,\d]*?\w[.)]?),\s*(?P<volume>\d{1,4})\s*,?\s*$")


def _journal_as_genre(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule journal-as-genre: Harvard's "“Delirium,” JAMA, 258, pp. 1789-1792." with "JAMA, 258," read as the
    genre: a genre that is words then a number, in a reference with no journal, that names no kind of work,
    is the journal and its volume."""
    labs = [lab for lab, _ in segs]
    if "genre" not in labs or any(x in labs for x in ("journal", "container-title", "volume")):
        return segs
    i = labs.index("genre")
    m = _JOURNAL_VOLUME.match(segs[i][1].strip())
    if m is None or _KIND_WORD.search(m.group("journal")):
        return segs
    return [*segs[:i], ("journal", m.group("journal")), ("volume", m.group("volume")), *segs[i + 1 :]]


def _title_in_site(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule title-in-site: APA's web page "Mayo Clinic Staff. (2021). Insomnia. Mayo Clinic. https://..." read
    with the page's title and the site's name as one journal, and no title: in a reference with an address,
    no title, and neither volume nor pages, a journal's last sentence is the site's name and the sentences
    before it the page's title (a site's name holds no sentence's end; a title may)."""
    labs = [lab for lab, _ in segs]
    if "title" in labs or "url" not in labs or any(x in labs for x in ("volume", "issue", "pages")):
        return segs
    for i, (lab, text) in enumerate(segs):
        if lab in ("journal", "container-title"):
            cuts = list(_SENTENCE_GAP.finditer(text.strip()))
            if not cuts:
                return segs
            head, tail = text.strip()[: cuts[-1].start()], text.strip()[cuts[-1].end() :]
            return [*segs[:i], ("title", head), ("container-title", tail), *segs[i + 1 :]]
    return segs


# Abbreviated words journals' names are made of (with _JOURNAL_WORD's): "N Engl J Med", "FEBS Lett" (see _JOURNAL_OPENING)
_JOURNAL_ABBREVIATION = rx.compile(r"\b(?:J|Med|Lett|Proc|Phys|Ann|Bull|Sci|Res|Rev)\b\.?")


def _journal_as_names(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule journal-as-names: a reference that opens with its journal ("FEBS Letters (1995), 372, p. 83.",
    "N Engl J Med (1992) “Effect of ...,” 327(10)") read with the journal as the names: words with no comma,
    "and", or initials last ("Smith JA" is a name), naming a journal, before a reference with a volume and no
    journal, are the journal."""
    labs = [lab for lab, _ in segs]
    if not labs or labs[0] != "author" or "volume" not in labs or {"journal", "container-title"} & set(labs):
        return segs
    text = segs[0][1].strip(" .,;:")
    words = text.split()
    if (
        len(words) >= 2
        and not rx.search(r"[,&;(]|\. |\band\b|\bet al", text)  # ("Monto. Blood.": a name, then the journal)
        and not rx.fullmatch(r"[A-Z]{1,3}\.?", words[-1])
        and (_JOURNAL_WORD.search(text) or _JOURNAL_ABBREVIATION.search(text))
    ):
        return [("journal", segs[0][1]), *segs[1:]]
    return segs


def _journal_only(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Arden K. Gull Rev. 2004;12:97." (physics and medicine cite articles without their titles): a short
    "title" right before the date and a volume, in a reference with no journal or publisher, is the journal."""
    labs = [lab for lab, _ in segs]
    if "title" not in labs or {"journal", "container-title", "publisher", "editor"} & set(labs):
        return segs
    i = labs.index("title")
    if len(segs[i][1].split()) <= 6 and _year_then_volume(segs, labs, i + 1):
        segs = segs[:i] + [("journal", segs[i][1])] + segs[i + 1 :]
    return segs


_YEAR_SEMICOLON = rx.compile(r"\s*" + YEAR_FRAGMENT + r"\s*;")


def _year_then_volume(segs: list[Segment], labs: list[str], i: int) -> bool:
    """Whether segments i and i + 1 are Vancouver's date and volume, "2004;" "12:" (journal_only, journal_in_names)."""
    return labs[i : i + 2] == ["date", "volume"] and bool(_YEAR_SEMICOLON.match(segs[i][1] + segs[i + 1][1][:1]))


_YEAR_GLUED = rx.compile(r"^\s*(?P<date>" + YEAR_FRAGMENT + _MONTH_AFTER_YEAR + r";)(?P<rest>\(?\d.*)$", rx.I)


def _year_in_volume(segs: list[Segment], raw: str) -> list[Segment]:
    """Vancouver's "2011;12(5):63-70" written without a space is one token, which the labeller may read as the
    volume whole: the year and its ";" are the date, in a reference that has none."""
    if any(lab == "date" for lab, _ in segs):
        return segs
    for i, (lab, text) in enumerate(segs):
        m = _YEAR_GLUED.match(text) if lab in ("volume", "issue", "pages") else None
        if m is not None:
            return segs[:i] + [("date", m.group("date")), (lab, m.group("rest"))] + segs[i + 1 :]
    return segs


# A month or season word alone ("Winter", "June.", "Sept,")
_DATE_WORD = rx.compile(r"(?i:" + "|".join(sorted({*MONTHS, *SEASONS}, key=lambda w: (-len(w), w))) + r")\.?,?")
# A page label read as the volume ("Pp.", "Pg.")
_PAGE_LABEL = rx.compile(r"(?i:pp?|pg|pgs|pages?)\.?")
# A volume's own label and a roman numeral: a volume with no figure that is still one ("vol. XLII", "v. II").
# (_VOL_CUE is the label stripped before a volume's number; this one knows the issue's labels too.)
_VOLUME_LABEL = rx.compile(r"(?i:vol(?:ume)?s?|v|no|nos|nr)\b\.?\s*")
_ROMAN_VOLUME = rx.compile(r"(?i:[ivxlcdm]+)")


def _volume_without_figure(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule volume-without-figure: a segment read as the volume that holds no figure is no volume when it is a
    page label ("Primate Ecology. Pp. 37-69.": the label of the pages after it) or a lower-case word right after
    the journal ("The Journal of infectious" + "diseases": the journal's end). (Of the 14 references of 13 of
    the 1,186 corpus files with such a volume these are 3; a month or season stays: "NERC News, Autumn" is the
    volume its publisher gives, and a roman numeral or a labelled word is a volume as written.)"""
    for i, (lab, text) in enumerate(segs):
        if lab != "volume" or any(c.isdigit() for c in text):
            continue
        word = text.strip(" .,;:()")
        if not word or _VOLUME_LABEL.match(word) or _ROMAN_VOLUME.fullmatch(word):
            continue
        if _PAGE_LABEL.fullmatch(word) and i + 1 < len(segs) and segs[i + 1][0] == "pages":
            return segs[:i] + segs[i + 1 :]  # (the label of the pages, no field's word: as "pp." is)
        if (
            i
            and segs[i - 1][0] in ("journal", "container-title")
            and word.isalpha()
            and word.islower()
            and len(word) > 2
            and word not in _OPEN_END  # ("Environment and" + "development": no word that ends a name)
        ):
            return segs[: i - 1] + [(segs[i - 1][0], segs[i - 1][1].rstrip() + " " + text.lstrip())] + segs[i + 1 :]
    return segs


# The end of a journal's name read on into its volume: the volume's label ("..., Volume" + "66", German
# "Band", French "Tome") or a roman volume with no number labelled ("Journal of Psychology, XXVII")
_CONTAINER_VOLUME_LABEL = rx.compile(r"(?P<cut>,?\s*(?:Volume|Vol\.|Band|Bd\.|Tome))\s*$", gated=True)
_CONTAINER_ROMAN = rx.compile(r"(?<=\S),\s*(?P<roman>[IVXLC]{2,}|[IVX])[.,;:]?\s*$", gated=True)


def _volume_in_container(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule volume-in-container: a journal's last words that are its volume's: the label before the volume
    labelled next ("Renewable Energy, Volume" + "66,") goes to the volume; a roman numeral after a comma
    ("Journal of Psychology, XXVII") is the volume when the reference has no other."""
    labs = [lab for lab, _ in segs]
    for i, (lab, text) in enumerate(segs):
        if lab not in ("journal", "container-title"):
            continue
        m = _CONTAINER_VOLUME_LABEL.search(text)
        if m is not None and m.start() > 0 and labs[i + 1 : i + 2] == ["volume"] and segs[i + 1][1][:1].isalnum():
            label = m.group("cut").strip(" ,")
            return [*segs[:i], (lab, text[: m.start()] + ","), ("volume", label + " " + segs[i + 1][1]), *segs[i + 2 :]]
        m = _CONTAINER_ROMAN.search(text)
        if m is not None and "volume" not in labs and not _ROMAN_WORD_END.search(text[: m.start()]):
            return [*segs[:i], (lab, text[: m.start()] + ","), ("volume", m.group("roman") + ","), *segs[i + 1 :]]
    return segs


# ("Part I", "Series II", "Section IV": a numeral that names the journal's part, not the volume)
_ROMAN_WORD_END = rx.compile(r"\b(?:[Pp]art|[Ss]eries|[Ss]er\.|[Ss]ection|[Ss]ect\.|[Nn]o\.|[Tt]ome|[Bb]ook)\s*$")


def _journal_in_names(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Hunter M. Maturitas. 1986;8:217." (journal_only's form, one name) read with the journal in the names:
    names that end at their initials' full stop, then a few words, right before the date and a volume, in a
    reference with no title, journal or container, end at the initials; the words are the journal."""
    labs = [lab for lab, _ in segs]
    if "author" not in labs or {"title", "journal", "container-title"} & set(labs):
        return segs
    i = labs.index("author")
    m = _VANCOUVER_LEAD.match(segs[i][1])
    if m is not None and len(m.group("rest").split()) <= 6 and _year_then_volume(segs, labs, i + 1):
        return segs[:i] + [("author", m.group("names")), ("journal", m.group("rest"))] + segs[i + 1 :]
    return segs


# "(n.d.)", "n.d.": no date (APA, Chicago), a date field however the labeller read it
_ND = r"(?:\(?n\.\s?d\.\)?|\(no\s+date\))"  # "n.d.", "(n.d.)", Harvard's "(no date)"
_NO_DATE = rx.compile(r"^" + _ND + r"[.,:]?(?:\s+|$)|(?:^|\s)" + _ND + r"[.,:]?$")


def _no_date(segs: list[Segment], raw: str) -> list[Segment]:
    """ "(n.d.). Gull counts." with "(n.d.)." read into the title (or a volume, pages, the URL), and Harvard's
    "Gull Atlas (no date). Available at: ...": "n.d." is the date field, saying there is none; the rest keeps
    its label."""
    if "n.d" not in raw and "n. d" not in raw and "no date" not in raw:
        return segs
    out: list[Segment] = []
    for lab, text in segs:
        m = _NO_DATE.search(text) if lab != "date" else None
        if not m:
            out.append((lab, text))
            continue
        rest = (text[: m.start()] + " " + text[m.end() :]).strip()
        parts = [("date", m.group().strip())] + ([(lab, rest)] if rest else [])
        out.extend(parts if m.start() == 0 else parts[::-1])
    return out


# "Levy, D. M. 1941." : an author-date year after the names' full stop or comma
_YEAR_AFTER_NAMES = rx.compile(r"(?<=[.,])\s+(?P<year>" + YEAR_FRAGMENT + r")[.,]?(?=\s|$)")


def _year_in_names(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule year-in-names: "Levy, D. M. 1941. V. The hostile act." read with the year (and what follows it) in
    the names, in a reference with no date labelled: the year is the date, and words after it open the title."""
    if not segs or segs[0][0] != "author" or any(lab == "date" for lab, _ in segs):
        return segs
    text = segs[0][1]
    m = _YEAR_AFTER_NAMES.search(text)
    if m is None or m.start() == 0:
        return segs
    rest, after = text[m.end() :].strip(), segs[1:]
    new: list[Segment] = [("author", text[: m.start()]), ("date", text[m.start() : m.end()].strip())]
    if rest and after and after[0][0] == "title":
        return new + [("title", rest + " " + after[0][1])] + after[1:]
    return new + ([("title", rest)] if rest else []) + after


def _stray_date_word(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Quinn, Pat. Winter Harbours. Norton, 1999." with "Winter" read as a date: a month or season word alone
    in a date segment, with a field between it and the segment that holds the year, is a word of the text
    segment after it (here the title; it had been dropped from the parse), and so is one with no year in any
    date segment (the year read into a note: "Winter Rye: A Cover Crop. ... Accessed February 17, 2019."). A
    season beside its year ("Winter 1999", "(Spring, 2004)") or before a number ("NERC News, Autumn, pp. 24",
    "Scribbr, November 8") stays the date."""
    dates = [i for i, (lab, _) in enumerate(segs) if lab == "date"]
    years = [j for j in dates if any(c.isdigit() for c in segs[j][1])]
    if len(dates) == len(years):  # (most references: every date segment has its number)
        return segs
    for i in dates:
        text = segs[i][1]
        if (
            i + 1 < len(segs)
            and _DATE_WORD.fullmatch(text.strip())
            and all(abs(i - j) > 1 for j in years)
            and segs[i + 1][0] in _WORDS_AFTER_DATE
            and segs[i + 1][1].lstrip()[:1].isalpha()  # ("July 12": a day, not a word; left to the date)
        ):
            after_lab, after = segs[i + 1]
            return segs[:i] + [(after_lab, text.rstrip() + " " + after.lstrip())] + segs[i + 2 :]
    return segs


_WORDS_AFTER_DATE = frozenset(("title", "publisher", "journal", "container-title", "location"))


# Nature's chapter: "Title. in Book Title (eds Arden, K. & Marlow, B.) 12–30 (Publisher, Place, 2001)."
_EDS_AFTER_BOOK = rx.compile(r"(?<=[.?!”\"’]) (?P<book>in [^()]+?) (?P<eds>\((?:eds|ed\.) [^()]+\))", gated=True)


def _editors_after_book(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Title. in Book (eds A & B)" cut elsewhere than at "in" and "(eds": the chapter's title ends at the
    sentence before "in", the book runs to the parenthesis, the parenthesis names its editors."""
    m = _EDS_AFTER_BOOK.search(raw)
    if not m:
        return segs
    where = _locate(segs, raw)
    first = next((k for k, (a, b) in enumerate(where) if b > m.start()), None)
    last = next((k for k, (a, b) in enumerate(where) if b >= m.end()), None)
    if first is None or last is None or segs[first][0] != "title" or where[first][0] < 0:
        return segs
    a, b = where[first][0], where[last][1]
    parts = [("title", raw[a : m.start()]), ("container-title", m.group("book")), ("editor", m.group("eds"))]
    if b > m.end():
        parts.append((segs[last][0], raw[m.end() : b].strip()))
    return segs[:first] + [(lab, text) for lab, text in parts if text.strip()] + segs[last + 1 :]


# Nature's chapter without editors, "Title. in Book Title 132–164 (1915).": the lower-case "in" after the title's
# sentence end opens the book
_IN_AFTER_TITLE = rx.compile(r"^(?P<title>.*\S[.?!”\"’])\s+in\s+(?P<book>[" + _UPC + r"\d].*)$", gated=True)


def _book_after_title(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Title. in Book Title" read as one title: the title ends at the sentence before "in", the book follows
    (joined by the rest of the book when the labeller read that as a container or a note)."""
    for i, (lab, text) in enumerate(segs):
        if lab != "title":
            continue
        m = _IN_AFTER_TITLE.match(text.strip())
        if not m:
            continue
        book, rest = m.group("book"), segs[i + 1 :]
        if rest and rest[0][0] in ("container-title", "note"):
            book, rest = book + " " + rest[0][1], rest[1:]
        return segs[:i] + [("title", m.group("title")), ("container-title", book)] + rest
    return segs


# French "numéro": "Pouvoirs, 1979, n°9." / "Annales de Bretagne n°95, 1988" (the ordinal sign or a degree sign)
_NUMERO = rx.compile(r"(?:^|\s)(?P<n>[Nn]\s?[°º]\s?\d+[a-z]?)[.,;]?(?=\s|$)", gated=True)


def _numero(segs: list[Segment], raw: str) -> list[Segment]:
    """ "n°124" read as pages, or left at the journal's end: it is the issue (pages after it stay pages)."""
    if "°" not in raw and "º" not in raw:
        return segs
    out: list[Segment] = []
    for lab, text in segs:
        m = _NUMERO.search(text) if lab in ("pages", "volume", "journal", "container-title") else None
        if not m or (lab in ("journal", "container-title") and text[m.end() :].strip()):
            out.append((lab, text))
            continue
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        if before:
            out.append((lab, before))
        out.append(("issue", m.group().strip()))
        if after:
            out.append(("pages" if lab == "pages" else lab, after))
    return out


def _manual_section(segs: list[Segment], raw: str) -> list[Segment]:
    """A course manual's section: "Author AB. Section Title. Course Laboratory Manual." read as one title; also
    "Section Title. Comparative Physiology. Dept. Biology, ...", the course's name before the department that
    issues its manual (5 lab reports' references; 354 of the 415 manual references had the container already)."""
    labs = [lab for lab, _ in segs]
    if "title" in labs and not {"journal", "container-title"} & set(labs):
        i = labs.index("title")
        parts = _SENTENCE_GAP.split(segs[i][1].strip(), maxsplit=1)
        by_department = i + 1 < len(segs) and segs[i + 1][0] == "publisher" and _DEPARTMENT.match(segs[i + 1][1])
        if (
            len(parts) == 2
            and (_MANUAL.search(parts[1]) or by_department and _COURSE_NAME.fullmatch(parts[1].strip(" .")))
            and not _MANUAL.search(parts[0])
            and len(parts[1].split()) <= 12
        ):
            segs = segs[:i] + [("title", parts[0]), ("container-title", parts[1])] + segs[i + 1 :]
    return segs


# The department that issues a course's manual ("Dept. Biology, Wake Forest University"); a course's name
# ("Comparative Physiology", "Ecology and Evolution", "Cell Biology BIO214"): capitalised words and a code
_DEPARTMENT = rx.compile(r"\s*(?:Dept\b\.?|Department\s+of\b)")
_COURSE_NAME = rx.compile(r"[A-Z][\w-]*(?:\s+(?:and|of|&|[A-Z][\w-]*|[A-Z]{2,4}\s?\d{3}))*")


def _apa_book_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """APA: "(2003). Title. Harbor & Stone." with no volume, pages or link: the last field is a book's publisher."""
    labs = [lab for lab, _ in segs]
    if (
        labs
        and labs[-1] == "journal"
        and labs.count("journal") == 1
        and "title" in labs
        and not {"volume", "issue", "pages", "url", "doi", "publisher", "location", "editor"} & set(labs)
        and any(lab == "date" and text.lstrip().startswith("(") for lab, text in segs[:3])
        and len(segs[-1][1].split()) <= 5
        and segs[-1][1].rstrip().endswith(".")
        and ("&" in segs[-1][1] or _PUBLISHER.search(segs[-1][1]) or _ORG_TAIL.search(segs[-1][1]))
    ):
        segs[-1] = ("publisher", segs[-1][1])
    return segs


# MLA 9's roles: "Edited by A and B, Publisher, 2013." / "Translated by A, B, and C, Publisher, 1989." The names
# are written given name first, so they hold no comma but the one between three or more; the list ends at the
# comma after the name that follows the last "and".
_MLA_ROLE = rx.compile(r"(?P<role>(?:[Ee]dited|[Tt]ranslated|[Ee]dited and [Tt]ranslated) by )(?P<names>.+)")
_NAME_SUFFIX = rx.compile(r"(?:Jr|Sr|I{1,3}|IV)\.?")


def _mla_role_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Edited by Barbara Mowat and Paul Werstine, Simon & Schuster, 2013." read as one editor field (the
    publisher's "&" taken for one more name), or cut between the role and the publisher elsewhere than at
    the names' end ("Translated by Emily Wilson, W. W. | Norton"): the role and the publisher before the
    closing year (or a "place": MLA 9 names none) are read again together; the names end at the comma after the one that follows the last
    "and", what is left is the publisher (MLA 9 names no place)."""
    if " by " not in raw:
        return segs
    labs = [lab for lab, _ in segs]
    for i, lab in enumerate(labs):
        if lab not in ("editor", "translator"):
            continue
        end = i + 1 + (labs[i + 1 : i + 2] in (["publisher"], ["location"]))  # the role and what follows it
        m = _MLA_ROLE.match(_as_written(segs[i:end], raw))
        if labs[end : end + 1] != ["date"] or not m:
            continue
        names = m.group("names")
        last_and = names.rfind(" and ")
        cut = names.find(",", last_and + 5 if last_and >= 0 else 0)
        publisher = names[cut + 1 :].strip() if cut >= 0 else ""
        if (
            not publisher
            or _NAME_SUFFIX.fullmatch(publisher.split(",")[0].strip())
            or publisher.count(",") > 1
            or _is_place(publisher.strip(" ,"))  # "Edited by Gallimard, Paris, 1927": a place after all
        ):
            continue
        return segs[:i] + [(lab, m.group("role") + names[: cut + 1]), ("publisher", publisher)] + segs[end:]
    return segs


def _as_written(segs: list[Segment], raw: str) -> str:
    """Consecutive segments' text as ``raw`` has it, the punctuation between them kept ("Edited by Dr. Judith
    Marcin" | "Healthline, ..." had been read again as one name, "Marcin Healthline"); joined by spaces when a
    segment is not in ``raw`` as written."""
    where = _locate(segs, raw)
    if where and all(a >= 0 for a, _ in where):
        return raw[where[0][0] : where[-1][1]].strip()
    return " ".join(text.strip() for _, text in segs)


# A name that only a publisher has: a "&", an initial ("W. W. Norton"), a word run together ("AddisonWesley")
_PUBLISHER_SHAPE = rx.compile(r"&|\b[A-Z]\. |[a-z][A-Z]")
# MLA's and Chicago's authors: the family name, then a given name written out ("Garber, Marjorie.")
_FULL_GIVEN = rx.compile(r"[^,]+, [A-Z][a-zà-ÿ]+\b")


def _mla_publisher_year(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Garber, Marjorie. Title. Pantheon, 2004." (MLA 9: the publisher, then the year, no place) read as
    the place, or as a journal ("Orwell, George. Nineteen Eighty-Four. Secker & Warburg, 1949."): a "place"
    or "journal" of one part that names no known place, between the title (or a role) and the closing year
    (no volume or pages after it), in a reference with no publisher, is the publisher when the entry writes
    its author's given name out (MLA's and Chicago's full names; "Tsagarakis, O. ... Wiesbaden, 1982." keeps
    its place) or the name is one only a publisher has ("Vale & Vale", "F. Alves"); a "journal" only for the
    latter, and never after a quoted title (an article's: "Doe, Jane. \"Title.\" The Atlantic, 2019.")."""
    labs = [lab for lab, _ in segs]
    if not {"location", "journal"} & set(labs) or "publisher" in labs or labs[-1] != "date":
        return segs
    i = len(segs) - 2
    text = segs[i][1].strip()
    if (
        labs[i] in ("location", "journal")
        and i > 0
        and labs[i - 1] in ("title", "editor", "translator", "edition")
        and text.endswith(",")
        and not rx.search(r"[,:;()]", text[:-1])
        and not _is_place(text.strip(" ,"))
        and rx.fullmatch(r"\s*(?:1[5-9]|20)\d\d[a-z]?\.?\s*", segs[-1][1])
        and (
            _PUBLISHER_SHAPE.search(text)
            or _PUBLISHER.search(text)
            or (labs[i] == "location" and labs[0] == "author" and _FULL_GIVEN.match(segs[0][1].strip()))
        )
        and not (labs[i] == "journal" and segs[i - 1][1].lstrip()[:1] in "\"“‘'")
    ):
        return segs[:i] + [("publisher", segs[i][1])] + segs[i + 1 :]
    return segs


def _book_title_as_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """A "journal" with no volume, issue or pages, in a reference with a publisher and no title, is a book's title."""
    labs = {lab for lab, _ in segs}
    if (
        "journal" in labs
        and "title" not in labs
        and {"publisher", "location"} & labs
        and not {"volume", "issue", "pages"} & labs
    ):
        return [("title" if lab == "journal" else lab, text) for lab, text in segs]
    return segs


_EDITION_THEN_MORE = rx.compile(r"(\([^()]*\)\.?)\s+(\S.*)")


def _edition_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """APA: "Imagined communities (Rev. ed.). Verso." read with the publisher inside the edition: what follows the
    edition's closing parenthesis, in a reference with no publisher, is the publisher."""
    labs = [lab for lab, _ in segs]
    if "edition" not in labs or "publisher" in labs:
        return segs
    i = labs.index("edition")
    m = _EDITION_THEN_MORE.fullmatch(segs[i][1].strip())
    if m is None or not m.group(2)[:1].isupper():
        return segs
    return segs[:i] + [("edition", m.group(1)), ("publisher", m.group(2))] + segs[i + 1 :]


# APA 7 describes a work in square brackets right after its title: a thesis with its institution ("[Doctoral
# dissertation, University of Michigan]", "[Master's thesis, Ohio State University]") or a medium ("[Video]",
# "[Podcast episode]", "[Data set]"); a bracket that translates the title is none of these.
_BRACKET_DESC = rx.compile(r"\s*\[(?P<desc>[^\[\]]{3,80})\]\.?")
_THESIS_DESC = rx.compile(
    r"(?P<genre>(?:[Uu]npublished )?(?:[Dd]octoral dissertation|[Mm]aster['’]s thesis|[Dd]issertation|[Tt]hesis))"
    r"(?:,\s*(?P<institution>.+))?"
)
_MEDIUM_DESC = rx.compile(
    r"(?:[A-Z][\w'’ -]{0,30} )?(?:[Vv]ideo|[Aa]udio|[Pp]odcast(?: episode)?|[Dd]ata set|[Bb]rochure|[Ff]act sheet|"
    r"[Ff]ilm|[Mm]otion picture|[Tt]weet|[Ii]mage|[Pp]hotograph|[Mm]ap|[Ll]ecture notes|[Ss]lides|[Ss]oftware|"
    r"[Mm]obile app|[Ii]nfographic|[Pp]oster|[Ww]ebinar|[Uu]npublished manuscript|[Pp]ress release|"
    r"[Kk]indle edition|[Ee]-?[Bb]ook|[Aa]udiobook)"
)
# A talk given at an event, APA's "[Conference presentation]. APA 2019 Convention, Chicago, IL, United States."
_PRESENTATION_DESC = rx.compile(r"(?:[Cc]onference|[Pp]aper|[Pp]oster) (?:presentation|session)|[Kk]eynote address")


def _apa_bracket_description(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Chen, L. (2019). Urban heat [Doctoral dissertation, University of Michigan]. ProQuest." and "Khan
    Academy. (2017, March 3). Photosynthesis [Video]. YouTube. https://..." read with the bracket inside the
    title, the publisher or a note: after the date, the words before the bracket are the title, the bracket is
    the genre (a thesis's institution its publisher), and what follows it up to the link is the publisher
    (a video's site) or, for a thesis, the database it is in (its archive); after a talk's bracket ("[Paper
    presentation]"), the event and its place."""
    if "[" not in raw:
        return segs  # (most references: no bracket to read)
    labs = [lab for lab, _ in segs]
    if "date" not in labs or "journal" in labs:
        return segs
    start = end = labs.index("date") + 1
    while end < len(segs) and labs[end] not in ("url", "doi"):
        end += 1  # (the fields after the date, up to the link)
    if end == start or labs[start] not in ("title", "note"):
        return segs
    joined = " ".join(text.strip() for _, text in segs[start:end])
    m = _BRACKET_DESC.search(joined)
    if m is None or m.start() == 0:
        return segs
    desc, rest = m.group("desc").strip(), joined[m.end() :].strip()
    thesis = _THESIS_DESC.fullmatch(desc)
    talk = _PRESENTATION_DESC.fullmatch(desc)
    if thesis is None and talk is None and not _MEDIUM_DESC.fullmatch(desc):
        return segs
    new: list[Segment] = [("title", joined[: m.start()].strip())]
    if talk is not None:
        # (the event, then its place after the first comma: "Annual Meeting of the Coastal Society, Leeds, UK")
        new.append(("genre", desc))
        event, _, place = rest.partition(",")
        new += [(lab, text.strip(" .")) for lab, text in (("event", event), ("event-place", place)) if text.strip(" .")]
    elif thesis is not None:
        new.append(("genre", thesis.group("genre")))
        if thesis.group("institution"):
            new.append(("publisher", thesis.group("institution")))
        if rest:
            new.append(("archive", rest))
    else:
        new.append(("genre", desc))
        if rest:
            new.append(("publisher", rest))
    return segs[:start] + new + segs[end:]


# A web address written without its scheme, as MLA 9 writes it: "www.epa.gov/watersense", "healthline.com/health";
# among other words, only one that starts "www." is taken for one.
_WWW_HOST = r"www\.[\w-]+(?:\.[\w-]+)+"
_BARE_URL = rx.compile(
    rf"(?:{_WWW_HOST}|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|info|co|us|uk|ca|au|de|fr|int))(?:/\S*)?"
)
_BARE_URL_WORD = rx.compile(rf"(?<!\S){_WWW_HOST}(?:/\S*?)?(?=[.,;]?(?:\s|$))")


def _bare_url(segs: list[Segment], raw: str) -> list[Segment]:
    """MLA 9's "..., 12 Jan. 2021, www.epa.gov/watersense/save-water." read as pages (or a note): a field that is
    a web address and nothing else, with no scheme, is the work's URL; a "www." address among a field's words
    ("United Nations, www.un.org/en/climatechange. Accessed") is cut out of it as the URL."""
    if "www." not in raw and "/" not in raw:
        return segs
    out: list[Segment] = []
    for label, text in segs:
        if label in ("url", "doi"):
            out.append((label, text))
            continue
        if _BARE_URL.fullmatch(text.strip().rstrip(".,;")):
            out.append(("url", text))
            continue
        # "United Nations, www.un.org/en/climatechange. Accessed": the address among the field's words
        m = _BARE_URL_WORD.search(text)
        if m is None:
            out.append((label, text))
            continue
        before, after = text[: m.start()].strip(), text[m.end() :].lstrip(" .,;").strip()
        out += [(label, before)] if before else []
        out.append(("url", m.group(0)))
        out += [(label, after)] if after else []
    return out


# MLA 9's container and date in one stretch: "National Geographic, 4 Apr. 2019," / "Healthline, May 3, 2020."
_SITE_AND_DATE = rx.compile(
    r"(?P<site>[^,\d][^,]{1,80}),\s*"
    r"(?P<date>(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?(?:1[5-9]|20)\d\d)[,.]?"
)


def _mla_site_date(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Smith, John. \"Rivers.\" National Geographic, 4 Apr. 2019, www.nationalgeographic.com/rivers." with the
    site and the date read as one note: in a reference with a URL and no date, a note that is a name and a date
    is the container and the date."""
    labs = {lab for lab, _ in segs}
    if "note" not in labs or "url" not in labs or "date" in labs:
        return segs
    out: list[Segment] = []
    for label, text in segs:
        m = _SITE_AND_DATE.fullmatch(text.strip()) if label == "note" else None
        if m is not None:
            out += [("container-title", m.group("site") + ","), ("date", m.group("date"))]
        else:
            out.append((label, text))
    return out


# APA 7's report number in brackets after the title: "(NIH Publication No. 21-MH-8079)", "(Report No. 12)".
_REPORT_NUMBER = rx.compile(
    r"\s*\((?P<genre>[^()]{0,40}?\b(?:[Rr]eport|[Pp]ublication|[Pp]aper|[Bb]rief|[Bb]ulletin|[Dd]ocument)\s+[Nn]o\.\s*"
    r"[\w./-]+)\)\.?"
)


def _report_number(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Depression (NIH Publication No. 21-MH-8079). U.S. Department of Health and Human Services." read with the
    number and the publisher's first word inside the title: the bracket is the report's genre and number, and
    what follows it in the title goes on the publisher."""
    if "No." not in raw and "no." not in raw:
        return segs
    for i, (label, text) in enumerate(segs):
        if label != "title":
            continue
        m = _REPORT_NUMBER.search(text)
        if m is None or m.start() == 0:
            return segs
        rest, tail = text[m.end() :].strip(), segs[i + 1 :]
        new: list[Segment] = [("title", text[: m.start()].strip()), ("genre", m.group("genre"))]
        if rest and tail and tail[0][0] == "publisher":
            tail = [("publisher", rest + " " + tail[0][1].strip())] + tail[1:]
        elif rest:
            new.append(("publisher", rest))
        return segs[:i] + new + tail
    return segs


def _publisher_ampersand(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Simon & Schuster", "Farrar, Straus & Giroux" cut at the "&" into a place and a publisher: a publisher
    that starts with "&" goes on the "place" before it (no publisher's name starts with one), and a publisher
    goes on a place, book or note that ends with "&" (no field's name ends with one)."""
    if "&" not in raw:
        return segs
    for i in range(1, len(segs)):
        (before, head), (lab, text) = segs[i - 1], segs[i]
        if lab != "publisher":
            continue
        # (or the "&" ends the field before: MLA's "edited by ..., Simon &" | "Schuster," after a role phrase)
        if (
            text.lstrip().startswith("&")
            and before == "location"
            or head.rstrip().endswith("&")
            and before
            in (
                "location",
                "container-title",
                "note",
            )
        ):
            joined = head.rstrip() + " " + text.lstrip()
            return segs[: i - 1] + [("publisher", joined)] + segs[i + 1 :]
    return segs


# The end of a sentence inside a "publisher", and what may not end the words before it: an initial or a
# short abbreviation is a publisher's own ("W. W. Norton", "St. Martin's Press", "U.S. Govt. Printing").
_SENTENCE_CUT = rx.compile(r"\.\s+(?=[A-Z])")
_PUBLISHER_ABBREV = rx.compile(
    r"(?:^|[\s.])(?:[A-Z]|[A-Z]\.[A-Z]|St|Ste|Co|Corp|Inc|Ltd|Bros|Univ|Dept|Govt?|Natl|Intl|Assn|Assoc|Inst"
    r"|Publ?|Pubs|Mt|Ft|Dr|Jr|Sr)$"
)


_MEDIUM_WORDS = r"(?:(?:serial|monograph|database|homepage) on the )?Internet|[Oo]nline|en ligne|CD-ROM|DVD"
_MEDIUM_AFTER_TITLE = rx.compile(r"\s*\[(?P<m>" + _MEDIUM_WORDS + r")\](?P<end>\.?\s*)$", gated=True)
# Vancouver's web page or book with its place and publisher run into the title: "Sea sickness [Internet]. Leeds:
# Harbour Clinic;"
_MEDIUM_THEN_PUBLISHER = rx.compile(
    r"^(?P<title>.*\w.*?)\s*\[(?P<m>" + _MEDIUM_WORDS + r")\]\.\s+(?P<place>[A-Z][^:;\[\]]{1,40}?)\s*:\s*"
    r"(?P<pub>[^:;\[\]]*\w[^:;\[\]]*?)\s*[;.]?\s*$",
    gated=True,
)


def _publisher_after_medium(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule publisher-after-medium: Vancouver's "Harbour Clinic. Sea sickness [Internet]. Leeds: Harbour Clinic;
    2021 [cited 2022 Mar 3]." with the place and publisher in the title after its medium: the words after the
    bracket, "Place: Publisher;", are the place and the publisher."""
    if "]." not in raw:
        return segs  # (no bracket closes a sentence)
    for i, (lab, text) in enumerate(segs):
        m = _MEDIUM_THEN_PUBLISHER.match(text.strip()) if lab == "title" else None
        if m:
            new = [("title", m.group("title")), ("medium", m.group("m")), ("location", m.group("place"))]
            return [*segs[:i], *new, ("publisher", m.group("pub")), *segs[i + 1 :]]
    return segs


# Vancouver's and AMA's genre after the title: "[dissertation]", "[Masters Thesis]", "[CMS Technical Report #94-3]"
_GENRE_AFTER_TITLE = rx.compile(
    r"\s*\[(?P<m>[^\[\]]{0,60}\b(?:[Tt]hesis|[Dd]issertation|[Rr]eport|[Tt]h[èe]se|[Tt]esis|[Dd]isserta[çc][ãa]o)"
    r"\b[^\[\]]{0,40})\](?P<end>\.?\s*)$",
    gated=True,
)
# what each trailing bracket of a title is, tried in turn
_TITLE_BRACKETS = (("medium", _MEDIUM_AFTER_TITLE), ("genre", _GENRE_AFTER_TITLE))


def _medium_after_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Vancouver's and AMA's "Title [Internet]." (or "[serial on the Internet]", "[CD-ROM]"), "Title [dissertation]."
    (and both, "[en ligne] [Internet]"): each bracket is the work's medium or genre, no part of its title."""
    out: list[Segment] = []
    for lab, text in segs:
        tail: list[Segment] = []
        while lab == "title" and "]" in text:
            found = next(
                ((kind, m) for kind, pattern in _TITLE_BRACKETS if (m := pattern.search(text)) and m.start() > 0),
                None,
            )
            if found is None:
                break
            kind, m = found
            text = text[: m.start()] + m.group("end")
            tail.insert(0, (kind, m.group("m")))
        out += [(lab, text), *tail]
    return out


# A whole word's full stop, a sentence after it. (The stop first, then the look back at the word: the engine
# finds a pattern's first character fast, but tries a lookbehind at every position.)
_WORD_STOP = rx.compile(r"\.(?<=[a-z]{3}\.)\s+(?=[A-Z])")


def _title_tail_in_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Slab window effects at the Solomon Islands, SW Pacific. Earth and Planetary Science Letters" read with
    the title's last sentence as the journal's first: a journal right after the title whose last sentence
    names a journal ("... Letters", "... Research", "Cell ...") and whose words before it name none is the
    title's end, then the journal. Right after the names or the date, in a reference with no title labelled,
    those words are the title (Nature's "Nishita, T. & Kakimoto, M. Ray Tracing Patches. Computer Graphics 24")."""
    for i in range(1, len(segs)):
        lab, text = segs[i]
        before = segs[i - 1][0]
        if lab not in ("journal", "container-title") or before not in ("title", "author", "date"):
            continue
        cuts = list(_WORD_STOP.finditer(text))
        if not cuts:
            continue
        head, tail = text[: cuts[-1].start()], text[cuts[-1].end() :]
        words = head.split()
        # (abbreviated journals, "Phys. Rev. Lett", "Renew. Sustain. Energy Rev": a short word or a full stop
        # on either side of the cut)
        if (
            0 < len(words) <= 8
            and (len(words[-1]) >= 7 or (len(words) >= 2 and len(words[-1]) >= 5))
            and "." not in head
            and "." not in tail.rstrip(" .")  # ("Geomech. Eng., Int. J.": abbreviations on both sides)
            and _JOURNAL_WORD.search(tail)
            and not _JOURNAL_WORD.search(head)
        ):
            if before != "title":  # (no title labelled: the sentence is the title, of two words at least)
                if len(words) < 2 or any(other == "title" for other, _ in segs):
                    continue
                return segs[:i] + [("title", f"{head.strip()}."), (lab, tail)] + segs[i + 1 :]
            title = segs[i - 1][1].rstrip()
            return segs[: i - 1] + [("title", f"{title} {head.strip()}."), (lab, tail)] + segs[i + 1 :]
    return segs


# Small words a Title Case name leaves in small letters
_TITLE_CASE_SMALL = frozenset("of the and in on for to a an at by with de des du la le les di del der und für".split())


def _title_case_name(words: list[str]) -> bool:
    """ "Special Paper of the Geological Society of America": every word capitalised but the small ones."""
    return bool(words) and all(w[:1].isupper() or w.lower() in _TITLE_CASE_SMALL for w in words)


def _journal_in_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule journal-in-title: a title read on over a comma into the journal ("Mechanisms of crater
    sedimentation, Special Paper of the Geological Society of America, Issue 465"; "Attribute Grammars:
    Definitions, Systems and Bibliography, Lecture Notes in Computer Science, Vol. 323"): in a reference with
    no journal or container, the title's last comma part right before the volume, issue, pages or date, in
    Title Case and naming a journal or series, is the journal."""
    labs = [lab for lab, _ in segs]
    if "title" not in labs or {"journal", "container-title"} & set(labs):
        return segs
    i = labs.index("title")
    if labs[i + 1 : i + 2] not in (["volume"], ["issue"], ["pages"], ["date"]):
        return segs
    text = segs[i][1]
    head, sep, tail = text.rstrip(" ,.;:").rpartition(", ")
    words = tail.split()
    if (
        sep
        and len(head.split()) >= 3
        and 2 <= len(words) <= 12
        and _title_case_name(words)
        and (_JOURNAL_WORD.search(tail) or _SERIES_WORD.search(tail))
        and not _JOURNAL_WORD.search(head.rpartition(":")[2])
    ):
        return [*segs[:i], ("title", head + ","), ("journal", text[len(head) + len(sep) :]), *segs[i + 1 :]]
    return segs


_SERIES_WORD = rx.compile(r"\b(?:Lecture Notes|Series|Special Paper|Memoirs?|Monographs?|Papers)\b")


def _title_in_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """ "Smith, J. (2010). Data and society. Routledge." / "Franzen, Jonathan. Freedom. Farrar, Straus & Giroux,
    2010." read with the title as part of the publisher: in a reference with no title, a publisher right after
    the names or the date that holds a sentence's end begins with the title (cut at the last full stop that ends
    no initial or abbreviation)."""
    labs = [lab for lab, _ in segs]
    if "title" in labs or "publisher" not in labs or {"journal", "container-title"} & set(labs):
        return segs
    i = labs.index("publisher")
    if i == 0 or labs[i - 1] not in ("author", "date", "editor"):
        return segs
    text = segs[i][1]
    for m in reversed(list(_SENTENCE_CUT.finditer(text))):
        head = text[: m.start()].strip()
        if head and not _PUBLISHER_ABBREV.search(head):
            return segs[:i] + [("title", text[: m.end()].rstrip()), ("publisher", text[m.end() :])] + segs[i + 1 :]
    return segs


_YEAR_CLOSE = rx.compile(r"\s*" + YEAR_FRAGMENT + r"\s*[.:]?\s*")  # "1969." / "2008:" (pages follow)


def _closing_year(segs: list[Segment], labs: list[str]) -> int | None:
    """Where AMA's and Vancouver's closing "; 1969." / "; 2008:145-164." stands: the date segment, a year that
    closes the reference (pages at most after it), two segments or more after the start, right after a
    field that ends with ";"; None when the reference ends otherwise."""
    if "date" not in labs:
        return None
    d = labs.index("date")
    if d < 2 or labs[d + 1 :] not in ([], ["pages"]) or not _YEAR_CLOSE.fullmatch(segs[d][1]):
        return None
    return d if segs[d - 1][1].strip().endswith(";") else None


def _place_parts(text: str) -> bool:
    """ "Padua, Italy", "Nashville, TN", "Leeds": a city, maybe with its region or country."""
    parts = [p.strip() for p in text.strip(" ,.;:").split(",")]
    return _is_place(parts[0]) or (len(parts) == 2 and (_is_region(parts[1]) or _is_place(parts[1])))


def _semicolon_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """AMA's and Vancouver's books and chapters end "Publisher; 1969." (or "; 2008:145-164."): the field
    written right before a "; year" that closes the reference (pages at most after it) is the publisher, read
    as the place ("Ballantine;"), the journal ("Harcourt Brace Jovanovich;"), or the last sentence of the
    book's title ("Loving Neighbor: Ministry with Searching Youth. Xlibris;"). A journal is written
    "Journal. 2000;22:5-24" (a full stop before its year, a volume after it) and a place "London: Publisher;".
    """
    labs = [lab for lab, _ in segs]
    d = _closing_year(segs, labs)
    if "publisher" in labs or d is None:
        return segs
    lab, text = segs[d - 1]
    if lab not in ("location", "journal", "container-title"):
        return segs
    body = text.strip()[:-1].strip()
    if lab == "location":
        # (proceedings print their city alone: "Conference Record ... San Francisco, CA; 1995.", "Wiesbaden;")
        if ":" in body or not (_PUBLISHER.search(body) or _PUBLISHER_SHAPE.search(body)) or _place_parts(body):
            return segs
        return segs[: d - 1] + [("publisher", text)] + segs[d:]
    cut = text.rfind(". ")  # (the publisher's name may be lower case: "transcript", "de Gruyter")
    before = text[:cut].strip()
    if lab == "container-title" and cut >= 0 and before and not _PUBLISHER_ABBREV.search(before):
        head, tail = text[: cut + 1], text[cut + 1 :]
        if 0 < len(tail.split()) <= 6:
            return segs[: d - 1] + [(lab, head), ("location" if _place_parts(tail) else "publisher", tail)] + segs[d:]
    if lab == "journal" and cut < 0 and len(body.split()) <= 6 and segs[d - 2][0] in ("title", "edition"):
        return segs[: d - 1] + [("publisher", text)] + segs[d:]
    return segs


def _publisher_last_sentence(segs: list[Segment], raw: str) -> list[Segment]:
    """AMA's and Vancouver's "Publisher; 1986:51-62." with the sentence before it read into the publisher
    ("Culture, Society, and Menstruation. Hemisphere Publishing Corporation;"): the publisher is the last
    sentence before "; year"; the one before it is the chapter's book (after its editors), or ends the title
    or the book it follows."""
    labs = [lab for lab, _ in segs]
    d = _closing_year(segs, labs)
    if d is None or labs[d - 1] != "publisher":
        return segs
    text = segs[d - 1][1].strip()
    cut = text.rfind(". ")
    if cut < 0:
        return segs
    before, tail = text[: cut + 1], text[cut + 2 :]
    if _PUBLISHER_ABBREV.search(before[:-1]) or not 0 < len(tail.split()) <= 6:
        return segs
    lab, prev = segs[d - 2]
    if lab == "editor" and "container-title" not in labs:
        moved = [("editor", prev), ("container-title", before)]
    elif lab in ("title", "container-title"):
        moved = [(lab, prev.rstrip() + " " + before)]
    else:
        return segs
    return segs[: d - 2] + moved + [("publisher", tail)] + segs[d:]


# A title's last sentence that can be a publisher's name: up to five capitalised words ("Scribner", "W. W.
# Norton", "Simon & Schuster")
_PUBLISHER_SENTENCE = rx.compile(
    r"^(?P<title>.*\w[\w)?!'’”]\.)\s+(?P<pub>[A-Z][\w.'’\-]*(?:\s+(?:[A-Z&][\w.'’\-]*)){0,4})\.?$"
)


def _cut_out(segs: list[Segment], raw: str, start: int, end: int) -> list[Segment] | None:
    """The segments without the stretch ``raw[start:end]`` (a segment that begins before it keeps its words
    before it; one inside or after it is dropped); None when a segment is not in ``raw`` as written."""
    where = _locate(segs, raw)
    if any(a < 0 for a, _ in where):
        return None
    out: list[Segment] = []
    for (lab, text), (a, b) in zip(segs, where):
        if b <= start or a >= end:
            out.append((lab, text))
        elif a < start and rx.search(r"\w", raw[a:start]):
            out.append((lab, raw[a:start].strip()))
    return out


def _original_work(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule original-work: APA's "(Original work published 1925)" is the work's original date, wherever the
    labeller put it: read as a note, it took the publisher before it into the note ("International
    Universities Press. (Original work published 1936)") or left the publisher in the title ("The great
    Gatsby. Scribner.") or read it as a journal ("Penguin Classics."). The phrase becomes the original date;
    the words before it in its segment, a title's last short sentence, or a journal with no volume or pages,
    are the publisher when the reference names none."""
    m = _ORIGINAL_WORK.search(raw) if "ublished" in raw else None
    out = _cut_out(segs, raw, m.start(), m.end()) if m else None
    if m is None or out is None:
        return segs
    publisher = any(lab == "publisher" for lab, _ in out)
    if out and not publisher:
        lab, text = out[-1]
        sentence = _PUBLISHER_SENTENCE.match(text.strip()) if lab == "title" else None
        # (a republished work is a book: a "journal" with no volume or pages before the phrase is its publisher)
        figures = any(x in ("volume", "issue", "pages") for x, _ in out)
        if lab == "note" and not rx.search(r"\d", text) or lab in ("journal", "container-title") and not figures:
            out[-1] = ("publisher", text)
        elif sentence:
            out[-1:] = [("title", sentence.group("title")), ("publisher", sentence.group("pub"))]
    return [*out, ("original-date", m.group("d"))]


# Nature's book: "(Publisher, Place, Year)." at the end ("(Vale & Vale, Linda a Velha, 2000).", "(Society of
# Automotive Engineers, Warrendale, PA, 1973).")
_NATURE_IMPRINT = rx.compile(
    r"\((?P<pub>[^():]*?[^\W\d][^():]*?),\s+(?P<place>[" + _UPC + r"][^(),:\d]*?(?:,\s*[A-Z]{2,3}){0,2}),\s+"
    r"(?P<year>" + YEAR_FRAGMENT + r")\)\.?\s*$"
)
_PLACE_CODE = rx.compile(r"[A-Z][A-Za-z]{1,2}\.?")  # a state's or country's code alone: "CA", "NY", "Md."


_COUNTRIES = (
    _REGION
    | {"us", "egypt", "south", "africa"}  # (as the list was first written: "south africa" split in two words)
    | frozenset(  # and the states of the United States written out (not New York: the city is meant)
        "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho "
        "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
        "mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah "
        "vermont virginia wisconsin wyoming".split()
        + [
            "new jersey",
            "new mexico",
            "new hampshire",
            "north carolina",
            "south carolina",
            "north dakota",
            "south dakota",
            "rhode island",
            "west virginia",
        ]
    )
)


def _nature_imprint(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule nature-imprint: Nature's book and chapter end "(Publisher, Place, Year).", which the labeller cut
    anywhere ("Vale & Vale, Linda a Velha" as the place, "Biblioteca Ayachuco, Caracas" as the publisher): the
    parenthesis' parts are the publisher, the place (with a state's code) and the year."""
    if not raw.rstrip(". ").endswith(")"):
        return segs
    m = _NATURE_IMPRINT.search(raw)
    if m is None:
        return segs
    pub, place = m.group("pub"), m.group("place")
    if place.split(",")[0].strip().lower() in _COUNTRIES and "," in pub:
        # a city then its state or country: "(Prentice-Hall, Inc, Englewood Cliffs, New Jersey, 1983)"
        pub, city = pub.rsplit(",", 1)
        place = city.strip() + ", " + place
    if not _imprint_reads(pub, place):
        return segs
    out = _cut_out(segs, raw, m.start(), m.end())
    if out is None or any(lab == "publisher" for lab, _ in out):
        return segs
    return [*out, ("publisher", pub), ("location", place), ("date", m.group("year"))]


def _imprint_reads(pub: str, place: str) -> bool:
    """Whether "(pub, place, year)" reads as a publisher and its place: not a city and its state or country
    ("(Nashville, TN, 1999)", "(Padua, Italy, 1996)"), nor a body and its department ("(Department of Computer
    Science, Brigham Young University, 1995)")."""
    if _PLACE_CODE.fullmatch(place.strip()) or all(w in PLACE_WORDS for w in pub.lower().split()):
        return False
    if _PUBLISHER_NAME.search(place):
        return False  # (the place first: "(New York, Vintage Books, 1994)")
    return not is_organisation(place) and place.split(",")[0].strip().lower() not in _COUNTRIES


# IEEE's name, initials first: "L. Quist", "J.-P. de la Tour"
_INITIALS_FIRST = rx.compile(r"(?:[" + _UPC + r"]\.\s?-?)+\s*(?:" + _PARTICLE + r"\s+)*[" + _UPC + r"][\w'’\-]+")
_NAME_SEPARATOR = rx.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _title_as_last_name(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule title-as-last-name: IEEE's book "L. Quist, Tide Mills, 2nd ed. London, U.K.: Riverside Press,
    1999." with its title, which IEEE sets in italics and not in quotes, read as one more name ("Mills,
    Tide"): in a reference with no title, names written initials first and then, after their comma, words
    that are no such name are those names and the title."""
    labs = [lab for lab, _ in segs]
    if "title" in labs or "author" not in labs:
        return segs
    i = labs.index("author")
    text = segs[i][1].strip().rstrip(",")
    pieces = _NAME_SEPARATOR.split(text)
    if len(pieces) < 2 or not all(_INITIALS_FIRST.fullmatch(p.strip()) for p in pieces[:-1]):
        return segs
    last = pieces[-1].strip()
    if _INITIALS_FIRST.fullmatch(last) or not rx.match(r"[" + _UPC + r"\d](?![.\-])", last) or ":" in last:
        return segs  # (a name cut short, "W." or "S.-C.", or a journal after a colon, "D. M. Wiles: J. Appl")
    if i + 1 < len(segs) and segs[i + 1][0] in ("journal", "container-title", "volume", "pages"):
        return segs  # (a journal's name: "C. L. Armstrong, Maize Genet. Coop. News Letter, vol. 59")
    cut = text.rfind(last)
    return [*segs[:i], ("author", text[:cut].rstrip(" ,")), ("title", segs[i][1].strip()[cut:]), *segs[i + 1 :]]


# APA's date in parentheses and its full stop: "(n.d.).", "(2020).", "(2020, May 3)."
_APA_DATE = r"\((?:n\.\s?d\.|" + YEAR_FRAGMENT + r"(?:,\s*[^()]{3,20})?)\)\."
# APA's opening, the names, then the date in parentheses: "Oxford University Press. (n.d.). Gull.",
# "Merriam-Webster. (2020, May 3)."
_APA_LEAD_DATE = rx.compile(r"^(?P<names>[^()]*?\S[.\]])?\s*(?P<date>" + _APA_DATE + r")\s*(?P<rest>.*)$")
# A reference work's entry: "Culture. In Merriam-Webster.com dictionary." (what may follow it: the access stamp)
_WORK_AND_STAMP = r"In\s+(?P<work>\S.*?\.)(?:\s+(?P<stamp>(?:Retrieved|Accessed)\b.*))?$"
_ENTRY_IN_WORK = rx.compile(r"^(?P<title>[^.]+\.)\s+" + _WORK_AND_STAMP)
_WORK_THEN_STAMP = rx.compile(_WORK_AND_STAMP)  # (the title read on its own before it)


def _apa_lead_date(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule apa-lead-date: APA's "Oxford University Press. (n.d.). Gull. In Oxford English dictionary.
    Retrieved ..." with the date inside the first field the labeller read ("Oxford University Press. (n.d.).
    Gull." as the publisher) or opening the second ("(n.d.). Culture. In Merriam-Webster.com dictionary.
    Retrieved September 9, 2019, from" as one note): the names before the date in parentheses are the author,
    the date the date, and the words after it the title; a title then "In" a work is an entry in that work (a
    dictionary's or encyclopaedia's), the access stamp after it a note."""
    labs = [lab for lab, _ in segs]
    if "date" in labs[:2] or ")." not in raw:
        return segs  # (APA's date is "(...)." and mostly read as one)
    for i in range(min(2, len(segs))):
        m = _APA_LEAD_DATE.match(segs[i][1].strip())
        if m is None or (i == 0) != bool(m.group("names")) or (i == 1 and labs[0] != "author"):
            continue
        new: list[Segment] = [("author", m.group("names"))] if i == 0 else []
        new.append(("date", m.group("date")))
        rest = m.group("rest")
        if rest:
            new.append(("title" if "title" not in labs else segs[i][0], rest))
        return [*segs[:i], *new, *segs[i + 1 :]]
    return segs


def _entry_in_work(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule entry-in-work: an entry in a dictionary or encyclopaedia, APA's "Title. In Work. Retrieved ...":
    read as one note with no title ("Culture. In Merriam-Webster.com dictionary. Retrieved ..."), the title
    and the work as a note after it ("Gull." | "In Oxford English dictionary."), or, with no author ("Gull.
    (2021, March 3). In Wikipedia."), the title as the author: the words before "In" are the title, the work
    after it the container, the stamp a note."""
    if " In " not in raw:
        return segs
    labs = [lab for lab, _ in segs]
    if "container-title" in labs or "journal" in labs:
        if "title" not in labs and labs[:2] == ["author", "date"] and _in_work(segs):
            return [("title", segs[0][1]), *segs[1:]]  # (no author: the title first)
        return segs
    for i, (lab, text) in enumerate(segs):
        if lab not in ("note", "title", "publisher"):
            continue
        entry = _ENTRY_IN_WORK.match(text.strip())
        if entry and "title" not in labs[:i] + labs[i + 1 :]:
            return [*segs[:i], ("title", entry.group("title")), *_work_and_stamp(entry), *segs[i + 1 :]]
        work = _WORK_THEN_STAMP.match(text.strip()) if lab == "note" and i and labs[i - 1] == "title" else None
        if work:  # ("Gull." | "In Oxford English dictionary. Retrieved May 1, 2021, from")
            return [*segs[:i], *_work_and_stamp(work), *segs[i + 1 :]]
    return segs


def _work_and_stamp(m: rx.Match[str]) -> list[Segment]:
    """The reference work an entry is in, and the access stamp after it (a note)."""
    return [("container-title", m.group("work")), *([("note", m.group("stamp"))] if m.group("stamp") else [])]


def _in_work(segs: list[Segment]) -> bool:
    """Whether a container is written "In Work" (a reference work's entry, APA's "In Wikipedia.") and
    nothing names editors (a chapter's "In K. Lee (Ed.), Book")."""
    return any(
        lab == "container-title" and rx.match(r"In\s+[A-Z]", text.strip()) and not _ROLE_WORD.search(text)
        for lab, text in segs
    )


# The last name of a list and its role opening the title: "Chapman, eds. 1965. New Decision-Making Tools"
_NAME_ROLE_HEAD = rx.compile(
    r"^(?P<names>[" + _UPC + r"][\w'’\-]+(?:\s[" + _UPC + r"][\w'’\-]+)?,\s+(?:eds?|editors?|comps?)\.?)"
    r"(?:\s+(?P<year>" + YEAR_FRAGMENT + r"\.))?\s+(?P<title>\S.*)$"
)
# A name list cut after the given name of its last name: "Bursk, Edward C., and John F."
_GIVEN_AFTER_AND = rx.compile(r"(?:,|\s)\s*(?:and|&)\s+[" + _UPC + r"][\w'’\-]*\.?(?:\s+[" + _UPC + r"]\.)*\s*$")


def _names_end_in_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule names-end-in-title: Chicago's and MLA's edited book "Bursk, Edward C., and John F. Chapman, eds.
    1965. New Decision-Making Tools for Managers." cut after "John F.", the last family name and "eds." read
    into the title: a name list that ends with "and" and a given name, before a title that opens with a word,
    a comma and a role, is the editors' list with that word and role."""
    if len(segs) < 2 or segs[0][0] != "author" or segs[1][0] != "title":
        return segs
    if not (" and " in segs[0][1] or "&" in segs[0][1]) or not _GIVEN_AFTER_AND.search(segs[0][1]):
        return segs
    m = _NAME_ROLE_HEAD.match(segs[1][1].strip())
    if m is None:
        return segs
    new: list[Segment] = [("author", segs[0][1].rstrip() + " " + m.group("names"))]
    new += [("date", m.group("year"))] if m.group("year") else []
    return [*new, ("title", m.group("title")), *segs[2:]]


_INITIALS_ONLY = rx.compile(r"(?:[A-Z]\.\s?){1,3}")


def _article_opens_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule article-opens-publisher: "The New American Library." cut into the journal "The", the place "New"
    and the publisher "American Library", and MLA's "Translated by Emily Wilson, W. W. Norton" with "W. W." as
    the book: a journal that is an article or initials alone, before a place or publisher, opens the
    publisher's name (no journal is named "The" or "W. W."), and the words up to the publisher are its own."""
    for i, (lab, text) in enumerate(segs):
        opening = text.strip(" .,") in ("The", "A", "An") or _INITIALS_ONLY.fullmatch(text.strip(" ,"))
        if lab in ("journal", "container-title") and opening:
            end = i + 1
            while end < len(segs) and segs[end][0] == "location":
                end += 1
            if end < len(segs) and segs[end][0] == "publisher":
                joined = " ".join(t.strip() for _, t in segs[i : end + 1])
                return [*segs[:i], ("publisher", joined), *segs[end + 1 :]]
            return segs
    return segs


# A publisher's name: its kind of firm ("Press", "Verlag", "Publishers", "Company", "Inc.") or a person's name
# written initials first ("W.H. Freeman", "W. W. Norton"); not a periodical's ("Journal", "Review" ...)
_PUBLISHER_NAME = rx.compile(
    r"(?i:\b(?:press|verlag|publish(?:ers?|ing)|publications|books|house|[ée]ditions|company|co|corp(?:oration)?"
    r"|inc|ltd|gmbh|llc)\b\.?)|^(?!J\.\s?[A-Z][a-z]+\.)(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?:\W*$|,)"
)
_PERIODICAL_WORD = rx.compile(
    r"(?i:\b(?:journal|review|proceedings|transactions|bulletin|magazine|letters|quarterly|annals|newsletter|"
    r"times|news|gazette|herald|post)\b)"
)


def _publisher_as_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule publisher-as-journal: a book's publisher read as the journal ("Garey, M.R., Johnson, D.S.:
    Computers and intractability. W.H. Freeman (1979)", "“Farbmessung”, Verlag Beruf und Schule, Itzehoe
    (1989)"): in a reference with a title and no volume, issue, pages or publisher, a journal named as a
    publisher is (and no periodical's word) is the publisher."""
    labs = [lab for lab, _ in segs]
    if "title" not in labs or {"volume", "issue", "pages", "publisher"} & set(labs):
        return segs
    for i, (lab, text) in enumerate(segs):
        if lab not in ("journal", "container-title") or text.lstrip().startswith(("In ", "in ")):
            continue
        name = text.strip(" ,;:")  # (its full stop kept: "J. Bacteriol." is a journal's abbreviation)
        if _PUBLISHER_NAME.search(name) and not _PERIODICAL_WORD.search(name) and not name.endswith(("l.", "ol.")):
            return [*segs[:i], ("publisher", text), *segs[i + 1 :]]
        return segs
    return segs


# The kind of a work, as it stands beside a publisher's name: "Dissertation. Universität Kassel", "NASA, Tech.
# Rep.", "Press release" (built from the title tail's _DOCTORAL and _KIND_TAIL; see _KIND_WORD)
_KIND_PHRASE = (
    r"(?:" + _DOCTORAL + "|" + _KIND_TAIL + r"|[Dd]issertation|[Tt]hesis|[Pp]ress [Rr]elease|[Ww]orking [Pp]aper)"
)
_KIND_BEFORE = rx.compile(r"^(?P<kind>" + _KIND_PHRASE + r")\.?\s*[.,]\s+(?P<rest>\S.*)$")
_KIND_AFTER = rx.compile(r"^(?P<rest>.*?\w)\s*,\s*(?P<kind>" + _KIND_PHRASE + r")\.?\s*[.,]?$")
_KIND_ALONE = rx.compile(_KIND_PHRASE + r"\.?")
# (each phrase holds one of them, compared with the lower-cased string)
_KIND_KEYS = ("thes", "dissertation", "technical", "tech.", "release", "working paper", "manuscript", "preprint")


def _genre_in_publisher(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule genre-in-publisher: the kind of work read with its publisher, "Title. Dissertation. Universität
    Kassel." (the publisher "Dissertation. Universität Kassel"), IEEE's "NASA, Tech. Rep., 1988." (the journal
    "NASA, Tech. Rep"), or alone as the publisher ("Press release."): the kind is the genre, the rest the
    publisher, in a reference with no genre."""
    low = raw.lower()
    if not any(word in low for word in _KIND_KEYS) or any(lab == "genre" for lab, _ in segs):
        return segs  # (most references name no kind of work)
    for i, (lab, text) in enumerate(segs):
        if lab not in ("publisher", "journal", "container-title", "note"):
            continue  # (a note: MLA's "2022. University of Harbour, PhD dissertation.")
        t = text.strip()
        if lab == "publisher" and _KIND_ALONE.fullmatch(t):
            return [*segs[:i], ("genre", text), *segs[i + 1 :]]
        before = _KIND_BEFORE.match(t) if lab != "note" else None
        m = before or _KIND_AFTER.match(t)
        # (a note's kind only after its institution: "Preprint, arXiv:1306.5364, 2013." stays a note)
        if m and rx.search(r"[A-Za-z]", m.group("rest")) and not (lab == "note" and rx.search(r"\d", m.group("rest"))):
            pair = [("genre", m.group("kind")), ("publisher", m.group("rest"))]
            return [*segs[:i], *(pair if before else pair[::-1]), *segs[i + 1 :]]
    return segs


# A names list's truncation opening the title: "and others. Gull Roosts", "et al. Gull Roosts"
_TRUNCATION_HEAD = rx.compile(r"^(?P<mark>,?\s*(?:and\s+others|et\s+al\.?|…|\.\.\.)\.?)\s+(?P<rest>\S.*)$")


def _truncation_opens_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule truncation-opens-title: "Smith, John, and others. Gull Roosts." with "and others." read into the
    title: a truncation mark that opens the title after the names ends the names (kept as a truncation, which
    the style renders as it renders more names than it shows)."""
    if not ("others" in raw or "et al" in raw or "..." in raw or "…" in raw):
        return segs
    for i in range(1, len(segs)):
        if segs[i][0] == "title" and segs[i - 1][0] in ("author", "editor"):
            m = _TRUNCATION_HEAD.match(segs[i][1].strip())
            if m:
                names = (segs[i - 1][0], segs[i - 1][1].rstrip() + " " + m.group("mark").strip())
                return [*segs[: i - 1], names, ("title", m.group("rest")), *segs[i + 1 :]]
            return segs
    return segs


# APA's work with no author, its title first: "Italian Olympic Team to train at WFU. (1995, March)."
_TITLE_THEN_APA_DATE = rx.compile(r"^(?P<head>[^(),;&]+?[\w?!”\"][.?!])\s+" + _APA_DATE)
_INITIAL = rx.compile(r"(?:^|\s)[A-Z]\.")
# The lower-case words an organisation's name is joined with ("Department of Health and Human Services")
_NAME_JOINERS = frozenset("of and for the on in at de du des la le et für und".split())


def _title_before_date(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule title-before-date: APA's work with no author, "Italian Olympic Team to train at WFU. (1995,
    March). Wake Forest University Magazine", read with its first words as the author: the sentence before the
    date in parentheses, with no comma, no initial and at least four words, and no organisation's name, is the
    title (a name list has commas or initials)."""
    if len(segs) < 3 or segs[0][0] != "author" or segs[1][0] != "title" or segs[2][0] != "date":
        return segs
    m = _TITLE_THEN_APA_DATE.match(raw.strip())
    if m is None or _INITIAL.search(m.group("head")) or len(m.group("head").split()) < 4:
        return segs
    head = m.group("head")
    if is_organisation(head) and all(w in _NAME_JOINERS for w in rx.findall(r"\b[a-zà-ÿ]\w*", head)):
        return segs  # ("United States Department of Health and Human Services. (2017).": the author)
    joined = segs[0][1].rstrip() + " " + segs[1][1].lstrip()
    if joined.strip() != m.group("head").strip():
        return segs
    return [("title", joined), *segs[2:]]


# A name written given name first, "Minkee Park", "Mary K. Lee", "VlatkoVedral" (glued)
# (no title's words: "The Dead and Their Gifts.")
_GIVEN_FIRST = (
    r"(?!(?:The|A|An|Their|His|Her|Its|Our|This|That|These|Those|On|In|Of|For|To|From|With|Why|How|What)\b)"
    r"["
    + _UPC
    + r"][a-zà-ÿ'’\-]+(?:\s["
    + _UPC
    + r"]\.)?(?:\s?(?!(?:The|Their|His|Her|Its|Our)\b)["
    + _UPC
    + r"][a-zà-ÿ'’\-]+){1,2}"
)
_GIVEN_FIRST_RUN = rx.compile(
    r"^(?P<names>" + _GIVEN_FIRST + r"(?:\s*,\s*" + _GIVEN_FIRST + r")*\s*,?\s+(?:and|&)\s+" + _GIVEN_FIRST + r")"
    r"\s*(?P<sep>[.,:])\s*(?P<rest>\S.*)$"
)


def _names_run_into_title(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule names-run-into-title: "Euntai Kim, Minkee Park, Seunghwan Ji and Mignon Park. A New Approach ..."
    cut after the first name: after names written given name first and a comma, a title that opens with more
    such names, "and" before the last, then a full stop, comma or colon, opens with the rest of the list."""
    if len(segs) < 2 or segs[0][0] != "author" or segs[1][0] != "title" or not segs[0][1].rstrip().endswith(","):
        return segs
    if not rx.fullmatch(_GIVEN_FIRST + r"(?:\s*,\s*" + _GIVEN_FIRST + r")*\s*,", segs[0][1].strip()):
        return segs
    m = _GIVEN_FIRST_RUN.match(segs[1][1].strip())
    if m is None:
        return segs
    names = segs[0][1].rstrip() + " " + m.group("names") + m.group("sep")
    return [("author", names), ("title", m.group("rest")), *segs[2:]]


# A date that runs on into the page after its year: "(1987) 1684.", "2011)1845", "1984, 1802."
_DATE_THEN_PAGE = rx.compile(
    r"^(?P<date>.*?\b" + YEAR_FRAGMENT + r"\)?)\s*[,;:]?\s*(?P<page>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\.?$"
)
# German's page cue left as a note: "Seite 203", "S. 12-19"
_GERMAN_PAGES = rx.compile(r"^(?:Seiten?|S\.)\s*\d+(?:\s*[-–]\s*\d+)?\.?$")


def _pages_in_date(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule pages-in-date: the physics and law forms "J. Phys. Soc. Jpn. 56 (1987) 1684.", "NJW 1984, 1802."
    with the page read into the date, and German's "Seite 203" read as a note: in a reference with a journal
    and no pages, a number after the date's year (after a space or comma: not a range of years) is the page."""
    labs = [lab for lab, _ in segs]
    if "pages" in labs or not ({"journal", "container-title"} & set(labs)):
        return segs
    for i, (lab, text) in enumerate(segs):
        if lab == "note" and _GERMAN_PAGES.match(text.strip()):
            return [*segs[:i], ("pages", rx.sub(r"^(?:Seiten?|S\.)\s*", "", text.strip())), *segs[i + 1 :]]
        m = _DATE_THEN_PAGE.match(text.strip()) if lab == "date" else None
        year = find_year(m.group("date")) if m else None
        # (not the year again, "Technology 2001, 2001."; nor after a page read as an old year, "127: 1607, 2000.")
        if m and year and year >= 1800 and m.group("page") != str(year) and not month_and_day(m.group("date")):
            return [*segs[:i], ("date", m.group("date")), ("pages", m.group("page")), *segs[i + 1 :]]
    return segs


# A series' number then the volume in one volume: "2 6:" after "..., Serie", "2) 6," after "(Section", "(5) 74"
_SERIES_THEN_VOLUME = rx.compile(r"^(?P<series>\(?\d{1,2}\)?)\s+(?P<volume>\d{1,4}\b.*)$")
_SERIES_WORD_END = rx.compile(r"(?i:\b(?:s[ée]ries?|ser\.|section|sect\.|folge|reihe|ser)\s*\(?$)")


def _series_then_volume(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule series-then-volume: "Bulletin de l'Herbier Boissier, Serie 2 6: 18-22" and "Acad. Roy. Belg. Bull.
    Cl. Sci. (5) 74 (1988)" with the series' number and the volume read as one volume ("26", "574"): a number
    after the journal's "Serie", "Section" or "(" or in parentheses, then the volume, is the journal's series."""
    for i in range(1, len(segs)):
        (jlab, journal), (lab, text) = segs[i - 1], segs[i]
        if lab != "volume" or jlab not in ("journal", "container-title"):
            continue
        if " " not in text.strip():
            return segs  # (one number: most volumes)
        m = _SERIES_THEN_VOLUME.match(text.strip())
        if m is None:
            return segs
        series = m.group("series")
        open_paren = journal.rstrip().endswith("(") or series.startswith("(")
        # (without a series word, one digit in parentheses: "Asian Survey (29) 4" gives the volume and issue)
        one_digit = len(series.strip("()")) == 1
        if not (_SERIES_WORD_END.search(journal.rstrip()) or open_paren and series.endswith(")") and one_digit):
            return segs
        joined = journal.rstrip() + (" " if not journal.rstrip().endswith("(") else "") + series
        return [*segs[: i - 1], (jlab, joined), ("volume", m.group("volume")), *segs[i + 1 :]]
    return segs


# MLA's government author, the country then the body: "United States, Department of Labor."
_GOVERNMENT = rx.compile(r"^(?:United States|United Kingdom|U\.S\.|Canada|Australia|New Zealand|Ireland|India),?$")
_BODY_HEAD = rx.compile(
    r"^(?P<body>(?:(?:U\.S\.|National|Federal|State)\s+)?(?:Department|Dept\.|Ministry|Office|Bureau|Agency|"
    r"Congress|Senate|House|Parliament|Census|Environmental|Centers)\b[^.]*?\.)\s+(?P<rest>\S.*)$"
)


def _government_author(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule government-author: MLA's "United States, Department of Labor. Report on Coastal Jobs. ..." read as
    the author "United States" (then "States, United") and a title opening with the body: the country and the
    body are one author, an organisation."""
    if len(segs) < 2 or segs[0][0] != "author" or len(segs[0][1]) > 16 or not _GOVERNMENT.match(segs[0][1].strip()):
        return segs
    m = _BODY_HEAD.match(segs[1][1].strip())
    if m is None:
        return segs
    author = segs[0][1].strip() + " " + m.group("body")  # (as written: "United States Department of Energy.")
    return [("author", author), (segs[1][0], m.group("rest")), *segs[2:]]


# An article's status after its journal, as Chicago writes it: "Frontiers in Immunology, ahead of print."
_STATUS_END = rx.compile(
    r"^(?P<journal>.*?\w[.)]?)\s*,\s*(?P<status>ahead of(?: print)?|advance online publication|in press|forthcoming)"
    r"\W*$",
    rx.I,
)


_STATUS_KEYS = ("head of", "dvance online", "n press", "orthcoming")  # (either case of the first letter)


def _status_ends_journal(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule status-ends-journal: Chicago's article published online first, "Research Information, ahead of
    print, 2009." read with the status in the journal's name (or the two as the genre): the status is the
    article's (CSL's "status"), the rest the journal. ("ahead of" | "print. https://..." keeps its cut.)"""
    if not any(key in raw for key in _STATUS_KEYS):
        return segs
    for i, (lab, text) in enumerate(segs):
        if lab in ("journal", "container-title", "genre"):
            m = _STATUS_END.match(text.strip())
            if m:
                status = m.group("status") + (" print" if m.group("status").lower() == "ahead of" else "")
                return [*segs[:i], ("journal", m.group("journal")), ("status", status), *segs[i + 1 :]]
    return segs


# A day of the month before its month and year, MLA's "12 May 2019"
_MONTH_YEAR = rx.compile(r"(?i:" + MONTH_NAMES + r")\.?\s+(?:1[5-9]|20)\d\d\b")


_FIGURE_LABELS = frozenset(("volume", "issue", "pages"))


def _day_read_as_volume(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule day-read-as-volume: MLA's "The Atlantic, 12 May 2019," read as the volume "12" and the date "May
    2019": a bare number up to 31 (no "vol.", no comma after it) right before a date that opens with its month
    and year, or is a month alone after the year, is that date's day; so is one between a month and a year
    ("Oct." | "2," | "2007.")."""
    labs = [lab for lab, _ in segs]
    if not any(a in _FIGURE_LABELS and b == "date" for a, b in zip(labs, labs[1:])):
        return segs  # (no number read right before a date)
    for i in range(len(segs) - 1):
        (lab, text), (nlab, date) = segs[i], segs[i + 1]
        if lab in _FIGURE_LABELS and nlab == "date" and rx.fullmatch(r"\s*(?:0?[1-9]|[12]\d|3[01])\s*", text):
            # (or a month alone when a date before it has the year: Harvard's "(2020) ... BBC News, 4 May.")
            dated = any(x == "date" and find_year(t) for x, t in segs[:i])
            if _MONTH_YEAR.match(date.lstrip()) or dated and month_and_day(date):
                return [*segs[:i], ("date", text.strip() + " " + date.lstrip()), *segs[i + 2 :]]
        # the day between the month and the year: "Oct." | "2," | "2007." (month first, as Americans write it)
        if 0 < i and lab in ("volume", "issue") and nlab == "date" and segs[i - 1][0] == "date":
            month = month_and_day(segs[i - 1][1])
            if (
                month
                and len(month) == 1
                and rx.fullmatch(r"\s*(?:0?[1-9]|[12]\d|3[01]),?\s*", text)
                and find_year(date)
            ):
                joined = " ".join(t.strip() for _, t in segs[i - 1 : i + 2])
                return [*segs[: i - 1], ("date", joined), *segs[i + 2 :]]
    return segs


# MLA's names then the title in one segment: "Morrison, Toni. Beloved." (a given name that is a word, its full
# stop, a capitalised word)
_NAMES_THEN_TITLE = rx.compile(
    r"^(?P<names>[" + _UPC + r"][\w'’\-]+(?:\s[\w'’\-]+)?,\s+[" + _UPC + r"][a-zà-ÿ'’\-]+(?:\s+[" + _UPC + r"]\.)*\.)"
    r"\s+(?P<title>[" + _UPC + r"\d\"“].*\S)\s*$"
)


def _title_in_names(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule title-in-names: MLA's "Morrison, Toni. Beloved. 1987. Vintage International, 2004." with the title
    read into the one author's name ("Toni. Beloved" the given name) and no title: one name written family
    first with a given name that is a word, its full stop, then the title."""
    if not segs or segs[0][0] != "author" or any(lab == "title" for lab, _ in segs):
        return segs
    m = _NAMES_THEN_TITLE.match(segs[0][1].strip())
    if m is None:
        return segs
    return [("author", m.group("names")), ("title", m.group("title")), *segs[1:]]


def _original_date_first(segs: list[Segment], raw: str) -> list[Segment]:
    """Rule original-date-first: MLA's republished book, "Beloved. 1987. Vintage International, 2004.": a year
    between the title and the publisher, and another after the publisher, is the original date (the second
    had been lost: the first date read is the work's)."""
    labs = [lab for lab, _ in segs]
    if labs.count("date") != 2 or "publisher" not in labs:
        return segs
    first, second = (i for i, lab in enumerate(labs) if lab == "date")
    if not (0 < first and labs[first - 1] == "title" and labs[first + 1] == "publisher" and second > first + 1):
        return segs
    if not (_YEAR_ONLY.match(segs[first][1]) and _YEAR_ONLY.match(segs[second][1])):
        return segs
    return [*segs[:first], ("original-date", segs[first][1]), *segs[first + 1 :]]


# Field boundaries the labeller gets wrong in whole kinds of references, mended by layout; in this order,
# each rule sees what the ones before it made.
_REPAIR_RULES: tuple[tuple[str, Callable[[list[Segment], str], list[Segment]]], ...] = (
    ("vancouver-lead", _vancouver_lead),
    ("organisation-lead", _organisation_lead),
    ("government-author", _government_author),
    ("initial-names-end", _initial_names_end),
    ("repeat-sign-then-title", _repeat_sign_then_title),
    ("title-head-in-names", _title_head_in_names),
    ("journal-word-in-names", _journal_word_in_names),
    ("caps-names-in-title", _caps_names_in_title),
    ("no-date", _no_date),
    ("original-work", _original_work),
    ("nature-imprint", _nature_imprint),
    ("apa-lead-date", _apa_lead_date),
    ("title-before-date", _title_before_date),
    ("entry-in-work", _entry_in_work),
    ("title-in-names", _title_in_names),
    ("names-end-in-title", _names_end_in_title),
    ("truncation-opens-title", _truncation_opens_title),
    ("names-run-into-title", _names_run_into_title),
    ("title-as-last-name", _title_as_last_name),
    ("original-date-first", _original_date_first),
    ("day-read-as-volume", _day_read_as_volume),
    ("year-in-names", _year_in_names),
    ("stray-date-word", _stray_date_word),
    ("published-online", _published_online),
    ("url-tail-stamp", _url_tail_stamp),
    ("stamps", _stamps),
    ("quoted-title-end", _quoted_title_end),
    ("book-in-title", _book_in_title),
    ("editors-after-book", _editors_after_book),
    ("book-after-title", _book_after_title),
    ("presented-at", _presented_at),
    ("open-title-end", _open_title_end),
    ("year-ends-title", _year_ends_title),
    ("year-ends-container", _year_ends_container),
    ("publisher-in-place", _publisher_in_place),
    ("publisher-in-container", _publisher_in_container),
    ("preprint-mark", _preprint_mark),
    ("journal-opening-in-title", _journal_opening_in_title),
    ("publisher-after-journal", _publisher_after_journal),
    ("kind-ends-title", _kind_ends_title),
    ("publisher-in-one-piece", _publisher_in_one_piece),
    ("lead-in-container", _lead_in_container),
    ("book-in-editors", _book_in_editors),
    ("title-end-in-place", _title_end_in_place),
    ("page-read-as-date", _page_read_as_date),
    ("pages-in-date", _pages_in_date),
    ("series-then-volume", _series_then_volume),
    ("month-ends-journal", _month_ends_journal),
    ("volume-of-series", _volume_of_series),
    ("genre-as-field", _genre_as_field),
    ("status-ends-journal", _status_ends_journal),
    ("site-as-genre", _site_as_genre),
    ("journal-as-genre", _journal_as_genre),
    ("title-in-site", _title_in_site),
    ("journal-as-names", _journal_as_names),
    ("family-before-journal", _family_before_journal),
    ("publisher-before-volume", _publisher_before_volume),
    ("year-range-ends-title", _year_range_ends_title),
    ("page-count", _page_count),
    ("journal-only", _journal_only),
    ("journal-in-names", _journal_in_names),
    ("year-in-volume", _year_in_volume),
    ("issue-without-volume", _issue_without_volume),
    ("volume-without-figure", _volume_without_figure),
    ("volume-in-container", _volume_in_container),
    ("numero", _numero),
    ("apa-book-publisher", _apa_book_publisher),
    ("mla-role-publisher", _mla_role_publisher),
    ("mla-publisher-year", _mla_publisher_year),
    ("book-title-as-journal", _book_title_as_journal),
    ("report-number", _report_number),
    ("bare-url", _bare_url),
    ("mla-site-date", _mla_site_date),
    ("apa-bracket-description", _apa_bracket_description),
    ("edition-publisher", _edition_publisher),
    ("publisher-ampersand", _publisher_ampersand),
    ("article-opens-publisher", _article_opens_publisher),
    ("publisher-as-journal", _publisher_as_journal),
    ("genre-in-publisher", _genre_in_publisher),
    ("title-in-publisher", _title_in_publisher),
    ("manual-section", _manual_section),
    ("semicolon-publisher", _semicolon_publisher),
    ("publisher-last-sentence", _publisher_last_sentence),
    ("publisher-after-medium", _publisher_after_medium),
    ("medium-after-title", _medium_after_title),
    ("title-tail-in-journal", _title_tail_in_journal),
    ("journal-in-title", _journal_in_title),
)


def _repair_segments(segments: list[Segment], raw: str) -> list[Segment]:
    """Field boundaries the labeller gets wrong in whole kinds of references, mended by layout:
    a Vancouver author run into the title, an organisation read as the start of the title, access
    and update stamps read as the date (or a volume), a title cut before its last words or year."""
    segs = list(segments)
    for _, rule in _REPAIR_RULES:
        segs = rule(segs, raw)
    return segs


class _Item:
    """A CSL item in the making: the fields so far and what later segments and the finishing rules need."""

    __slots__ = ("raw", "segments", "labels", "csl", "notes", "relabelled", "truncated", "updated", "series")

    def __init__(self, segments: list[Segment], raw: str) -> None:
        self.raw = raw
        self.segments = segments
        self.labels = {lab for lab, _ in segments}
        self.csl: dict[str, Any] = {}
        self.notes: list[str] = []
        self.relabelled: list[str] = []  # labels read as another field (a second container as the publisher)
        self.truncated: list[str] = []  # name variables written as a truncated list ("et al.", "...")
        self.updated: dict[str, Any] | None = None  # a "last updated" date: the work's date only when it has no other
        self.series = ""  # "Phys. Rev. D85": the series letter, for the journal


# --- before the fields are read: segments the labeller reads as another field in whole kinds of references


def _corporate_lead(segments: list[Segment], raw: str) -> list[Segment]:
    """ "World Health Organization (2009). Title.": what opens an author-date reference is its (corporate) author."""
    if (
        len(segments) > 1
        and segments[0][0] == "publisher"
        and segments[1][0] == "date"
        and not any(lab == "author" for lab, _ in segments)
    ):
        return [("author", segments[0][1])] + segments[1:]
    return segments


def _translator(segments: list[Segment], raw: str) -> list[Segment]:
    """ "(Trans.) A. Name", "Trad. A. Name", "Translated by A. Name" read as a container or publisher are the translator."""
    return [
        ("translator", _TRANSLATOR.sub("", text))
        if lab in ("journal", "container-title", "publisher") and _TRANSLATOR.match(text)
        else (lab, text)
        for lab, text in segments
    ]


def _editors(segments: list[Segment], raw: str) -> list[Segment]:
    """Editors named inside another field ("In A. Name (Ed.), Book"); most references name none, so the role word first."""
    if _ROLE_WORD.search(" ".join(text for _, text in segments)):
        return _leading_editors(_split_editors(segments))
    return segments


# Fields read from the first segment of their label only (a second is another field or dropped): a rule that
# cuts such a segment in two must not leave its second piece behind
_ONE_PIECE = frozenset({"title", "container-title"})


def _join_pieces(segments: list[Segment], raw: str) -> list[Segment]:
    """Adjacent segments of one title label are one field: "Kass M, Witkin A. Snakes: Active contour models."
    read with "Snakes:" in the names gives, once the names end at "A.", the title "Snakes:" beside the title
    "Active contour models."; "Essays Presented to N. R. Ker" cut at the initials an editor list ends with."""
    out: list[Segment] = []
    for lab, text in segments:
        if out and lab in _ONE_PIECE and out[-1][0] == lab:
            out[-1] = (lab, f"{out[-1][1]} {text}")
        else:
            out.append((lab, text))
    return out


# A role written out before its names, "edited by John G. Richardson", "Translated by G. E. M. Anscombe and
# P. Hacker", "edited and translated by ...": names of capitalised words and initials, a list of them only
# when it ends with "and" or "&" ("Translated by William Weaver, Harcourt Brace" names one translator)
# (a word's hyphen may have come apart on a line break: "Gasteiger - Klicpera")
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’\-]+(?:\s-\s[A-ZÀ-ÖØ-Þ][\w'’\-]+)?(?![\w'’\-])"
# (a name may end with its initials, written family first: "Gibson R. L."; a word before a colon is the
# place a publisher follows: "... and Reimold W. U. Boulder: Geological Society")
_ROLE_NAME = (
    rf"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.\s+)?(?:[A-ZÀ-ÖØ-Þ]\.\s?|{_CAP_WORD}\s+|{_PARTICLE}\s+)*"
    rf"(?:{_CAP_WORD}(?!\s*:)|[A-ZÀ-ÖØ-Þ]\.)"
)
_ROLE_BY = rx.compile(
    r"\b(?P<role>(?:[Ee]dited\s+and\s+)?[Tt]ranslated|[Ee]dited|[Cc]ompiled)\s+by\s+"
    rf"(?P<names>{_ROLE_NAME}(?:(?:,\s*{_ROLE_NAME})*(?:,?\s+(?:and|&)\s+{_ROLE_NAME}|,?\s+et\s+al\.?))?)"
    r"(?!\s+(?:of|for|on)\b)",  # (an organisation: "edited by Association of Organic Synthetic Chemistry")
    gated=True,
)
# APA's role after its names, in parentheses after the title: "(J. Strachey, Trans.)", "(J. A. Spaulding &
# G. Simpson, Trans.)", "(M. Cook, Ed. & Trans.)"
_ROLE_AFTER = rx.compile(
    rf"\((?P<names>{_ROLE_NAME}(?:(?:,\s*{_ROLE_NAME})*,?\s+(?:and|&)\s+{_ROLE_NAME})?),\s*"
    r"(?P<role>(?:[Ee]ds?\.?\s*(?:&|and)\s*)?[Tt]rans|[Ee]ds?)\.?(?:\s*(?:&|and)\s*[Ee]ds?\.?)?\)",
    gated=True,
)
_ROLE_AFTER_KEYS = ("rans", "Ed", "ed.", "eds")  # (one of them is in every such role: a test cheaper than the pattern)
_ROLE_LABELS = ("editor", "translator")
_CUT_SHORT = rx.compile(r"\s+[A-ZÀ-ÖØ-Þ(]")


def _role_spans(raw: str) -> list[tuple[int, int, str]]:
    """Where each role phrase of ``raw`` begins and ends, with its role, in order: "translated by ..." to its
    last name, APA's "(J. Strachey, Trans.)" to its bracket. ("edited and translated by", "Ed. & Trans.": the
    translator, whom the editors rule makes the editor too.)"""
    out = []
    # (names followed by a capital went on past what the pattern takes: "edited by Japan | Association of")
    for m in _ROLE_BY.finditer(raw):
        if not _CUT_SHORT.match(raw, m.end("names")):
            role = "translator" if m.group("role").lower().endswith("translated") else "editor"
            out.append((m.start(), m.end("names"), role))
    if "(" in raw and any(key in raw for key in _ROLE_AFTER_KEYS):
        for m in _ROLE_AFTER.finditer(raw):
            out.append((m.start(), m.end(), "translator" if "rans" in m.group("role") else "editor"))
    return sorted(out)


def _role_phrases(segments: list[Segment], raw: str) -> list[Segment]:
    """A role phrase is its role's field, wherever the labeller's cuts fell: "edited by John G. Richardson,
    translated by Richard Nice," read as one editor (the translator's name among the editors), "Translated by"
    left unlabelled before "Alan Sheridan, Vintage Books," read as the publisher, "Translated by William
    Weaver. Harcourt Brace" read as the translator. The phrases are cut out of the segments they fall in
    (segments still cut from ``raw`` in order, as the labeller gave them); what a role's segment held past
    its names' full stop is the publisher's when it has no figure, else a note (_piece_after)."""
    roles = _role_spans(raw)
    spans = _locate(segments, raw) if roles else []
    if not roles or any(a < 0 for a, _ in spans):  # (a segment a rule rewrote: not there as written)
        return segments
    out: list[Segment] = []
    placed: set[int] = set()
    taken = 0  # the end of the last phrase placed (which may run into the segments after its own)
    leftover: set[int] = set()  # pieces of a segment after its phrase
    for (lab, text), (a, b) in zip(segments, spans):
        if taken >= b:
            continue
        cut = max(a, taken)
        for k, (s, e, role) in enumerate(roles):
            if k in placed or s >= b:
                continue
            placed.add(k)
            if lab == role and a <= s and e <= b and not rx.search(r"\w", raw[a:s] + raw[e:b]):
                taken = e  # (the labeller's own cut, its punctuation kept for the rules after this one)
                continue
            before = _role_piece(_before_label(lab, out) if cut == a else lab, raw[cut:s])
            if before is not None:
                out.append(before)
            out.append((role, raw[s:e]))
            taken = e
            cut = max(cut, min(e, b))
        if cut == a:
            out.append((lab, text))
        elif (rest := _piece_after(lab, raw[cut:b], out, segments)) is not None:
            out.append(rest)
            leftover.add(len(out) - 1)
    return _publisher_goes_on(out, leftover, raw) if out != segments else segments


def _publisher_goes_on(segments: list[Segment], leftover: set[int], raw: str) -> list[Segment]:
    """A publisher cut from a role's segment goes on in a place or publisher right after it ("Translated by
    William Weaver, Harcourt Brace" + "Jovanovich,")."""
    out: list[Segment] = []
    for i, (lab, text) in enumerate(segments):
        if (
            out
            and i - 1 in leftover
            and out[-1][0] == "publisher"
            and lab in ("location", "publisher")
            and not out[-1][1].endswith((".", ",", ";", ":"))
            and f"{out[-1][1]} {text}" in raw
        ):
            out[-1] = ("publisher", f"{out[-1][1]} {text}")
        else:
            out.append((lab, text))
    return out


def _before_label(lab: str, out: list[Segment]) -> str:
    """The field of a role segment's words before its phrase: the end of the field before it when that was
    left open ("... Presented to" + "N. R. Ker, edited by ..."), else the book the role belongs to ("“Title,”"
    + "Economy and Society II. Edited by ..."); another segment's words keep its label."""
    if lab not in _ROLE_LABELS or not out:
        return lab
    if not _TERMINAL.search(out[-1][1]):
        return out[-1][0]
    return lab if any(x == "container-title" for x, _ in out) else "container-title"


def _role_piece(lab: str, text: str) -> Segment | None:
    """A piece of a segment left beside a role phrase, with its label (None: only punctuation)."""
    if not rx.search(r"\w", text):
        return None
    return (lab, text.lstrip(" .,;:").rstrip())


def _piece_after(lab: str, text: str, done: list[Segment], segments: list[Segment]) -> Segment | None:
    """A segment's piece after its role phrase (``done``: the segments so far; ``segments``: all, as labelled).
    A role's piece that does not go on with the names, or a second container's past their full stop, is the
    publisher ("... translated by Richard Nice. Greenwood"; with a figure, a note) when the reference names no
    other, else the book ("Edited by L. Berkowitz, Advances in Experimental Social Psychology. New York:
    Academic Press"); any other piece keeps its label."""
    piece = _role_piece(lab, text)
    if piece is None:
        return None
    past_stop = bool(rx.match(r"\s*\.\s+\S", text))
    words = piece[1]
    container = any(x == "container-title" for x, _ in done)
    # past the names' full stop, "Translated by William Weaver. Harcourt Brace", or MLA's comma, "Translated
    # by William Weaver, Harcourt Brace" (a lower-case word goes on with the role: "; revised by", "with")
    if (lab in _ROLE_LABELS and (past_stop or words[:1].isupper())) or (
        lab == "container-title" and container and past_stop
    ):
        if rx.search(r"\d", words):
            return ("note", words)
        if any(x == "publisher" for x, _ in segments):
            return ("container-title", words) if not container else piece
        return ("publisher", words)
    return piece


_SEGMENT_RULES: tuple[tuple[str, Callable[[list[Segment], str], list[Segment]]], ...] = (
    ("role-phrases", _role_phrases),
    ("corporate-lead", _corporate_lead),
    ("translator", _translator),
    ("mend", lambda segments, raw: _mend_segments(segments)),
    ("repair", _repair_segments),
    ("editors", _editors),
    ("join-pieces", _join_pieces),
)


# --- one segment into the item's fields, by its label; a later duplicate of a field extends or is dropped


def _names_field(item: _Item, label: str, text: str) -> None:
    key = "author" if label == "director" else label
    core = text.strip().rstrip(".,;:")
    if core.startswith("(") and core.endswith(")"):  # Nature's "(eds Arden, K. & Marlow, B.)"
        text = core[1:-1]
    names, others = parse_names(text)
    if names:
        item.csl.setdefault(key, []).extend(names)
        if others:
            item.truncated.append(key)


def _date_field(item: _Item, label: str, text: str) -> None:
    """The first date is the work's; an access date ("Retrieved ...") after it, or a second one in a reference
    with an access cue, is the access date; "n.d.", "forthcoming", "in press" stand for the date as written."""
    csl = item.csl
    stamp = _ACCESS_WORD.search(text)
    if stamp and "issued" in csl:
        date = parse_date(text)
        if date:
            csl.setdefault("accessed", date)
        return
    if stamp and find_year(text[: stamp.start()]):
        # Vancouver's "2021 [cited 2022 Mar 3]." read as one date: the work's, then the access date
        _date_field(item, label, text[: stamp.start()])
        _date_field(item, label, text[stamp.start() :])
        return
    day = month_and_day(text) if "issued" in csl else None
    parts = csl["issued"].get("date-parts", [[]])[0] if day else []
    if day and len(parts) == 1 and (day := _unless_dated_after(day, parts[0], item.raw, text)):
        parts += day  # Harvard's "(2019) ... The Harbour Times, 12 May, p. 4."
        return
    date = parse_date(text)
    if date and "issued" not in csl:
        csl["issued"] = date
    elif date and _same_year_in_full(csl["issued"], date) and not _access_date_uncued(item.raw, text):
        csl["issued"] = date  # "Diana, James. 2007. Lecture. Oct. 2, 2007.": the work's date in full
    elif date and "accessed" not in csl and (_ACCESSED.search(item.raw) or _access_date_uncued(item.raw, text)):
        csl["accessed"] = date
    elif not date and "issued" not in csl and is_undated(text):
        csl["issued"] = {"literal": "n.d."}  # (whatever way it was written: "n.d", "(no date)", "s.d.")
    elif not date and "issued" not in csl and rx.search(r"\bforthcoming\b|\bin press\b", text, rx.I):
        csl["issued"] = {"literal": clean_text(text)}


def _text_after(raw: str, text: str) -> str | None:
    """What follows ``text`` in the reference (None when it is not there as written)."""
    text = text.strip()
    at = raw.find(text)
    return raw[at + len(text) :] if at >= 0 else None


def _access_date_uncued(raw: str, text: str) -> bool:
    """Whether ``text`` is MLA 7's access date, written with no cue right before the address ("USDA Forest
    Service. 03 November 2006. <http://...>"): an address follows it and no access cue stands elsewhere (a
    Chicago newspaper's "Los Angeles Times, December 26. 2006. http://... (accessed October 13, 2007)" is
    dated before its address)."""
    after = _text_after(raw, text)
    if after is None or not rx.match(r"\W*(?:https?://|www\.)", after):
        return False
    return not _ACCESSED.search(raw)


def _same_year_in_full(issued: dict[str, Any], date: dict[str, Any]) -> bool:
    """Whether ``date`` is the year alone of ``issued`` written out with its month."""
    parts, full = issued.get("date-parts", [[]])[0], date["date-parts"][0]
    return len(parts) == 1 and len(full) > 1 and full[0] == parts[0]


def _unless_dated_after(day: list[int], year: int, raw: str, text: str) -> list[int] | None:
    """The month (and day) of a date without its year, unless a year follows it in the reference: the rest of
    a date cut in two. Of the work's year, "Oct." | "2, 2007." after "2007." adds the day; of another year,
    "September" | "23, 2019" (an access date) adds nothing."""
    rest = _text_after(raw, text)
    after = rx.match(r"\W*(?:(\d{1,2})\W+)?((?:1[5-9]|20)\d\d)\b", rest) if rest is not None else None
    if after is None:
        return day
    if int(after.group(2)) != year:
        return None
    return day[:1] + [int(after.group(1))] if after.group(1) and len(day) == 1 else day


def _accessed_field(item: _Item, label: str, text: str) -> None:
    date = parse_date(text)
    if date:
        item.csl["accessed"] = date


def _updated_field(item: _Item, label: str, text: str) -> None:
    date = parse_date(text)
    if date:
        item.updated = item.updated or date


def _original_date_field(item: _Item, label: str, text: str) -> None:
    date = parse_date(text)
    if date:
        item.csl["original-date"] = date


def _status_field(item: _Item, label: str, text: str) -> None:
    """An article's status: "ahead of print", "in press" (CSL's "status")."""
    item.csl.setdefault("status", clean_text(text))


def _event_field(item: _Item, label: str, text: str) -> None:
    """The event a talk was given at, and its place (CSL's "event", which every processor reads, and
    "event-place")."""
    item.csl.setdefault("event" if label == "event" else "event-place", clean_text(text))


def _title_field(item: _Item, label: str, text: str) -> None:
    """A second title, with no container labelled, is the container's."""
    csl = item.csl
    if "title" not in csl:
        csl["title"] = clean_text(text)
    elif "container-title" not in csl and "journal" not in item.labels and "container-title" not in item.labels:
        csl["container-title"] = clean_container(text)


def _container_field(item: _Item, label: str, text: str) -> None:
    csl = item.csl
    if "container-title" not in csl:
        csl["container-title"] = clean_container(text)
    elif "publisher" not in csl and _PUBLISHER.search(text):
        csl["publisher"] = clean_text(text)  # a second "container" after a book title is its publisher
        item.relabelled.append(label)


def _collection_field(item: _Item, label: str, text: str) -> None:
    item.csl.setdefault("collection-title", clean_container(text))


_PAGES_AS_VOLUME = rx.compile(r"\d+-\d+")


def _volume_field(item: _Item, label: str, text: str) -> None:
    csl = item.csl
    if _PAGE_AS_VOLUME.match(text):
        # "The West Australian, p.14": a page cue is never a volume
        page = clean_pages(text)
        if page:
            csl.setdefault("page", page)
        return
    vol, iss, page = split_volume(text)
    if vol and not (iss or page) and _PAGES_AS_VOLUME.fullmatch(vol) and "pages" not in item.labels:
        # Vancouver's "2013;1–133." (no volume yet): the range after the year is the pages; "Vols. 1-3" is not
        if not rx.search(r"\bvols?\b", text, rx.I):
            csl.setdefault("page", vol)
            return
    if vol and rx.fullmatch(r"[A-Z]\d+", vol) and rx.search(r"\bPhys|Lett|Rev\b", item.raw):
        item.series = vol[0]  # "Phys. Rev. D85": the series letter belongs to the journal
        vol = vol[1:]
    if vol and "volume" not in csl:
        csl["volume"] = vol
    if iss and "issue" not in csl:
        csl["issue"] = iss
    if page and "page" not in csl:
        csl["page"] = page


def _issue_field(item: _Item, label: str, text: str) -> None:
    iss = rx.sub(r"^[\s(\[,.;:]*(?:nos?|nr|n[°º]|iss(?:ue)?|num(?:ber)?|n)?\.?\s*", "", text.strip(), flags=rx.I)
    iss = rx.sub(r"[\s)\],.;:]+$", "", iss)
    if iss:
        item.csl.setdefault("issue", iss)


def _pages_field(item: _Item, label: str, text: str) -> None:
    """Pages, or a book's page count ("320 pp.")."""
    page = clean_pages(text)
    if page:
        if _PAGE_COUNT.fullmatch(text.strip(" .,;")):
            item.csl.setdefault("number-of-pages", rx.match(r"\d+", text.strip()).group(0))
        else:
            item.csl.setdefault("page", page)


def _publisher_field(item: _Item, label: str, text: str) -> None:
    # APA's "(Original work published 1938)" trails the publisher, it is no part of it
    original = _ORIGINAL_WORK.search(text)
    item.csl.setdefault("publisher", clean_text(text[: original.start()] if original else text))


def _location_field(item: _Item, label: str, text: str) -> None:
    item.csl.setdefault("publisher-place", clean_text(text))


def _edition_field(item: _Item, label: str, text: str) -> None:
    item.csl.setdefault("edition", _edition(text))


def _doi_field(item: _Item, label: str, text: str) -> None:
    doi = clean_doi(text)
    if doi:
        item.csl.setdefault("DOI", doi)


def _url_field(item: _Item, label: str, text: str) -> None:
    """A doi.org link is the DOI; an access date written with the link ("Retrieved May 3, 2010, from ...") is kept."""
    csl = item.csl
    doi = clean_doi(text) if rx.search(r"doi\.org/", text, rx.I) else None
    if doi:
        csl.setdefault("DOI", doi)
        return
    url = clean_url(text)
    if url:
        csl.setdefault("URL", url)
    if _ACCESSED.search(text):
        date = parse_date(rx.sub(r"(?:https?|ftp)://\S+|www\.\S+", "", text))
        if date:
            csl.setdefault("accessed", date)


_NUMBER_IN = rx.compile(r"\b(?:no\.?|number|nr\.?)\s*([\w\-/.]*\d[\w\-/.]*)", rx.I)


def _genre_field(item: _Item, label: str, text: str) -> None:
    """ "Technical Report No. 12": the genre ("Technical Report") and the report's number ("12"); the styles
    print them together ("Technical Report No. 12"), so the genre keeps no number of its own
    ("NIH Publication No. 21-MH-8079": the number "No. 21-MH-8079", which no style labels itself)."""
    num = _NUMBER_IN.search(text)
    # (only a number that ends the text splits it: "(Technical Report No. 12). U.S." keeps all its words)
    ends = num is not None and not text[num.end() :].strip(" .,;")
    genre = clean_text(text[: num.start()]) if num and ends else ""
    item.csl.setdefault("genre", genre or clean_text(text))
    if num:
        number = num.group(1).rstrip(".")
        # a number that is digits alone gets its "No." from the style (CSL's numeric test); another keeps it
        item.csl.setdefault("number", number if number.isdigit() or not genre else f"No. {number}")


def _archive_field(item: _Item, label: str, text: str) -> None:
    """ "ProQuest Dissertations and Theses Global": the database a thesis or report is kept in."""
    item.csl.setdefault("archive", clean_text(text))


def _isbn_field(item: _Item, label: str, text: str) -> None:
    m = rx.search(r"[\dXx][\dXx\- ]{8,}[\dXx]", text)
    if m:
        item.csl.setdefault("ISBN", m.group(0))


# An address inside a note: IEEE's "[Online]. Available: https://... (accessed Mar. 3, 2022)." read as one note
_ADDRESS = rx.compile(r"(?:https?|ftp)://\S+|www\.\S+", rx.I)


def _note_field(item: _Item, label: str, text: str) -> None:
    """A note may be the edition, the DOI or an access stamp; otherwise it stays a note. An address in it is
    the URL (the words around it stay the note's)."""
    csl = item.csl
    address = _ADDRESS.search(text) if "URL" not in csl and "DOI" not in csl else None
    if address and not clean_doi(address.group(0)):
        csl["URL"] = clean_url(address.group(0))
        text = text[: address.start()] + text[address.end() :]
    doi = clean_doi(text)
    if _EDITION_NOTE.match(text.strip()) and "edition" not in csl:
        csl["edition"] = _edition(text.strip(" ().,"))
    elif doi and "DOI" not in csl:
        csl["DOI"] = doi
    elif (_ACCESSED.search(text) or "[cited" in text.lower()) and (date := _access_date(text)):
        # (Vancouver's "[cited 2020 May 3]" read as a note with what follows it: "... Available from:")
        csl.setdefault("accessed", date)
        lead = _BEFORE_STAMP.match(text)  # "Texas" of "Texas. Accessed 10/30/2018": the words stay a note
        if lead and rx.search(r"\w", lead.group(1)):
            item.notes.append(clean_text(lead.group(1)))
    else:
        item.notes.append(clean_text(text))


# What a note holds before its access stamp's cue
_BEFORE_STAMP = rx.compile(r"(.*?\S)[\s.,;:<(\[]*" + _ACCESS_CUE, rx.I)


def _access_date(text: str) -> dict[str, Any] | None:
    """The date after a note's access cue, not a date before it ("Updated May 1, 2016. Accessed February 12,
    2019."); the note's first date when the cue has none after it."""
    cue = _ACCESSED.search(text)
    return (parse_date(text[cue.start() :]) if cue else None) or parse_date(text)


def _as_note(item: _Item, label: str, text: str) -> None:
    item.notes.append(clean_text(text))


# Each label's reader (a label missing here is no CSL field: "citation-number", "other" ...).
_FIELD_RULES: dict[str, Callable[[_Item, str, str], None]] = {
    "author": _names_field,
    "editor": _names_field,
    "translator": _names_field,
    "director": _names_field,
    "date": _date_field,
    "accessed": _accessed_field,
    "updated": _updated_field,
    "original-date": _original_date_field,
    "event": _event_field,
    "status": _status_field,
    "event-place": _event_field,
    "title": _title_field,
    "journal": _container_field,
    "container-title": _container_field,
    "collection-title": _collection_field,
    "volume": _volume_field,
    "issue": _issue_field,
    "pages": _pages_field,
    "publisher": _publisher_field,
    "location": _location_field,
    "edition": _edition_field,
    "doi": _doi_field,
    "url": _url_field,
    "genre": _genre_field,
    "archive": _archive_field,
    "isbn": _isbn_field,
    "note": _note_field,
    "medium": _as_note,
    "source": _as_note,
}


# --- after the fields are read: what the whole item shows


def _issued_from_update(item: _Item) -> None:
    """A "last updated" stamp is the work's date when it has no other."""
    csl = item.csl
    if "issued" not in csl and not item.updated:
        item.updated = _update_stamp(item.raw)
    if "issued" not in csl and item.updated:
        csl["issued"] = item.updated


def _edition_in_title(item: _Item) -> None:
    """ "(2nd ed.)", "(5. Ed.)", "(Seventh Edition, pp. 1-5)" left inside a title."""
    csl = item.csl
    if "edition" in csl:
        return
    for key in ("title", "container-title"):
        m = _EDITION_IN.search(str(csl.get(key, "")))
        if m:
            csl["edition"] = _edition(m.group(1))
            if m.group(0).startswith("("):
                csl[key] = clean_text(csl[key][: m.start()] + csl[key][m.end() :])
            break


def _genre_in_title(item: _Item) -> None:
    """A genre ("[Technical report No. 5]") that ends the title."""
    csl = item.csl
    title = str(csl.get("title", ""))
    m = _GENRE_TAIL.search(title)
    if m and "genre" not in csl and m.start() > 0:
        csl["genre"] = clean_text(m.group(1))
        csl["title"] = clean_text(title[: m.start()])
        num = _NUMBER_IN.search(m.group(1))
        if num:
            csl.setdefault("number", num.group(1))


def _series(item: _Item) -> None:
    if item.series or ("volume" not in item.csl and "container-title" in item.csl):
        _journal_series(item.csl, item.series, item.raw)


def _whole_doi(item: _Item) -> None:
    """The whole DOI as written, whatever the token labels cut; a doi.org URL is then no URL of its own."""
    csl = item.csl
    doi = clean_doi(item.raw)
    if doi:
        csl["DOI"] = doi
        if rx.search(r"doi\.org/", str(csl.get("URL", "")), rx.I):
            del csl["URL"]


def _notes(item: _Item) -> None:
    """Notes name the publisher when nothing else does; the rest is the item's note."""
    csl, notes = item.csl, item.notes
    if notes and "publisher" not in csl and "container-title" not in csl:
        _publisher_from_notes(csl, notes)
    if notes:
        csl["note"] = "; ".join(n for n in notes if n)
        if not csl["note"]:
            del csl["note"]


def _type(item: _Item) -> None:
    """The item's type, from its fields and the labels read (a container read as the publisher counts as one)."""
    labels = item.labels
    for label in item.relabelled:
        if sum(1 for lab, _ in item.segments if lab == label) == 1:
            labels.discard(label)
        labels.add("publisher")
    if _book_publisher(item.csl, item.segments):
        labels = (labels - {"journal", "container-title"}) | {"publisher"}
    item.csl["type"] = guess_type(item.csl, labels, item.raw)


def _truncated(item: _Item) -> None:
    """CSL has no variable for "the list goes on": CSL-JSON's "custom" object carries it, and the
    renderer shows the names with the style's "et al." (citations/compat.py)."""
    truncated = [k for k in dict.fromkeys(item.truncated) if item.csl.get(k)]
    if truncated:
        item.csl["custom"] = {ETAL_KEY: truncated}


_FINISH_RULES: tuple[tuple[str, Callable[[_Item], None]], ...] = (
    ("issued-from-update", _issued_from_update),
    ("edition-in-title", _edition_in_title),
    ("genre-in-title", _genre_in_title),
    ("journal-series", _series),
    ("split-sentences", lambda item: _split_sentences(item.csl, item.segments)),
    ("trim-title", lambda item: _trim_title(item.csl)),
    ("whole-doi", _whole_doi),
    ("notes", _notes),
    ("type", _type),
    ("truncated", _truncated),
)


def to_csl(segments: list[Segment], raw: str, fired: list[str] | None = None) -> dict[str, Any]:
    """Combine labelled segments into a CSL item (no "id"): the segments mended (_SEGMENT_RULES), each read
    by its label (_FIELD_RULES), then what the whole item shows (_FINISH_RULES); empty fields are dropped.
    ``fired``: the names of the segment rules that changed the segments are appended to it."""
    for name, rule in _SEGMENT_RULES:
        mended = rule(segments, raw)
        if fired is not None and mended != segments:
            fired.append(name)
        segments = mended
    item = _Item(segments, raw)
    for label, text in segments:
        read = _FIELD_RULES.get(label)
        if read is not None and text.strip():
            read(item, label, text)
    for _, finish in _FINISH_RULES:
        finish(item)
    return {k: v for k, v in item.csl.items() if v not in ("", None, [])}


_JOURNAL_WORD = rx.compile(
    r"\b(?:journal|j|review|rev|bulletin|quarterly|studies|research|science|sciences|letters|"
    r"proceedings|proc|transactions|trans|annals|archives|magazine|times|news|post|today|"
    r"reports?|medicine|nature|cell|lancet|neuron|blood|brain|gut|chest|cancer|pediatrics|"
    r"circulation|radiology|neurology|genetics|development|evolution|ecology|cognition|mind|"
    r"language|psychology|economics|physics|chemistry|biology|nursing|health|plos|bmj|jama|ieee|acm|siam|software|computer|computing|\w+olog(?:y|ie|ia))\b",
    rx.I,
)


def _book_publisher(csl: dict[str, Any], segments: list[Segment]) -> bool:
    """APA's "(1999). Title. Marlowe.": a short last field that no journal article would end with (no
    volume, issue, pages or link, and no word journals are named with) is a book's publisher."""
    container = str(csl.get("container-title", ""))
    words = container.split()
    if (
        not words
        or len(words) > 3
        or any(
            k in csl
            for k in ("volume", "issue", "page", "URL", "DOI", "publisher", "editor", "publisher-place", "genre")
        )
        or not all(w[:1].isupper() or w == "&" for w in words)
        or _JOURNAL_WORD.search(container)
        or not any(lab == "date" and text.lstrip().startswith("(") for lab, text in segments[:3])
        or segments[-1][0] not in ("journal", "container-title", "title")
        or (len(words) == 1 and container.isupper())  # "IJCV", "NIPS": a journal's or conference's acronym
        or rx.search(r"(?:^|[.,]\s)[Ii]n:?\s+" + rx.escape(container), " ".join(t for _, t in segments))
    ):
        return False
    csl["publisher"] = csl.pop("container-title")
    return True


ETAL_KEY = "et-al"  # csl["custom"]["et-al"]: the name variables whose list was truncated as written


__all__ = ["Segment", "clean_text", "split_volume", "to_csl", "find_year", "guess_type"]
