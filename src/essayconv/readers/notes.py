"""Footnotes: notes printed at page bottoms in PDF copies, and "Notes"/"Endnotes" sections."""

from __future__ import annotations

from msgspec import Struct, field

from . import _rx as rx
from . import trace
from .layout import Unit, Wrap, join_lines

_NOTES_HEADING = rx.compile(r"^(?:#+\s*)?(?:notes|endnotes|footnotes)\s*:?\s*$", rx.IGNORECASE, gated=True, twin=True)
_BARE_NUMBER = rx.compile(r"^(\d{1,3})$")
_RULE = rx.compile(r"^(?:_{5,}|-{5,}|—{3,}|─{5,})$", gated=True)
_NUMBER_TEXT = rx.compile(r"^(\d{1,3})[.)]?\s+(?=[\p{Lu}“\"‘'(\[])(.+)$")
_SECTION_ITEM = rx.compile(
    r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?|\^(\d{1,3})|([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}))\s*(?<=\s|[¹²³⁴⁵⁶⁷⁸⁹⁰])(\S.*)$"
)


def note_item(text: str) -> bool:
    """Whether ``text`` opens a numbered note ("1 The oldest bell ...", "[2] ...", "³ ...")."""
    return _SECTION_ITEM.match(text) is not None


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


class RawNote(Struct):
    mark: str
    line: int
    parts: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def text(self) -> str:
        return join_lines(self.parts)


