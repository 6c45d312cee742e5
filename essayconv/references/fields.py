"""Labelled segments of a reference (author, date, title, journal, volume ...) into one CSL-JSON item."""

from __future__ import annotations

import re
from typing import Any

from .dates import find_year, parse_date
from .names import parse_names

Segment = tuple[str, str]  # (label, text as written)

DASHES = re.compile(r"[\u2010-\u2015\u2212]")
QUOTES = "\"'“”„‟‘’‚‛«»‹›`´"
DOI = re.compile(r"10\.\d{3,9}/[^\s\"<>]+")
_CONF = re.compile(r"\b(?:proc(?:eedings|\.)|conference|conf\.|symposium|workshop|congress|meeting|colloquium|"
                   r"convention|summit)\b", re.I)
_THESIS = re.compile(r"\b(?:thesis|dissertation|diss\.|phd|ph\.d|doctoral|master'?s|msc|m\.sc|mémoire|thèse|"
                     r"doktorarbeit|habilitation)\b", re.I)
_REPORT = re.compile(r"\b(?:report|working\s+paper|technical\s+note|white\s+paper|memorandum|brief|"
                     r"discussion\s+paper|tech\.\s*rep|rep\.|bulletin|circular|document)\b", re.I)
_NEWS = re.compile(r"\b(?:times|post|herald|guardian|tribune|gazette|chronicle|daily|news|journal\s+of\s+commerce|"
                   r"telegraph|observer|independent|mail|globe|examiner)\b", re.I)
_MAGAZINE = re.compile(r"\b(?:magazine|weekly|monthly|newsweek|time|economist|atlantic|new\s+yorker|wired|forbes)\b", re.I)


