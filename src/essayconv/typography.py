"""Typographic quotation marks: the straight quotes of typed or pasted text turned into curly ones.

Word turns quotes curly as one types, and the reference list the citation pass renders has curly
quotes, so a paper that kept the straight quotes of a plain-text essay would mix the two. The rules
are SmartyPants': a quote after the start of the text, a space, an opening bracket, a dash or another
opening quote opens; any other closes; a single quote inside a word is an apostrophe, as is one
before a decade ("'90s"). Text whose characters matter is left alone: preformatted blocks, links, web
addresses and DOIs in running text (the writers make links of them, see ``find_urls``: a quote in one is
part of the address, and a quote right after one closes), and citations the pass could not resolve (they
keep the author's text exactly). Only English text is
changed: other languages have other marks („…“, « … »), and a guess would be worse than none.
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from .model import (
    Cite,
    Document,
    Inline,
    Inlines,
    Link,
    Meta,
    NoteRef,
    Text,
    map_sequences,
    rebuild,
)

# after one of these (or at the start) a quote opens
_OPENERS = set(" \t\n\u00a0([{<\u2014\u2013-/\u2018\u201c")
_CLOSERS = set(".,;!?)]}>’”…")
_DECADE = re.compile(r"\d\d(?:s\b|\b)")
_MEET_QUOTE = re.compile("[\"']")

# A web address or a DOI in running text. A double quote, straight or curly, is never part of one: it
# delimits it ('see "https://example.org/page".'); see trim_url for what may end a match but not the address.
URL = re.compile(
    r"""(?P<url>https?://[^\s<>"\u201c\u201d]+)|(?P<doi>\bdoi:\s?(?P<doiid>10\.\d{4,9}/[^\s<>"\u201c\u201d]+))""",
    re.IGNORECASE,
)


def trim_url(url: str) -> str:
    """Drop trailing sentence punctuation, quotes and unbalanced closing brackets from a matched URL
    ("https://example.org/a.)'" -> "https://example.org/a")."""
    while url:
        if url[-1] in ".,;:!?'\u2018\u2019":
            url = url[:-1]
        elif url[-1] in ")]" and url.count(url[-1]) > url.count("(" if url[-1] == ")" else "["):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text: str) -> list[tuple[re.Match[str], str]]:
    """The web addresses and DOIs of ``text``: each match with the address it shows (the match trimmed
    by trim_url), which starts at the match's start. The writers link exactly these (writers/_plan.py)."""
    if ":" not in text:  # every match holds "://" or "doi:"; most runs of text hold neither
        return []
    out = []
    for m in URL.finditer(text):
        shown = trim_url(m.group(0))
        if shown and not (m.group("doi") and len(shown) <= len("doi:10.1/")):
            out.append((m, shown))
    return out


def curl(text: str, before: str = "") -> str:
    """``text`` with curly quotes; ``before`` is the character preceding it ("" at the start)."""
    return _curl(text, before)[0]


def _curl(text: str, before: str) -> tuple[str, str]:
    """``text`` with curly quotes, and the character a quote right after it follows (its last one; a
    letter after a web address, so that a quote there closes: '"https://example.org/dir/"')."""
    if '"' not in text and "'" not in text:
        return text, _last_char(text, before)
    urls = find_urls(text)
    protected: set[int] = set()
    url_ends: set[int] = set()
    for m, shown in urls:
        protected.update(range(m.start(), m.start() + len(shown)))
        url_ends.add(m.start() + len(shown))
    out: list[str] = []
    last = 0
    mark = ""
    for m in _MEET_QUOTE.finditer(text):
        i = m.start()
        if i in protected:
            continue  # part of a web address: left as written
        prev = text[i - 1] if i else before
        if i in url_ends:
            prev = "x"
        elif i and i == last:
            prev = mark  # right after a quote just curled: what it became decides ("'Nested")
        nxt = text[i + 1] if i + 1 < len(text) else ""
        opening = (
            prev == ""
            or prev in _OPENERS
            or (
                # after a symbol ('src="/x"', 'said:"Yes"') a quote that text follows opens
                not prev.isalnum() and prev not in _CLOSERS and nxt != "" and not nxt.isspace() and nxt not in _CLOSERS
            )
        )
        if m.group() == '"':
            mark = "\u201c" if opening else "\u201d"
        elif not opening:
            mark = "\u2019"  # closing, or an apostrophe: don't, Jones', rock'n'roll
        elif _DECADE.match(text, i + 1):
            mark = "\u2019"  # '90s
        else:
            mark = "\u2018" if nxt and not nxt.isspace() else "\u2019"
        out.append(text[last:i])
        out.append(mark)
        last = i + 1
    out.append(text[last:])
    result = "".join(out)
    return result, "x" if len(text) in url_ends else _last_char(result, before)


