"""Dates in references: "(2022, March 5)", "May 2020", "12 Jan. 2019", "2021a", "n.d." into CSL date objects."""

from __future__ import annotations

from typing import Any

from . import _re as rx

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
    # French and German names, in references written in those languages ("Soins Cadres, février 2004")
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "januar": 1,
    "februar": 2,
    "märz": 3,
    "juni": 6,
    "juli": 7,
    "oktober": 10,
    "dezember": 12,
}
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
# (a decade, "the 1980s", is no year: a year's letter is never the "s" after a 0)
YEAR = rx.compile(r"(?<![\d/.-])(1[5-9]\d\d|20\d\d)(?!(?<=0)s(?![a-z]))(?:[a-z](?![a-z]))?(?!\d)")
# A year as a part of other patterns, with the letter that tells two works of one author and year apart ("2021a")
YEAR_FRAGMENT = r"(?:1[5-9]|20)\d\d[a-z]?"
# The month names as a part of other patterns, the longest first ("juillet" before "juil")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# A date field that says the work has none: "n.d.", "(n. d.)", Harvard's "(no date)", "undated", French "s.d.",
# Spanish "s.f.", German "o.J."; with APA's letter for two such works by one author, "n.d.-a" (the style gives
# the letters again)
_UNDATED = rx.compile(r"^\W*(?:n\.?\s?d|no\s+date|undated|s\.\s?[df]|o\.\s?J)\W*(?:-?[a-z]\W*)?$", rx.I)


def is_undated(text: str) -> bool:
    """Whether a date as written says there is none. The parser stores it as the literal "n.d."; the
    renderer gives such a work no date at all, so that each style prints its own term ("n.d.", "no date")
    or nothing (MLA)."""
    return bool(_UNDATED.match(text))


# Gated (see _re.GatedPattern): most date segments are a bare year, with no month, season or ISO dash.
_MONTH = rx.compile(
    r"\b(" + MONTH_NAMES + r")\b\.?",
    rx.I,
    gated=True,
)
_ISO = rx.compile(r"\b(1[5-9]\d\d|20\d\d)-(\d\d)(?:-(\d\d))?\b", gated=True)
# A date in figures: "25/3/2008", "3/25/2008", "25.3.2008", "4/4/2008"
_FIGURES = rx.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(1[5-9]\d\d|20\d\d)(?!\d)")
_SEASON = rx.compile(r"\b(" + "|".join(SEASONS) + r")\b", rx.I, gated=True)


def find_year(text: str) -> int | None:
    """The first plausible publication year in ``text``."""
    m = YEAR.search(text)
    return int(m.group(1)) if m else None


def parse_date(text: str) -> dict[str, Any] | None:
    """A date segment into ``{"date-parts": [[y, m, d]]}`` (month/day only when written); None if no year."""
    iso = _ISO.search(text)
    if iso:
        parts = [int(iso.group(1)), int(iso.group(2))] + ([int(iso.group(3))] if iso.group(3) else [])
        if 1 <= parts[1] <= 12:
            return {"date-parts": [parts]}
    figures = _FIGURES.search(text) if "/" in text or "." in text else None
    if figures:
        return _date_in_figures(figures)
    year = find_year(text)
    if year is None:
        return None
    parts: list[int] = [year]
    month = _MONTH.search(text)
    if month:
        parts.append(MONTHS[month.group(1).lower()])
        # a day next to the month: "March 5", "5 March", "5th March"
        after = rx.match(r"\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", text[month.end() :])
        before = rx.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s*$", text[: month.start()])
        day = after or before
        if day and 1 <= int(day.group(1)) <= 31 and int(day.group(1)) != year:
            parts.append(int(day.group(1)))
        return {"date-parts": [parts]}
    season = _SEASON.search(text)
    if season:
        return {"date-parts": [parts], "season": SEASONS[season.group(1).lower()]}
    return {"date-parts": [parts]}


# A month and its day, either way round, with no year: "12 May", "May 12th", "Oct."
_MONTH_DAY = rx.compile(
    r"(?i:(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<m1>" + MONTH_NAMES + r")\.?"
    r"|(?P<m2>" + MONTH_NAMES + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
)


def month_and_day(text: str) -> list[int] | None:
    """The month (and day) of a date written without its year, Harvard's newspaper "12 May," after the
    year given in parentheses: [month] or [month, day]; None when the text is anything else."""
    m = _MONTH_DAY.fullmatch(text.strip(" .,;:()"))
    if m is None:
        return None
    month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
    day = int(m.group("d1") or m.group("d2") or 0)
    return [month, day] if 1 <= day <= 31 else [month]


def _date_in_figures(m: rx.Match[str]) -> dict[str, Any]:
    """The day and month where only one reading makes a date ("25/3/2008", "3/25/2008": 25 March) or both read
    alike ("4/4/2008"); else the year alone: "3/5/2008" is 5 March in the United States and 3 May in most other
    places, and a date the student did not write would be worse than the year they did."""
    a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    readings = {(mo, d) for mo, d in ((a, b), (b, a)) if 1 <= mo <= 12 and 1 <= d <= 31}
    if len(readings) == 1:
        ((month, day),) = readings
        return {"date-parts": [[year, month, day]]}
    return {"date-parts": [[year]]}


def year_suffix(n: int) -> str:
    """The ``n``-th (0-based) year suffix: a ... z, aa ... az, ba ... zz, aaa ... (citeproc-js's sequence:
    the letters as the digits of a base-26 numeral without a zero), so any number of works has one."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out
