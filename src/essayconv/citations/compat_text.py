"""Text rules of citeproc-js that need no citeproc objects: title case, page ranges, initials,
quotation marks (markers in, locale quotes out) and punctuation-in-quote."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .._patterns import LazyPattern
from .markers import (
    COMMA_SUFFIX,
    CURLY_CLOSE,
    CURLY_OPEN,
    DATA_PUNCT,
    DATA_QUOTE_CLOSE,
    DATA_QUOTE_OPEN,
    MARK_FIRST,
    MARK_LAST,
    MARKS,
    MARKS_BUT_DATA_PUNCT,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    SC_CLOSE,
    SC_OPEN,
    SUB_CLOSE,
    SUB_OPEN,
    SUP_CLOSE,
    SUP_OPEN,
)


def lazy_pattern(pattern: str, flags: int = 0) -> Any:
    """A pattern compiled on its first use (``re`` compiles in Python, ~0.1-1.5 ms a pattern, and
    a run uses only some of the citation modules' patterns); matching is re's own."""
    return LazyPattern(pattern, flags, re.compile)


# citeproc-js's stop words for text-case="title" (prepositions, articles, conjunctions, particles)
SKIP_WORDS = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst anenst apropos apud
    around as aside astride at athwart atop barring before behind below beneath beside besides between beyond
    but by circa despite down during et except for forenenst from given in inside into lest like modulo near
    next notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout
    thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with
    within without or yet so and nor a an the de d' von van c ca à""".split()
)
# what separates words for title case: punctuation, quotes, brackets, dashes, formatting markers
_CASE_TAG = lazy_pattern(r"([\u2018\u2019\u201c\u201d\"'\-/.,;?!:\[\]()\u2013\u2014\u00a0" + MARKS + "]+)")
_OPEN_QUOTES = ("\u201c", "\u2018")


def _capitalise(word: str) -> str:
    if not word:
        return word
    first = word[0]
    if "\u0370" <= first <= "\u03ff" and len(word) == 1:
        return word  # a lone Greek letter is a symbol, not a word
    return first.upper() + word[1:]


# formatting markers (formatter.py) whose text title case leaves alone, as citeproc-js does:
# small caps, superscript, subscript
_PROTECTING = {SC_OPEN: 1, SC_CLOSE: -1, SUP_OPEN: 1, SUP_CLOSE: -1, SUB_OPEN: 1, SUB_CLOSE: -1}


def title_case(text: str) -> str:
    """citeproc-js's text-case="title": capitalise every word except stop words (the first and
    last word and a word after ":", "?" or "!" always), split at punctuation and dashes; words
    with capitals inside ("cDNA", "iPhone") and words after an apostrophe keep their case."""
    parts = _CASE_TAG.split(text)
    is_first = True
    after_punct = False
    last: tuple[int, int] | None = None
    quote_depth = 0
    keep_next = False
    out: list[str] = []
    protected = 0  # inside small caps, superscript or subscript from the data: left as written
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a tag
            if SC_OPEN <= max(part) and any(ch in _PROTECTING for ch in part):
                for ch in part:
                    protected += _PROTECTING.get(ch, 0)
            if re.search("[!?:]$", re.sub(f"[{MARKS}]", "", part)):
                after_punct = True
            if any(q in part for q in _OPEN_QUOTES):
                quote_depth += 1
            elif "\u2019" in part or "'" in part:
                # an apostrophe (a closing quote nothing opened): the next word keeps its case
                if quote_depth:
                    quote_depth -= 1
                elif not part.endswith(("(", "[")):
                    keep_next = True
            out.append(part)
            continue
        if protected > 0:
            out.append(part)
            is_first = after_punct = keep_next = False
            continue
        words = part.split(" ")
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        elided = nxt[:1] in ("\u2019", "'")  # "d’Histoire", "l’énergie": the article stays lower case
        for j, w in enumerate(words):
            if not w:
                continue
            if keep_next and j == 0:
                keep_next = False
                is_first = after_punct = False
                last = None  # a word after an apostrophe is never forced up, even when last
                continue
            elif elided and j == len(words) - 1 and len(w) == 1 and not is_first:
                pass
            elif any(map(str.isupper, w[1:])):
                pass
            elif (
                (
                    len(w) > 1
                    and (
                        w.lower() not in SKIP_WORDS
                        or (j == len(words) - 1 and nxt[:1] == "-" and (j > 0 or not parts[i - 1].endswith("-")))
                    )
                )
                or is_first
                or after_punct
            ):
                # (a stop word opening a hyphenated compound is part of it: "Pro-Environmental";
                # inside one it stays a stop word: "Out-of-Fashion")
                words[j] = _capitalise(w)
            is_first = False
            after_punct = False
            last = (len(out), j)
        keep_next = False
        out.append(" ".join(words))
    if last is not None:
        idx, j = last
        words = out[idx].split(" ")
        w = words[j]
        if not any(map(str.isupper, w[1:])) and (len(w) > 1 or w.lower() in SKIP_WORDS):
            words[j] = _capitalise(w)  # (a lone letter that is not a word stays: "07-x")
        out[idx] = " ".join(words)
    return "".join(out)