class NoteSet(Struct):
    notes: list[RawNote]

    @staticmethod
    def merge(page_notes: list[RawNote], section: list[RawNote]) -> NoteSet:
        # in the order of the text: endnotes whose pages' lower parts were taken as page notes interleave
        notes = sorted((n for n in page_notes + section if n.parts), key=lambda n: n.line)
        for k, n in enumerate(notes, start=1):
            n.id = f"fn{k}"
        return NoteSet(notes)

    def marks(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for n in self.notes:
            out.setdefault(n.mark, n.id)
        return out


def glued_mark(text: str, mark: str) -> bool:
    """Whether ``mark`` appears as a footnote mark glued to a word ("them.1", "individual1", "them.¹")."""
    # After a year the mark makes a five- or six-digit token: "from 1990 through 20048".
    sup = mark.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    if sup != mark and rx.search(rf"(?<=\S){rx.escape(sup)}(?![⁰¹²³⁴⁵⁶⁷⁸⁹\p{{L}}\d])", text):
        return True
    # (the closing signs in any order, up to three: "them.1", "them.”1", "(Smith).9", "are…”3", "real?8")
    return bool(
        rx.search(rf"(?<=\p{{Ll}}{_CLOSERS}){rx.escape(mark)}(?![\d\p{{L}}%]|[.,]\d)", text)
        or rx.search(rf"(?<=\b(?:1[6-9]|20)\d\d{_CLOSERS}){rx.escape(mark)}(?![\d\p{{L}}%]|[.,]\d)", text)
    )


# What may stand between a word and the note mark glued to it: closing punctuation, quotes and brackets.
_CLOSERS = r"[.,;:!?…’”\"')\]]{0,3}"


_LEAD_SUPERSCRIPT = rx.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*")


def _lead(text: str) -> str:
    """A note line's leading superscript mark ("¹ Text", "¹Text") read as a number ("1 Text")."""
    m = _LEAD_SUPERSCRIPT.match(text)
    return f"{m.group(1).translate(_SUPERSCRIPT)} {text[m.end() :]}" if m else text


def find_page_notes(units: list[Unit], wrap: Wrap) -> tuple[list[RawNote], list[Unit]]:
    """Notes at the bottom of PDF pages: a number (alone or leading a line) after the body text of the
    page, whose mark is glued to a word above it. Returns the notes and the remaining units."""
    if not any(u.gap == "page" for u in units):
        return [], units
    pages: list[list[int]] = [[]]
    for k, u in enumerate(units):
        if u.gap == "page" and pages[-1]:
            pages.append([])
        pages[-1].append(k)
    drop: set[int] = set()
    notes: list[RawNote] = []
    body_so_far = ""
    for page in pages:
        page_text = "\n".join(units[k].text for k in page)
        start = _note_start(units, page, body_so_far + "\n" + page_text, _next_mark(notes))
        if notes and notes[-1].parts and not _finished(notes[-1].parts[-1]):
            # The last note of the page before runs on at the bottom of this page, above this
            # page's own notes: the block of lines set apart by a blank line just before them.
            end = start if start is not None else len(page)
            j = end - 1
            while j > 0 and units[page[j]].gap == "none":
                j -= 1
            if (
                0 < j < end
                and end - j <= 8
                and units[page[j]].gap == "blank"
                and _runs_on(units[page[j]].text)
                and _finished(units[page[j - 1]].text)  # else it is the body's sentence running on
            ):
                notes[-1].parts.extend(units[page[i]].text for i in range(j, end))
                drop.update(page[i] for i in range(j, end))
                page_text = "\n".join(units[k].text for k in page[:j] + page[end:])
        if start is None:
            body_so_far += "\n" + page_text
            continue
        current: RawNote | None = None
        page_notes_from = len(notes)
        for k in page[start:]:
            t = _lead(units[k].text)
            drop.add(k)
            m = _BARE_NUMBER.match(t)
            n2 = _NUMBER_TEXT.match(t)
            if m:
                current = RawNote(m.group(1), units[k].no)
                notes.append(current)
            elif n2 and (
                current is None
                or int(n2.group(1)) == int(current.mark) + 1
                # one number lost in between (see _fill_missing_marks): the mark is in the text
                or int(n2.group(1)) == int(current.mark) + 2
                and glued_mark(page_text, n2.group(1))
            ):
                current = RawNote(n2.group(1), units[k].no, [n2.group(2)])
                notes.append(current)
            elif current is not None:
                current.parts.append(t)
        _fill_missing_marks(notes, page_notes_from, body_so_far + "\n" + page_text)
        _share_stacked_marks(notes[page_notes_from:])
        _give_orphan_marks(notes[page_notes_from:])
        if not _plausible(notes[page_notes_from:], notes[:page_notes_from]):
            # Numbers under a chart ("1", "0", "1", "2" ...) are not notes: keep the page as it was.
            del notes[page_notes_from:]
            drop.difference_update(page[start:])
            body_so_far += "\n" + page_text
            continue
        body_so_far += "\n" + "\n".join(units[k].text for k in page[:start] if k not in drop)
    kept = [u for k, u in enumerate(units) if k not in drop]
    # Keep the gap kinds meaningful: a unit after dropped notes keeps its own gap.
    return notes, kept


def _next_mark(notes: list[RawNote]) -> str | None:
    """The mark the next note should bear: "1" before any, one more than the last; None after a mark that
    is no number."""
    if not notes:
        return "1"
    return str(int(notes[-1].mark) + 1) if notes[-1].mark.isdigit() else None


def _plausible(page_notes: list[RawNote], before: list[RawNote]) -> bool:
    """Notes of one page count up, each number once, and say something in words."""
    marks = [int(n.mark) for n in page_notes if n.mark.isdigit()]
    if any(b <= a for a, b in zip(marks, marks[1:])):
        return False
    prev = [int(n.mark) for n in before if n.mark.isdigit()]
    if prev and marks and marks[0] <= max(prev) and marks[0] != 1:
        return False  # numbering goes on from the notes of earlier pages (or starts again at 1)
    return all(rx.search(r"\p{L}{2,}", n.text) for n in page_notes if n.parts)


def _finished(text: str) -> bool:
    return bool(rx.search(r"[.!?][\"”’')\]]*$", text.rstrip()))


def _runs_on(text: str) -> bool:
    # The rest of a sentence: a lowercase word, or a continuation after a comma ("and", "pp. 4").
    return bool(rx.match(r"^[\p{Ll}(\[“\"‘]|^\d+[,.;)]?\s+\p{Ll}", text))


def _fill_missing_marks(notes: list[RawNote], first: int, context: str) -> None:
    """Notes 1 and 3 on a page with mark 2 in the text: the number 2 was lost (pdftotext can print it
    apart, where it passes for a page number); its text is the last sentence run of note 1."""
    k = max(first, 0)
    while k < len(notes) - 1:
        a, b = notes[k], notes[k + 1]
        if a.mark.isdigit() and b.mark.isdigit() and int(b.mark) - int(a.mark) == 2:
            missing = str(int(a.mark) + 1)
            if glued_mark(context, missing):
                orphan = RawNote(missing, a.line)
                notes.insert(k + 1, orphan)
                _give_orphan_marks([a, orphan])
                if not orphan.parts:
                    del notes[k + 1]
        k += 1


def _share_stacked_marks(page_notes: list[RawNote]) -> None:
    """pdftotext may print the numbers of a page's notes one under the other ("26" / "27") and then
    their texts: the texts are dealt out to the numbers in order, one note per line that starts one."""
    k = 0
    while k < len(page_notes):
        j = k
        while j < len(page_notes) and not page_notes[j].parts:
            j += 1
        if j == k or j >= len(page_notes):
            k = j + 1
            continue
        stack = page_notes[k : j + 1]
        parts = page_notes[j].parts
        if len(parts) >= len(stack):
            cuts = [i for i in range(1, len(parts)) if _finished(parts[i - 1]) or rx.match(r"^\p{Lu}", parts[i])]
            if len(parts) == len(stack):
                cuts = list(range(1, len(parts)))
            if len(cuts) >= len(stack) - 1:
                bounds = [0] + cuts[: len(stack) - 1] + [len(parts)]
                pieces = [parts[bounds[i] : bounds[i + 1]] for i in range(len(stack))]
                for note, piece in zip(stack, pieces):
                    note.parts = piece
        k = j + 1


_AUTHOR_START = rx.compile(r"^\p{Lu}[\p{L}'’\-]+,\s+\p{Lu}(?:\.|[\p{Ll}]+[,.])")


def _give_orphan_marks(page_notes: list[RawNote]) -> None:
    """pdftotext may print a note's number after the text of the note: "1" / text of 1 / text of 2 /
    "3" / text of 3 / "2". The text run in note 1 that begins a new sentence on a new line goes to 2."""
    for orphan in page_notes:
        if orphan.parts or not orphan.mark.isdigit():
            continue
        want = int(orphan.mark) - 1
        host = next((n for n in page_notes if n.mark.isdigit() and int(n.mark) == want and len(n.parts) > 1), None)
        if host is None:
            continue
        for cut in range(len(host.parts) - 1, 0, -1):
            if (
                _finished(host.parts[cut - 1])
                and rx.match(r"^[\p{Lu}“\"‘]", host.parts[cut])
                or _AUTHOR_START.match(host.parts[cut])  # "Miller, G. (2004) ...": a new source note
            ):
                orphan.parts = host.parts[cut:]
                host.parts = host.parts[:cut]
                break


def _note_start(units: list[Unit], page: list[int], context: str, following: str | None = None) -> int | None:
    # Look at the bottom of the page only: notes are short compared with a page. ``following``: the mark
    # after the last note of the pages above ("1" before any; None when the last mark is no number).
    lo = max(1, len(page) - 30)
    for j in range(lo, len(page)):
        t = _lead(units[page[j]].text)
        m = _BARE_NUMBER.match(t) or _NUMBER_TEXT.match(t)
        if not m:
            continue
        mark = m.group(1)
        if not 1 <= int(mark) <= 200:
            continue
        # Something must follow on the page, and the mark must appear glued in the text above.
        if j == len(page) - 1 and _BARE_NUMBER.match(t):
            continue
        if _numbered_heading(units, page, j, t):
            trace.note((units[page[j]].no,), "notes.numbered-heading")
            continue
        if (
            mark == following
            and _BARE_NUMBER.match(t)
            and _note_text_below(units, page, j)
            and (mark != "1" or _lone_first_note(units, page, j))
        ):
            trace.note((units[page[j]].no,), "notes.next-in-sequence")
            return j
        if glued_mark(context, mark):
            # (not the numbered entries of a reference list headed above them on the page: "1. R. Hill,
            # ..."; a bare number under a heading that ends the page still marks a note)
            return None if not _BARE_NUMBER.match(t) and _under_ref_heading(units, page, j) else j
    return None


def _note_text_below(units: list[Unit], page: list[int], j: int) -> bool:
    """Rule "notes.next-in-sequence": "... the silences between" / "3" / "" / "Marina Lowe, Writing the Past
    (Boston, 1990), 31." at a page's foot, the notes of the pages above ending at 2: a bare number that goes on
    with the notes' numbering starts this page's notes even where its mark was lost in the text above
    (pdftotext prints superscripts apart, or drops them), when a note's text opens below it."""
    from .headings import title_case  # (here: headings imports chunks and layout, as this module does)

    text = units[page[j + 1]].text
    if not rx.match(r"^[\p{Lu}“\"‘(\[]", text):
        return False
    # ("2" / "Methods of the Survey": a numbered heading whose number stands on a line of its own)
    return not (len(text.split()) <= 12 and not text.endswith((".", ",", ";", ":", ")")) and title_case(text))


def _lone_first_note(units: list[Unit], page: list[int], j: int) -> bool:
    """A paper's first note, "1" over its text, whose mark the text above lost: the last thing on its page,
    a few lines that end a sentence (not a table's "1" over more cells, nor a numbered section over its text)."""
    rest = [units[page[i]].text for i in range(j + 1, len(page))]
    return 1 <= len(rest) <= 4 and _finished(rest[-1]) and all(rx.search(r"\p{L}{2,}.*\s\S", t) for t in rest)


def _numbered_heading(units: list[Unit], page: list[int], j: int, t: str) -> bool:
    """Rule "notes.numbered-heading": "1 Introduction" or "2. Results of the Survey" on a page with a
    paragraph starting under it is a numbered section heading, not a note: a short title-case line with no
    closing punctuation, the next line on the page a sentence's start. (A note's first line ends a sentence
    or runs on in lower case: "1 See Smith (2004)." / "2 This point was made by".)"""
    from .headings import title_case  # (here: headings imports chunks and layout, as this module does)

    m = _NUMBER_TEXT.match(t)
    if m is None or j + 1 >= len(page):
        return False
    rest, nxt = m.group(2), units[page[j + 1]]
    return (
        len(rest.split()) <= 12
        and not rest.endswith((".", ",", ";", ":", "!", "?", ")"))
        and title_case(rest)
        and nxt.gap == "none"
        and rx.match(r"^\p{Lu}\p{Ll}", nxt.text) is not None
    )


def _under_ref_heading(units: list[Unit], page: list[int], j: int) -> bool:
    from .refsection import ref_heading  # (here: refsection imports layout, as this module does)

    return any(ref_heading(units[page[i]].text) for i in range(j))


def _item_mark(m: rx.Match[str]) -> str:
    # Superscript marks ("¹") are given as their numbers, like every other note mark.
    return (m.group(1) or m.group(2) or m.group(3) or m.group(4)).translate(_SUPERSCRIPT)


def notes_section(body: list[Unit]) -> tuple[list[Unit], list[RawNote], Unit | None]:
    """A "Notes"/"Endnotes" heading followed by numbered notes: split it off the body."""
    text_above = ""
    for k in range(len(body) - 1, -1, -1):
        if _RULE.match(body[k].text):
            # A Word copy: a rule line, then the notes; their marks must be in the text above.
            if not text_above:
                text_above = "\n".join(u.text for u in body[:k])
            first = _SECTION_ITEM.match(body[k + 1].text) if k + 1 < len(body) else None
            if first is None or not glued_mark(text_above, _item_mark(first)):
                continue
        elif not _NOTES_HEADING.match(body[k].text):
            continue
        rest = body[k + 1 :]
        if not rest or not _SECTION_ITEM.match(rest[0].text):
            continue
        notes: list[RawNote] = []
        end = len(rest)
        for j, u in enumerate(rest):
            m = _SECTION_ITEM.match(u.text)
            if m:
                notes.append(RawNote(_item_mark(m), u.no, [m.group(5)]))
            elif notes and u.gap == "none":
                notes[-1].parts.append(u.text)
            else:
                end = j
                break
        return body[:k] + rest[end:], notes, body[k]
    return body, [], None


_BRACKET_NOTE = rx.compile(
    r"^\[(?:footnote|note)\s+(?P<mark>[\w*†]{1,4})\s*:\s*(?P<text>.*)$",
    rx.IGNORECASE,
    gated=True,
)


def bracket_notes(body: list[Unit]) -> tuple[list[Unit], list[RawNote]]:
    """E-text notes written inline as "[Footnote 1: text]" blocks (Project Gutenberg style)."""
    kept: list[Unit] = []
    notes: list[RawNote] = []
    open_note: RawNote | None = None
    for u in body:
        if open_note is not None:
            text = u.text
            if text.endswith("]"):
                open_note.parts.append(text[:-1].rstrip())
                open_note = None
            else:
                open_note.parts.append(text)
            continue
        m = _BRACKET_NOTE.match(u.text)
        if m:
            note = RawNote(f"[{m.group('mark')}]", u.no)
            text = m.group("text")
            notes.append(note)
            if text.endswith("]"):
                note.parts.append(text[:-1].rstrip())
            else:
                if text:
                    note.parts.append(text)
                open_note = note
            continue
        kept.append(u)
    return kept, notes


# Rule trailing-endnotes: Word prints endnotes at the end of the paper, each mark on a line of its own
# ("1" / "Smith, A Title (2004), 12." / "2" / "Ibid., 14." ... or, its default, "i" / ... / "ii" / ...),
# without a heading or under "Notes"; the marks are glued to words of the text above ("... the reef.vi",
# "... one of them.12"). A run of such marks counting up from 1 (or i) that ends the text, each followed
# by a few lines of note, are the notes. A mark lost on the way (pdftotext took it for a page number)
# leaves its text with the note before. Seen in 4 of the 366 MICUSP dev papers (NRE.G2.04.1 in roman
# numerals, PHI.G0.02.1, PHI.G0.02.2 under "NOTES", PHI.G0.02.3), read as body paragraphs before.
_ROMAN = rx.compile(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ENDNOTE_LINES = 8  # lines of one endnote at most
_ENDNOTES_MIN = 3


def _roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if _ROMAN_VALUES.get(b, 0) > v else v
    return total


def _endnote_mark(text: str) -> tuple[str, int] | None:
    """("digit" or "roman", value) of a line that is an endnote mark alone."""
    if _BARE_NUMBER.match(text):
        return "digit", int(text)
    if len(text) <= 6 and _ROMAN.match(text):
        return "roman", _roman_value(text)
    return None


def _glued_roman(text: str, mark: str) -> bool:
    # "... the reef.vi" / "... MBRS,vii": after a word and its punctuation (a bare "i" after a letter is a
    # word's end: "Hawaii"), before a space or the end of a line
    return bool(rx.search(rf"(?m)(?<=\p{{L}}[.,;:][’”\"')]?){mark}(?=\s|$)", text))


def _endnote_run(body: list[Unit], k: int, taken: frozenset[int]) -> list[RawNote] | None:
    """The notes of a run of marks from ``body[k]`` (mark 1 or i) to the end of the body, or None. A
    run may skip the numbers of notes already taken at page bottoms (``taken``), and may open on the
    text of note 1 at the top of a page (pdftotext took its "1" for the page number)."""
    first = _endnote_mark(body[k].text)
    notes: list[RawNote] = []
    if first is None:
        if body[k].gap != "page" or 1 in taken:
            return None
        first = ("digit", 0)  # (note 1's text comes first; its mark was lost)
        notes.append(RawNote("1", body[k].no))
    elif first[1] != 1:
        return None
    style = first[0]
    value = 1 if notes else 0
    lost = 0
    for u in body[k:]:
        mark = _endnote_mark(u.text)
        between = [] if mark is None else [n for n in range(value + 1, mark[1]) if n not in taken]
        if (
            mark is not None
            and mark[0] == style
            and value < mark[1]
            and len(between) <= 1
            and (not notes or notes[-1].parts)
        ):
            lost += len(between)
            value = mark[1]
            notes.append(RawNote(u.text, u.no))
            continue
        if len(notes[-1].parts) >= _ENDNOTE_LINES:
            return None
        notes[-1].parts.append(u.text)
    if len(notes) < _ENDNOTES_MIN or not notes[-1].parts or lost > len(notes) // 5 + 1:
        return None
    return notes


def trailing_endnotes(body: list[Unit], page_notes: list[RawNote]) -> tuple[list[Unit], list[RawNote], Unit | None]:
    """Rule trailing-endnotes (see above): (body without the notes, the notes, a "Notes" heading over them).
    ``page_notes``: the notes already taken at page bottoms (the endnote pages' lower parts)."""
    taken = frozenset(int(n.mark) for n in page_notes if n.mark.isdigit())
    for k in range(len(body) - _ENDNOTES_MIN * 2, 0, -1):
        notes = _endnote_run(body, k, taken)
        if notes is None:
            continue
        above = "\n".join(u.text for u in body[:k])
        glued = _glued_roman if notes[0].mark == "i" else glued_mark
        # two of the first three marks in the text above (the first may sit on the title, read apart)
        if sum(1 for n in notes[:3] if glued(above, n.mark)) < 2:
            return body, [], None
        heading = body[k - 1] if _NOTES_HEADING.match(body[k - 1].text) else None
        return body[: k - 1 if heading else k], notes, heading
    return body, [], None