def clean_text(text: str) -> str:
    """Trim a field's surrounding punctuation, quotes and brackets, keep what is inside."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(\w)- (\w)", r"\1\2", text) if re.search(r"[a-z]- [a-z]", text) else text
    prev = None
    while prev != text:
        prev = text
        text = text.strip(" ,;:/" + QUOTES)
        text = re.sub(r"^[\[(]\s*|\s*[\])]$", "", text) if _balanced_wrap(text) else text
        # a trailing period is punctuation unless it closes an abbreviation ("Inc.", "U.S.", "Vol.")
        if text.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|eds?|al|etc|Bros))\.$", text):
            text = text[:-1]
    return text


def _balanced_wrap(text: str) -> bool:
    return (text.startswith("(") and text.endswith(")") and text.count("(") == 1) or (
        text.startswith("[") and text.endswith("]") and text.count("[") == 1)


def clean_container(text: str) -> str:
    text = re.sub(r"^\s*(?:in|dans|en)\s*:?\s+(?=\S)", "", text.strip(), flags=re.I)
    # "Paper presented at the X Conference": the event is the container
    text = re.sub(r"^(?:(?:paper|presentation|talk|keynote|lecture)\s+)?(?:presented|delivered|read)\s+at\s+(?:the\s+)?",
                  "", text, flags=re.I)
    return clean_text(text)


def clean_doi(text: str) -> str | None:
    """The DOI in ``text``: up to white space, without trailing punctuation or an unbalanced ")"."""
    m = DOI.search(re.sub(r"(?<=/)\s+|(?<=10\.)\s+", "", text))
    if not m:
        return None
    doi = re.split(r",(?=[A-Za-z])|\.(?=pdf\b)|\((?=in\b)", m.group(0), flags=re.I)[0]
    while True:
        trimmed = re.sub(r"[.,;\]>]+$", "", doi)
        if trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
            trimmed = trimmed[:-1]
        if trimmed == doi:
            return doi
        doi = trimmed


def clean_url(text: str) -> str | None:
    text = text.strip()
    m = re.search(r"(?:https?|ftp)://\S+|www\.\S+", text, re.I)
    url = m.group(0) if m else text
    url = re.sub(r"^(?:url:|<)", "", url, flags=re.I)
    url = re.sub(r"[>.,;)\]]+$", "", url)
    return url or None


def clean_pages(text: str) -> str | None:
    text = DASHES.sub("-", text)
    text = re.sub(r"^[\s(\[,:;.]*(?:pages?|pgs?|pp|p|S)\.?\s*", "", text.strip())
    text = re.sub(r"\s*-+\s*", "-", text)
    text = re.sub(r"[\s)\],.;:]+$", "", text).strip(" (,:")
    return text or None


def split_volume(text: str) -> tuple[str | None, str | None, str | None]:
    """ "13(2), 138" / "vol. 13" / "12:33-45" into (volume, issue, page)."""
    v = DASHES.sub("-", re.sub(r"\s+", " ", text)).strip()
    v = re.sub(r"^[\s\W]+", "", v)
    v = re.sub(r"^(?:vol(?:ume)?s?|bd|band|t|tome|jg|v)\b\.?\s*", "", v, flags=re.I)
    num = r"([A-Z]?\d+[A-Za-z]?(?:-\d+)?|[IVXLCDM]+)"
    m = re.match(num + r"\s*\(([^)]+)\)\s*[:,.]?\s*(?:pp?\.?\s*)?(\d+\s*-\s*\d+|\d+)?", v)
    if m:
        return m.group(1), m.group(2).strip(), m.group(3)
    m = re.match(r"(?:" + num + r"[\s,;.]+)?(?:nos?|nr|no\.|n[°º]|iss(?:ue)?|num(?:ber)?|n)\.?\s*(\S+)", v, re.I)
    if m and (m.group(1) or re.match(r"(?:nos?|nr|n[°º]|iss|num)", v, re.I)):
        return m.group(1), re.sub(r"[\W_]+$", "", m.group(2)) or None, None
    m = re.match(num + r"\s*:\s*(\d+(?:\s*-\s*\d+)?)", v)
    if m:
        return m.group(1), None, m.group(2).replace(" ", "")
    m = re.match(r"(\d+)\s*[./]\s*(\d+)$", v.rstrip(".,;: "))
    if m:
        return m.group(1), m.group(2), None
    out = re.sub(r"[\s\W_]+$", "", v)
    return out or None, None, None


def _edition(text: str) -> str:
    t = clean_text(text)
    m = re.match(r"^(\d+)(?:st|nd|rd|th|e|\.)?\b", t)
    if m:
        return m.group(1)
    t = re.sub(r"\s*\b(?:ed|edn|edition)\b\.?$", "", t, flags=re.I).strip()
    return t or clean_text(text)


_EDITION_IN = re.compile(
    r"\(\s*((?:\d+(?:st|nd|rd|th|e|\.)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|rev\.?|revised)"
    r"\s*(?:ed|edn|éd|edition|aufl(?:age)?)\.?)\s*(?:[,;][^)]*)?(?:\)\.?|$)", re.I)


_GENRE_TAIL = re.compile(
    r"\s*\(([^()]*\b(?:report|brief|working\s+paper|white\s+paper|technical|discussion\s+paper|thesis|"
    r"dissertation|monograph|occasional\s+paper|research\s+paper|policy|fact\s+sheet|bulletin)\b[^()]*)\)\.?$", re.I)


_PUBLISHER = re.compile(r"\b(?:press|publish\w*|verlag|books|éditions|editions|edizioni|editora|wiley|springer|"
                        r"elsevier|routledge|sage|kluwer|blackwell|macmillan|penguin|norton)\b", re.I)


_EDITION_NOTE = re.compile(
    r"^\(?\s*(?:\d+(?:st|nd|rd|th|e|\.)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|rev\.?|"
    r"revised)\s*(?:ed|edn|éd|edition|aufl(?:age)?)\.?\s*\)?[.,]*$", re.I)


def guess_type(csl: dict[str, Any], labels: set[str], raw: str) -> str:
    """A CSL type from which fields the reference has and a few cue words."""
    genre = str(csl.get("genre", ""))
    container = str(csl.get("container-title", ""))
    if _THESIS.search(genre) or (not container and re.search(r"\b(?:thesis|dissertation|th[eè]se|doctoral)\b", raw, re.I)):
        return "thesis"
    if "journal" in labels:
        if _NEWS.search(container) and not re.search(r"\bjournal\b", container, re.I) and not csl.get("volume"):
            return "article-newspaper"
        if _MAGAZINE.search(container) and not csl.get("volume"):
            return "article-magazine"
        return "article-journal"
    if container:
        if _CONF.search(container) or re.search(r"\bpresented\s+at\b", raw, re.I):
            return "paper-conference"
        if "editor" in labels or re.search(r"(?:^|[.,]\s*)(?:in|In|IN)\s*:?\s", raw) or "publisher" in labels:
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


def to_csl(segments: list[Segment], raw: str) -> dict[str, Any]:
    """Combine labelled segments into a CSL item (no "id"); later duplicates of a field extend or are dropped."""
    csl: dict[str, Any] = {}
    labels = {lab for lab, _ in segments}
    notes: list[str] = []
    relabelled: list[str] = []
    for label, text in segments:
        if not text.strip():
            continue
        if label in ("author", "editor", "translator", "director"):
            key = "author" if label == "director" else label
            names, _ = parse_names(text)
            if names:
                csl.setdefault(key, []).extend(names)
        elif label == "date":
            if re.search(r"\b(?:accessed|retrieved|viewed|consulted|cited|abgerufen|consulté)\b", text, re.I) and "issued" in csl:
                date = parse_date(text)
                if date:
                    csl.setdefault("accessed", date)
                continue
            date = parse_date(text)
            if date and "issued" not in csl:
                csl["issued"] = date
            elif date and "accessed" not in csl and re.search(r"\b(?:accessed|retrieved|viewed)\b", raw, re.I):
                csl["accessed"] = date
            elif not date and re.search(r"\bn\.\s*d\b|\bno date\b|\bforthcoming\b|\bin press\b", text, re.I) and "issued" not in csl:
                csl["issued"] = {"literal": clean_text(text)}
        elif label == "accessed":
            date = parse_date(text)
            if date:
                csl["accessed"] = date
        elif label == "title":
            if "title" not in csl:
                csl["title"] = clean_text(text)
            elif "container-title" not in csl and "journal" not in labels and "container-title" not in labels:
                csl["container-title"] = clean_container(text)
        elif label in ("journal", "container-title"):
            if "container-title" not in csl:
                csl["container-title"] = clean_container(text)
            elif "publisher" not in csl and _PUBLISHER.search(text):
                csl["publisher"] = clean_text(text)  # a second "container" after a book title is its publisher
                relabelled.append(label)
        elif label == "collection-title":
            csl.setdefault("collection-title", clean_container(text))
        elif label == "volume":
            vol, iss, page = split_volume(text)
            if vol and re.fullmatch(r"[A-Z]\d+", vol) and re.search(r"\bPhys|Lett|Rev\b", raw):
                vol = vol[1:]  # "Phys. Rev. D85": the series letter belongs to the journal
            if vol and "volume" not in csl:
                csl["volume"] = vol
            if iss and "issue" not in csl:
                csl["issue"] = iss
            if page and "page" not in csl:
                csl["page"] = page
        elif label == "issue":
            iss = re.sub(r"^[\s(\[,.;:]*(?:nos?|nr|n[°º]|iss(?:ue)?|num(?:ber)?|n)?\.?\s*", "", text.strip(), flags=re.I)
            iss = re.sub(r"[\s)\],.;:]+$", "", iss)
            if iss:
                csl.setdefault("issue", iss)
        elif label == "pages":
            page = clean_pages(text)
            if page:
                if re.fullmatch(r"\d+\s*(?:pp?|pages|S)\.?", text.strip(" .,;"), re.I):
                    csl.setdefault("number-of-pages", re.match(r"\d+", text.strip()).group(0))
                else:
                    csl.setdefault("page", page)
        elif label == "publisher":
            csl.setdefault("publisher", clean_text(text))
        elif label == "location":
            csl.setdefault("publisher-place", clean_text(text))
        elif label == "edition":
            csl.setdefault("edition", _edition(text))
        elif label == "doi":
            doi = clean_doi(text)
            if doi:
                csl.setdefault("DOI", doi)
        elif label == "url":
            doi = clean_doi(text) if re.search(r"doi\.org/", text, re.I) else None
            if doi:
                csl.setdefault("DOI", doi)
            else:
                url = clean_url(text)
                if url:
                    csl.setdefault("URL", url)
                if re.search(r"\b(?:accessed|retrieved|viewed)\b", text, re.I):
                    date = parse_date(re.sub(r"(?:https?|ftp)://\S+|www\.\S+", "", text))
                    if date:
                        csl.setdefault("accessed", date)
        elif label == "genre":
            csl.setdefault("genre", clean_text(text))
            num = re.search(r"\b(?:no\.?|number|nr\.?)\s*([\w\-/.]*\d[\w\-/.]*)", text, re.I)
            if num:
                csl.setdefault("number", num.group(1).rstrip("."))
        elif label == "isbn":
            m = re.search(r"[\dXx][\dXx\- ]{8,}[\dXx]", text)
            if m:
                csl.setdefault("ISBN", m.group(0))
        elif label == "note":
            doi = clean_doi(text)
            if _EDITION_NOTE.match(text.strip()) and "edition" not in csl:
                csl["edition"] = _edition(text.strip(" ().,"))
            elif doi and "DOI" not in csl:
                csl["DOI"] = doi
            elif re.search(r"\b(?:accessed|retrieved|viewed)\b", text, re.I) and parse_date(text):
                csl.setdefault("accessed", parse_date(text))
            else:
                notes.append(clean_text(text))
        elif label in ("medium", "source"):
            notes.append(clean_text(text))
    if "edition" not in csl:
        # "(2nd ed.)", "(5. Ed.)", "(Seventh Edition, pp. 1-5)" left inside a title
        for key in ("title", "container-title"):
            m = _EDITION_IN.search(str(csl.get(key, "")))
            if m:
                csl["edition"] = _edition(m.group(1))
                if m.group(0).startswith("("):
                    csl[key] = clean_text(csl[key][: m.start()] + csl[key][m.end():])
                break
    title = str(csl.get("title", ""))
    m = _GENRE_TAIL.search(title)
    if m and "genre" not in csl and m.start() > 0:
        csl["genre"] = clean_text(m.group(1))
        csl["title"] = clean_text(title[: m.start()])
        num = re.search(r"\b(?:no\.?|number|nr\.?)\s*([\w\-/.]*\d[\w\-/.]*)", m.group(1), re.I)
        if num:
            csl.setdefault("number", num.group(1))
    doi = clean_doi(raw)
    if doi:
        csl["DOI"] = doi  # the whole DOI as written, whatever the token labels cut
        if re.search(r"doi\.org/", str(csl.get("URL", "")), re.I):
            del csl["URL"]
    if notes:
        csl["note"] = "; ".join(n for n in notes if n)
        if not csl["note"]:
            del csl["note"]
    for label in relabelled:
        if sum(1 for lab, _ in segments if lab == label) == 1:
            labels.discard(label)
        labels.add("publisher")
    csl["type"] = guess_type(csl, labels, raw)
    return {k: v for k, v in csl.items() if v not in ("", None, [])}


__all__ = ["Segment", "clean_text", "split_volume", "to_csl", "find_year", "guess_type"]