def _capitalize_first(text: str) -> str:
    for i, ch in enumerate(text):
        if MARK_FIRST <= ch <= MARK_LAST or ch.isspace():
            continue
        word = text[i:].split(" ", 1)[0]
        if any(c.isupper() for c in word[1:]):
            return text  # "arXiv", "iPhone": citeproc-js leaves words with inner capitals alone
        return text[:i] + ch.upper() + text[i + 1 :]
    return text


def _sentence_case(s: str) -> str:
    words = s.split(" ")
    out: list[str] = []
    first = True
    for w in words:
        if not w:
            out.append(w)
            continue
        if first:
            out.append(_capitalize_first(w.lower() if w.isupper() and len(w) > 1 and s.isupper() else w))
            first = False
        else:
            out.append(w.lower() if s.isupper() else w)
    return " ".join(out)


def format_page_range(first: str, last: str, fmt: str | None) -> str:
    """The second page of a range in CSL's page-range-format (expanded when none is set):
    "321", "28" -> "328" (expanded), "28" (minimal-two), "8" (minimal)."""
    if fmt in (None, ""):
        return last  # citeproc-js leaves the range as written when the style sets no format
    written = last
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if int(last) <= int(first):
        return written  # not a real range ("2462-50"): left as written
    if fmt == "expanded":
        return last
    diff = next((i for i, (a, b) in enumerate(zip(first, last)) if a != b), len(last))
    if len(first) != len(last):
        return last
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        f = int(first)
        if f < 100 or f % 100 == 0:
            return last
        if fmt in ("chicago", "chicago-15") and len(first) == 4 and len(last) - diff >= 3:
            return last
        fmt = "minimal" if f % 100 < 10 else "minimal-two"
    if fmt == "minimal":
        return last[diff:]
    if fmt == "minimal-two":
        return last[min(diff, len(last) - 2) :]
    return last


_INITIAL = lazy_pattern(r"^[A-Z\u00c0-\u00de]$")
_GIVEN_TOKEN = lazy_pattern(r"([^\s.\-\u2010]+)(\.?)(\s*[-\u2010]\s*)?")


# (given names are initialised again for each rendering of a work: its sort key, its cites, its entry,
# the disambiguation's trials; the answer depends on the three strings only)
@lru_cache(maxsize=4096)
def initialize_given(given: str, mark: str, split_hyphens: bool) -> str:
    """initialize="true" as citeproc-py does it, except that an abbreviation written with its
    period ("Ph.", "Ts.", "ME.") stays whole, as in citeproc-js ("Ph. M. E.", not "P. M. E.")."""
    hyphen_parts = given.split("-") if split_hyphens else [given.replace("-", " ")]
    if len(hyphen_parts) > 1:
        # a lower-case part after a hyphen has no initial ("Guo-ping" -> "G.", citeproc-js)
        hyphen_parts = hyphen_parts[:1] + [h for h in hyphen_parts[1:] if not h.strip()[:1].islower()]
    result_parts = []
    for hyphen_part in hyphen_parts:
        text = ""
        group: list[str] = []
        for part in re.findall(r"[^\s.]+\.?", hyphen_part):
            body = part.rstrip(".")
            if part.endswith(".") and len(body) > 1 and body[0].isupper():
                group.append(body)
            elif len(body) > 2 and body[:2].isupper() and body[2:].islower():
                group.append(body[0] + body[1].lower())  # a digraph initial: "TSerendorjiin" -> "Ts."
            elif body[0].isupper():
                group.append(body[0])
            else:  # particles (lower case) are not initialized
                text += mark.join(group) + mark + " " + body + " "
                group = []
        text += mark.join(group) + mark
        result_parts.append(" ".join(text.split()))
    return "-".join(result_parts)


