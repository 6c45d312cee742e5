"""Line layout: kept lines as units, the wrap width of the source, and joining wrapped lines."""

from __future__ import annotations

from collections.abc import Container, Mapping

from msgspec import Struct

from . import _rx as rx
from .furniture import DRAWN_RULE_REASON, Furniture, Line

Gap = str  # "none": the previous kept line is adjacent; "blank": blank lines between; "page": a page break


class Unit(Struct, frozen=True):
    """A kept, non-blank source line."""

    no: int  # 1-based line number
    text: str  # stripped text
    gap: Gap  # what separates it from the previous unit
    indent: int  # leading spaces (tabs count 4) in the source
    after_boilerplate: bool = False  # site furniture was removed just before this line


def units_of(lines: list[Line], removed: Mapping[int, Furniture]) -> list[Unit]:
    """Kept non-blank lines, each with the kind of gap before it. A removed line leaves a page gap where it
    holds a page break's form feed, a blank gap where it is a drawn rule, else a blank gap after boilerplate.
    (Why page numbers and running heads leave no page gap of their own: in a text with page breaks they
    stand beside the form feed's line anyway; read as page gaps too, they changed one of the 1,186 corpus
    files, for the worse.)"""
    out: list[Unit] = []
    gap_blank = False
    gap_page = False
    gap_boiler = False
    for i, ln in enumerate(lines):
        if i in removed:
            if "\f" in ln.raw:
                gap_page = True
            else:
                gap_blank = True
                gap_boiler = gap_boiler or removed[i].reason != DRAWN_RULE_REASON
            continue
        if ln.page_break:
            gap_page = True
        if not ln.text:
            gap_blank = True
            continue
        indent = _indent(ln.raw)
        gap = "page" if gap_page else "blank" if gap_blank else "none"
        out.append(Unit(ln.no, _symbol_bullet(_fix_spaced_caps(ln.text)), gap if out else "blank", indent, gap_boiler))
        gap_blank = gap_page = gap_boiler = False
    return out


def _indent(raw: str) -> int:
    """The spaces a line starts with, tabs set every four columns and form feeds left out: its leading
    spaces and tabs expanded (not the whole line twice, as it was: a paragraph pasted as one line is long)."""
    if "\f" in raw:
        raw = raw.replace("\f", "")
    if raw[:1] not in (" ", "\t"):
        return 0
    return len(rx.match(r"[ \t]*", raw).group().expandtabs(4))


# Symbol and Wingdings bullets of a Word file come out of its PDF as private-use characters (U+F0A7,
# U+F0B7, U+F0D8, U+F0FC) that no font prints: a list item's bullet, written as the bullet it was.
_PRIVATE_BULLET = rx.compile(r"^[\uf0a7\uf0b7\uf0d8\uf0fc](?=\s|$)")


def _symbol_bullet(text: str) -> str:
    return _PRIVATE_BULLET.sub("•", text) if text[:1] in "\uf0a7\uf0b7\uf0d8\uf0fc" else text


_SPACED_CAPS = rx.compile(r"\b\p{Lu} \p{Lu}{2,}")
_URL_TAIL = rx.compile(r"(?:https?://|www\.|doi\.org/)\S*$")
_WORD = rx.compile(r"\p{L}+(?:-\p{L}+)*")


def _fix_spaced_caps(text: str) -> str:
    # PDF small caps come out as "R EFERENCES", "I. I NTRODUCTION": a lone capital then a caps word.
    if text.upper() != text or not _SPACED_CAPS.search(text):
        return text
    return rx.sub(r"\b(\p{Lu}) (\p{Lu}{2,})", _join_caps, text)


# Two-letter word starts that English allows; "A MODEST" stays apart, "I NTRODUCTION" is joined.
_ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gh gl gn gr kn kr ph pl pr ps qu rh sc sh sk sl sm sn sp sq st sw th tr tw wh wr".split()
)


def _join_caps(m: rx.Match[str]) -> str:
    letter, rest = m.group(1), m.group(2)
    if letter in "AI":
        head = rest[:2].lower()
        vowel_next = head[1:2] in "aeiouy"
        if head[:1] in "aeiou" or vowel_next or head in _ONSETS:
            return m.group(0)
    return letter + rest


class Wrap(Struct, frozen=True):
    """How the source breaks lines: ``width`` is the typical full line length when hard-wrapped."""

    wrapped: bool
    width: int
    fit: int = 0  # the longest lines (90th percentile): what a line can hold

    def would_fit(self, line: str, word: str) -> bool:
        """Whether ``word`` would have fitted at the end of ``line``: then the break was deliberate."""
        return self.wrapped and self.fit > 0 and len(line) + 1 + len(word) <= 0.93 * self.fit

    def full(self, text: str) -> bool:
        """A line long enough that it probably continues on the next line."""
        return self.wrapped and len(text) >= 0.78 * self.width


def measure_wrap(units: list[Unit]) -> Wrap:
    """Decide whether the text is hard-wrapped (PDF, e-text) or has one line per paragraph."""
    lengths = sorted(len(u.text) for u in units if len(u.text) >= 20)
    if len(lengths) < 8:
        return _measure_short(units, lengths)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    if width > 190:
        return Wrap(False, width)
    near = sum(1 for n in lengths if 0.7 * width <= n <= 1.15 * width)
    fit = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = near >= 0.45 * len(lengths) or _sentences_run_on(units, len(lengths))
    return Wrap(wrapped, width, min(fit, int(width * 1.15)))