def _last_char(text: str, before: str) -> str:
    """The character a quote right after ``text`` follows: "x" after a web address (the quote closes)."""
    if text and text[-1].isalnum():
        return text[-1]
    if text and ":" in text and any(m.start() + len(shown) == len(text) for m, shown in find_urls(text)):
        return "x"
    return text[-1] if text else before


class _Curler:
    """Walks inlines in reading order, carrying the last character across node boundaries."""

    def __init__(self) -> None:
        self.prev = ""

    def text(self, s: str) -> str:
        out, self.prev = _curl(s, self.prev)
        return out

    def inlines(self, nodes: Inlines) -> Inlines:
        self.prev = ""
        return self._seq(nodes)

    def _seq(self, nodes: Inlines) -> Inlines:
        return rebuild(nodes, self._leaf)

    def _leaf(self, node: Inline) -> Inline:
        match node:
            case Text(text=t):
                new = self.text(t)
                return node if new == t else Text(new)
            case Link():
                self.prev = "x"  # a link's text is often its address: left as written
                return node
            case Cite(rendered=r) if r is not None:
                return replace(node, rendered=self._seq(r))
            case Cite():
                self.prev = node.text[-1:] or self.prev  # unresolved: the author's text, exactly
                return node
            case NoteRef():
                self.prev = "x"
                return node
        raise TypeError(f"not an inline: {node!r}")  # pragma: no cover


def is_english(language: str | None) -> bool:
    return not language or language.lower().split("-")[0] == "en"


def smart_quotes(doc: Document, language: str | None = None) -> Document:
    """The document with curly quotes in its text, title block, notes and reference list (English only)."""
    if not is_english(language or doc.meta.language):
        return doc
    c = _Curler()
    meta_fields = ("title", "subtitle", "author", "instructor", "course", "affiliation", "running_head")
    meta: Meta = replace(doc.meta, **{k: curl(v) for k in meta_fields if (v := getattr(doc.meta, k))})
    bib = doc.bibliography
    if bib is not None:
        bib = replace(bib, entries=tuple(replace(e, content=c.inlines(e.content)) for e in bib.entries))
    return replace(map_sequences(doc, c.inlines), meta=meta, bibliography=bib)


# --------------------------------------------------------------------------------------------
# Text hygiene and links (the writers' clean text; bare URLs and DOIs as Link nodes: transforms.links)
# --------------------------------------------------------------------------------------------

# C0 controls but tab/newline/CR, DEL, C1 controls, lone surrogates and the two non-characters:
# XML 1.0 forbids some of these outright, and none of them prints.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text with the characters no document format can carry removed."""
    if text.isascii() and text.isprintable():
        return text  # (printable ASCII, " " to "~", holds none: one C loop instead of the pattern's scan)
    return _BAD_CHARS.sub("", text)


def safe_url(url: str) -> str | None:
    """The link target to write, or None for a scheme that must not become a live link."""
    u = clean(url).strip()
    low = u.lower()
    if low.startswith("doi:"):
        return "https://doi.org/" + u[4:].strip()
    if low.startswith(("http://", "https://", "mailto:")):
        return u
    if low.startswith("10.") and "/" in u:
        return "https://doi.org/" + u
    if low.startswith("www."):
        return "https://" + u
    return None


def linkify(inlines: Inlines) -> Inlines:
    """Inlines with bare http(s) URLs and ``doi:`` identifiers in text turned into Link nodes (links,
    citations and note marks as they are)."""
    return rebuild(inlines, _linkify_leaf)


def _linkify_leaf(node: Inline) -> Inline | list[Inline]:
    match node:
        case Text(text=t):
            return _linkify_text(t)
        case Link() | Cite() | NoteRef():
            return node
    raise TypeError(f"not an inline: {node!r}")


def _linkify_text(text: str) -> list[Inline]:
    # The addresses the smart-quote pass left as written (typography.find_urls): a quote after one is
    # not part of it, whether straight or curled.
    urls = find_urls(text)
    if not urls:
        return [Text(text)] if text else []
    out: list[Inline] = []
    pos = 0
    for m, shown in urls:
        start = m.start()
        if start > pos:
            out.append(Text(text[pos:start]))
        target = safe_url(shown if m.group("url") else "doi:" + trim_url(m.group("doiid")))
        out.append(Link((Text(shown),), target or shown))
        pos = start + len(shown)
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out