@lru_cache(maxsize=4096)  # (as initialize_given)
def initials_only(given: str, mark: str) -> str:
    """initialize="false": full given names stay; existing initials are normalised
    ("A. C" -> "A. C.", "J.L" -> "J. L.", "G-Q" -> "G. Q.", "PA" stays "PA")."""
    out = ""
    for m in _GIVEN_TOKEN.finditer(given):
        tok, hyphen = m.group(1), m.group(3)
        if _INITIAL.match(tok) or (m.group(2) and tok[:1].isupper()):
            # an initial, or an abbreviation written with its period ("Ph.", "ME.", "Wm."):
            # citeproc-js keeps both as initials
            out += tok + mark
        else:
            out += tok + ("-" if hyphen else " ")
    return out.rstrip()


# --------------------------------------------------------------------------------------------
# Output post-processing (on formatter-marked text)
# --------------------------------------------------------------------------------------------

_ANY_MARKER = lazy_pattern(f"[{MARKS}]")  # (formatter._STRIP: one compiled pattern in re's cache)
_QUOTE_MARKERS = (QUOTE_OPEN, DATA_QUOTE_OPEN, CURLY_OPEN, QUOTE_CLOSE, DATA_QUOTE_CLOSE, CURLY_CLOSE, DATA_PUNCT)
_CLOSERS_PIQ = lazy_pattern(f"([{DATA_QUOTE_CLOSE}{QUOTE_CLOSE}{CURLY_CLOSE}])([{MARKS_BUT_DATA_PUNCT}]*)([.,])")


def resolve_quotes(marked: str, terms: tuple[str, str, str, str], piq: bool) -> str:
    """Quote markers -> the locale's quotes, alternating outer/inner with nesting (citeproc-js
    flips the quotes inside a quoted title); with punctuation-in-quote, "." and "," move inside."""
    if not any(m in marked for m in _QUOTE_MARKERS):
        # most entries and citations: nothing below applies (the punctuation rule needs a closing
        # quote marker) and the loop would copy every character
        return marked
    if piq:
        prev = None
        while prev != marked:
            prev = marked
            marked = _CLOSERS_PIQ.sub(lambda m: m.group(3) + m.group(1) + m.group(2), marked)
    o, c, io, ic = terms
    out = []
    depth = 0
    pos = 0
    # (markers only: the text between them is copied in runs; the pattern is formatter's, compiled anyway)
    for m in _ANY_MARKER.finditer(marked):
        i = m.start()
        ch = marked[i]
        if ch in (QUOTE_OPEN, DATA_QUOTE_OPEN, CURLY_OPEN):
            out.append(marked[pos:i])
            # typographic quotes typed in the data stay as typed unless nested in quotes
            out.append(("\u201c" if ch == CURLY_OPEN else o) if depth % 2 == 0 else io)
            depth += 1
        elif ch in (QUOTE_CLOSE, DATA_QUOTE_CLOSE, CURLY_CLOSE):
            out.append(marked[pos:i])
            depth = max(0, depth - 1)
            out.append(("\u201d" if ch == CURLY_CLOSE else c) if depth % 2 == 0 else ic)
        elif ch == DATA_PUNCT:
            out.append(marked[pos:i])
        else:
            continue  # another marker: part of the text run
        pos = i + 1
    out.append(marked[pos:])
    return "".join(out)