def prose_wrap(body: list[Unit], wrap: Wrap) -> Wrap:
    """The wrap of the body's prose, for its paragraph boundaries: ``wrap`` measured again on the body
    alone, without the notes printed at page bottoms and the reference list. Their lines, set in a smaller
    font or hanging, run longer than the body's; a paper with many notes then seems wider than its text,
    and a full body line that ends a sentence looks short enough to end its paragraph (the next word
    "would have fitted"). A measure that disagrees on whether the text is wrapped at all (too few body
    lines to tell) is not taken."""
    measured = measure_wrap(body)
    return measured if measured.wrapped == wrap.wrapped else wrap


def _sentences_run_on(units: list[Unit], long_lines: int) -> bool:
    """Whether sentences run on from line to line often: "... the location with the highest" / "score is
    the most likely ...". A PDF copy whose lines are mostly short pieces (tool output, table cells, a
    form) has too few lines of one width for ``measure_wrap``'s test, yet its prose is hard-wrapped;
    text with one line per paragraph (a web page, a Word file) seldom ends a line on a word and goes
    on in lower case below it (its hard-wrapped reference list now and then: under one pair in ten)."""
    pairs = sum(
        1
        for a, b in zip(units, units[1:])
        if b.gap == "none" and len(a.text) >= 40 and a.text[-1:].isalpha() and b.text[:1].islower()
    )
    return pairs >= 10 and pairs >= 0.15 * long_lines


_COMPOUND_PREFIXES = frozenset(
    "self well ex all half cross non anti co post pre semi multi long short high low full mid "
    "cost time state best world first second third so-called".split()
)


def join_lines(parts: list[str], known_words: Container[str] | None = None) -> str:
    """Join wrapped lines with one space, undoing end-of-line hyphenation and URL breaks."""
    out = ""
    for part in parts:
        part = part.strip()
        if not out:
            out = part
            continue
        out = _join_two(out, part, known_words)
    return out


def _join_two(left: str, right: str, known_words: Container[str] | None) -> str:
    if left.endswith("\u00ad"):
        return left[:-1] + right  # a soft hyphen only ever marks a break inside a word
    if _url_continues(left, right):
        return left + right
    m = rx.search(r"(\p{L}+)-$", left)
    if m and right[:1].islower():
        head = m.group(1)
        tail = rx.match(r"\p{L}+", right)
        tail_word = tail.group(0) if tail else ""
        joined = (head + tail_word).lower()
        hyphened = f"{head}-{tail_word}".lower()
        keep = head.lower() in _COMPOUND_PREFIXES
        if known_words is not None:
            if hyphened in known_words and joined not in known_words:
                keep = True
            elif joined in known_words:
                keep = False
        return left + right if keep else left[:-1] + right
    if left.endswith(("—", "–", "/")) and not left.endswith(" —") and "://" not in left.rsplit(" ", 1)[-1]:
        return left + right
    return left + " " + right


def _url_continues(left: str, right: str) -> bool:
    """Whether ``right`` goes on with the URL that ends ``left`` (joined without a space)."""
    last = left.rsplit(" ", 1)[-1]
    if not _URL_TAIL.search(last):
        return False
    first = right.split(" ", 1)[0]
    if not rx.match(r"^[\w%/?=&.#~+\-:;,@!$*()']+$", first):
        return False
    if "/" in first or "%" in first or "=" in first:
        return True  # the rest of a path or query
    if right[:1].isupper() and not rx.search(r"[\d_.]", first):
        return False  # a new entry or sentence ("...census.gov/" / "United States ...")
    if last[-1] in "/-_=%?&#~+":
        return True  # broken at URL punctuation
    if right[:1].isupper():
        return False  # "...research.htm" / "C.S. Mott ..."
    if last.endswith("."):
        return first[:1].isdigit()  # "rsr.2019." / "0702", but not a full stop before "and"
    return bool(rx.search(r"[\d._]", first))


def words_at_most(text: str, n: int) -> bool:
    """``len(text.split()) <= n``, without splitting a long paragraph to the end to count it."""
    return len(text.split(None, n)) <= n


def words_at_least(text: str, n: int) -> bool:
    """``len(text.split()) >= n``, likewise."""
    return len(text.split(None, n - 1)) >= n


def words_of(units: list[Unit]) -> set[str]:
    """Lowercased words (with inner hyphens) used anywhere: evidence for undoing hyphenation."""
    # One search over all lines: a word cannot run over the "\n" that joins them.
    words = _WORD.findall("\n".join(u.text for u in units))
    out = set(map(str.lower, words))
    for w in words:
        if "-" in w:
            out.update(p.lower() for p in w.split("-"))
    return out


class KnownWords:
    """``words_of(units)``, worked out at the first lookup: most essays break no word over two lines,
    and then nobody asks."""

    __slots__ = ("_units", "_words")

    def __init__(self, units: list[Unit]) -> None:
        self._units = tuple(units)
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = words_of(list(self._units))
        return word in self._words


def _measure_short(units: list[Unit], lengths: list[int]) -> Wrap:
    # Too few lines for statistics: call it wrapped when some run of adjacent lines has every line
    # but the last of about the same length, as a fixed-width wrap makes them.
    width = max(lengths, default=80)
    runs: list[list[int]] = []
    for u in units:
        if u.gap != "none" or not runs:
            runs.append([])
        runs[-1].append(len(u.text))
    for run in runs:
        body = run[:-1]
        if len(body) >= 1 and len(run) >= 2 and max(run) <= 120 and min(body) >= 40:
            if min(body) >= 0.8 * max(body) and run[-1] <= max(body) * 1.1:
                return Wrap(True, max(body), max(body))
    return Wrap(False, width)