def finish(marked: str, piq: bool, terms: tuple[str, str, str, str] = ("\u201c", "\u201d", "\u2018", "\u2019")) -> str:
    """Fixes applied to every rendered citation and entry."""
    if COMMA_SUFFIX in marked:
        marked = _COMMA_BEFORE_SUFFIX.sub(", ", marked)
    return superscript_letters(resolve_quotes(marked, terms, piq))


# a name suffix that takes a comma before it ("comma-suffix": "John Doe, Jr."): citeproc-py joins
# the parts with spaces, so the suffix carries this mark and the space (or comma) before it
# becomes ", " here; a supplementary private-use character, which field data cleaning and the
# formatting markers leave alone
_COMMA_BEFORE_SUFFIX = lazy_pattern(",?[ \u00a0]*" + COMMA_SUFFIX)


def _superscript_table() -> dict[str, str]:
    """The table below, derived from the Unicode database (what the literal was generated from; a test
    checks they agree)."""
    import unicodedata

    table = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        dec = unicodedata.decomposition(ch)
        if dec.startswith("<super> "):
            base = "".join(chr(int(h, 16)) for h in dec.split()[1:])
            table[ch] = SUP_OPEN + base + SUP_CLOSE
    # modifier letters Unicode does not decompose, which citeproc-js's table also lists
    for ch, base in (("\u02c0", "\u0294"), ("\u02c1", "\u0295"), ("\u06e5", "\u0648"), ("\u06e6", "\u064a")):
        table[ch] = SUP_OPEN + base + SUP_CLOSE
    return table


# superscript character -> its plain letters (Unicode 14 <super> decompositions plus the four above);
# a literal because scanning the Unicode database took ~0.1 s of every start-up
_SUPERSCRIPT_BASES = {
    "\u00aa": "a",
    "\u00b2": "2",
    "\u00b3": "3",
    "\u00b9": "1",
    "\u00ba": "o",
    "\u02b0": "h",
    "\u02b1": "\u0266",
    "\u02b2": "j",
    "\u02b3": "r",
    "\u02b4": "\u0279",
    "\u02b5": "\u027b",
    "\u02b6": "\u0281",
    "\u02b7": "w",
    "\u02b8": "y",
    "\u02e0": "\u0263",
    "\u02e1": "l",
    "\u02e2": "s",
    "\u02e3": "x",
    "\u02e4": "\u0295",
    "\u10fc": "\u10dc",
    "\u1d2c": "A",
    "\u1d2d": "\u00c6",
    "\u1d2e": "B",
    "\u1d30": "D",
    "\u1d31": "E",
    "\u1d32": "\u018e",
    "\u1d33": "G",
    "\u1d34": "H",
    "\u1d35": "I",
    "\u1d36": "J",
    "\u1d37": "K",
    "\u1d38": "L",
    "\u1d39": "M",
    "\u1d3a": "N",
    "\u1d3c": "O",
    "\u1d3d": "\u0222",
    "\u1d3e": "P",
    "\u1d3f": "R",
    "\u1d40": "T",
    "\u1d41": "U",
    "\u1d42": "W",
    "\u1d43": "a",
    "\u1d44": "\u0250",
    "\u1d45": "\u0251",
    "\u1d46": "\u1d02",
    "\u1d47": "b",
    "\u1d48": "d",
    "\u1d49": "e",
    "\u1d4a": "\u0259",
    "\u1d4b": "\u025b",
    "\u1d4c": "\u025c",
    "\u1d4d": "g",
    "\u1d4f": "k",
    "\u1d50": "m",
    "\u1d51": "\u014b",
    "\u1d52": "o",
    "\u1d53": "\u0254",
    "\u1d54": "\u1d16",
    "\u1d55": "\u1d17",
    "\u1d56": "p",
    "\u1d57": "t",
    "\u1d58": "u",
    "\u1d59": "\u1d1d",
    "\u1d5a": "\u026f",
    "\u1d5b": "v",
    "\u1d5c": "\u1d25",
    "\u1d5d": "\u03b2",
    "\u1d5e": "\u03b3",
    "\u1d5f": "\u03b4",
    "\u1d60": "\u03c6",
    "\u1d61": "\u03c7",
    "\u1d78": "\u043d",
    "\u1d9b": "\u0252",
    "\u1d9c": "c",
    "\u1d9d": "\u0255",
    "\u1d9e": "\u00f0",
    "\u1d9f": "\u025c",
    "\u1da0": "f",
    "\u1da1": "\u025f",
    "\u1da2": "\u0261",
    "\u1da3": "\u0265",
    "\u1da4": "\u0268",
    "\u1da5": "\u0269",
    "\u1da6": "\u026a",
    "\u1da7": "\u1d7b",
    "\u1da8": "\u029d",
    "\u1da9": "\u026d",
    "\u1daa": "\u1d85",
    "\u1dab": "\u029f",
    "\u1dac": "\u0271",
    "\u1dad": "\u0270",
    "\u1dae": "\u0272",
    "\u1daf": "\u0273",
    "\u1db0": "\u0274",
    "\u1db1": "\u0275",
    "\u1db2": "\u0278",
    "\u1db3": "\u0282",
    "\u1db4": "\u0283",
    "\u1db5": "\u01ab",
    "\u1db6": "\u0289",
    "\u1db7": "\u028a",
    "\u1db8": "\u1d1c",
    "\u1db9": "\u028b",
    "\u1dba": "\u028c",
    "\u1dbb": "z",
    "\u1dbc": "\u0290",
    "\u1dbd": "\u0291",
    "\u1dbe": "\u0292",
    "\u1dbf": "\u03b8",
    "\u2070": "0",
    "\u2071": "i",
    "\u2074": "4",
    "\u2075": "5",
    "\u2076": "6",
    "\u2077": "7",
    "\u2078": "8",
    "\u2079": "9",
    "\u207a": "+",
    "\u207b": "\u2212",
    "\u207c": "=",
    "\u207d": "(",
    "\u207e": ")",
    "\u207f": "n",
    "\u2120": "SM",
    "\u2122": "TM",
    "\u2c7d": "V",
    "\u2d6f": "\u2d61",
    "\u3192": "\u4e00",
    "\u3193": "\u4e8c",
    "\u3194": "\u4e09",
    "\u3195": "\u56db",
    "\u3196": "\u4e0a",
    "\u3197": "\u4e2d",
    "\u3198": "\u4e0b",
    "\u3199": "\u7532",
    "\u319a": "\u4e59",
    "\u319b": "\u4e19",
    "\u319c": "\u4e01",
    "\u319d": "\u5929",
    "\u319e": "\u5730",
    "\u319f": "\u4eba",
    "\ua69c": "\u044a",
    "\ua69d": "\u044c",
    "\ua770": "\ua76f",
    "\ua7f2": "C",
    "\ua7f3": "F",
    "\ua7f4": "Q",
    "\ua7f8": "\u0126",
    "\ua7f9": "\u0153",
    "\uab5c": "\ua727",
    "\uab5d": "\uab37",
    "\uab5e": "\u026b",
    "\uab5f": "\uab52",
    "\uab69": "\u028d",
    "\u02c0": "\u0294",
    "\u02c1": "\u0295",
    "\u06e5": "\u0648",
    "\u06e6": "\u064a",
}
_SUPERSCRIPT_TABLE = {ch: SUP_OPEN + base + SUP_CLOSE for ch, base in _SUPERSCRIPT_BASES.items()}
_SUPERSCRIPT_CHARS = lazy_pattern("[" + "".join(_SUPERSCRIPT_TABLE) + "]")


def superscript_letters(marked: str) -> str:
    """Superscript characters (French ordinals "1ʳᵉ", "nº", "ª") as superscript runs of the plain
    letter, as citeproc-js writes them ("1<sup>r</sup><sup>e</sup>")."""
    return _SUPERSCRIPT_CHARS.sub(lambda m: _SUPERSCRIPT_TABLE[m.group(0)], marked)
