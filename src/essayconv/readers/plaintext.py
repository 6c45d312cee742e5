"""The plain-text reader: an essay copied from a web page, PDF or Word file into the document model."""

from __future__ import annotations

from . import _rx as re

from ..diagnostics import Diagnostic
from ..model import Document, Footnote, Heading, Inline, Reference, Removed, plain_text
from .blocks import build_blocks
from .chunks import chunk_units
from .furniture import find_furniture, split_lines
from .inline import parse_inlines
from .layout import KnownWords, Unit, Wrap, measure_wrap, units_of
from .notes import NoteSet, bracket_notes, find_page_notes, notes_section
from .refsection import REF_HEADING, build_references, fold, is_back_matter, looks_like_entry, split_entries
from .titleblock import read_title_block


def read(text: str, *, source_name: str | None = None) -> Document:
    """Read a decoded essay (LF line ends) into a Document."""
    lines = split_lines(text)
    furniture = find_furniture(lines)
    removed = [Removed(lines[i].no, lines[i].raw, why) for i, why in sorted(furniture.items())]
    diags: list[Diagnostic] = []
    units = units_of(lines, furniture)
    wrap = measure_wrap(units)
    known = KnownWords(units)

    # Footnotes printed at page bottoms (PDF copies) come out first: they interrupt the body text.
    page_notes, units = find_page_notes(units, wrap)

    title = read_title_block(units, wrap)
    meta = title.meta
    title_lines = set(title.title_units)
    kept_meta = [v for v in (meta.author, meta.instructor, meta.course, meta.date, meta.affiliation) if v]
    for u in units[: title.used]:
        # Lines that became meta values are written again; anything else in the block is dropped.
        if u.no in title_lines and meta.title and u.text not in meta.title:
            # "Title: Light and Growth" (the title maybe going on over the next lines): the label is not
            # part of the title, but it was in the text.
            removed.append(Removed(u.no, _outside_title(u.text, meta.title), "title-prefix"))
            continue
        if u.no in title_lines or u.text in kept_meta or (meta.subtitle and u.text in meta.subtitle):
            continue
        removed.append(Removed(u.no, u.text, "boilerplate" if u.no in title.site_lines else "title-block"))
    body = units[title.used :]

    body, ref_units, ref_heading, extra_removed = _split_references(body, wrap)
    removed.extend(extra_removed)
    entries, used = split_entries(ref_units, wrap) if ref_units else ([], 0)
    back = ref_units[used:]  # appendices, figure legends, bios after the list
    references = build_references(entries)

    body, bracketed = bracket_notes(body)
    body, section_notes, notes_heading = notes_section(body)
    section_notes = bracketed + section_notes
    if notes_heading is not None:
        removed.append(Removed(notes_heading.no, notes_heading.text, "notes-heading"))
    for n in page_notes + section_notes:
        if not n.parts:
            removed.append(Removed(n.line, n.mark, "note-mark"))
    notes = NoteSet.merge(page_notes, section_notes)

    numbered_refs = bool(references) and sum(1 for r in references if r.number is not None) >= 0.6 * len(references)
    body_plain = "\n".join(u.text for u in body)
    paren_numeric = numbered_refs and not re.search(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]", body_plain)
    authors = _first_authors(references) if references else None
    marks = notes.marks()

    def parse(s: str, line: int) -> tuple[Inline, ...]:
        return parse_inlines(s, line, paren_numeric=paren_numeric, note_marks=marks, authors=authors)

    chunks = chunk_units(body, wrap)
    blocks = build_blocks(chunks, wrap, known, parse)
    if meta.title:
        # APA papers repeat the title over the first page of text: it is not a section heading.
        full = _norm_title(f"{meta.title}: {meta.subtitle}") if meta.subtitle else None
        kept_blocks = []
        for b in blocks:
            if isinstance(b, Heading) and b.numbering is None and _norm_title(plain_text(b.content)) in {_norm_title(meta.title), full}:
                removed.append(Removed(b.line or 0, plain_text(b.content), "title-repeat"))
                continue
            kept_blocks.append(b)
        blocks = kept_blocks
    if back:
        blocks += build_blocks(chunk_units(back, wrap), wrap, known, parse, back_matter=True)
    footnotes = tuple(Footnote(n.id, parse(n.text, n.line), n.mark, n.line) for n in notes.notes)
    if ref_heading is None and references:
        diags.append(
            Diagnostic("references-without-heading", "info", f"found {len(references)} reference(s) at the end without a heading")
        )
    for r in references:
        if r.confidence < 0.3:
            diags.append(Diagnostic("reference-unparsed", "warning", f"could not parse reference: {r.raw[:60]}", r.line))
    removed.sort(key=lambda r: r.line)
    return Document(
        meta=meta,
        blocks=tuple(blocks),
        footnotes=footnotes,
        references=tuple(references),
        references_heading=ref_heading,
        removed=tuple(removed),
        diagnostics=tuple(diags),
        source_name=source_name,
    )


def _norm_title(text: str) -> str:
    return re.sub(r"[^\p{L}\p{N}]+", " ", text).strip().lower()


def _first_authors(refs: list[Reference]) -> set[str]:
    """Folded family names of the first authors (every word of them: "van der Berg" -> "berg")."""
    out: set[str] = set()
    for r in refs:
        for a in (r.csl.get("author") or r.csl.get("editor") or [])[:3]:
            name = a.get("family") or a.get("literal") or ""
            out.update(fold(w) for w in name.split() if fold(w))
            if name:
                out.add(fold(name))
        m = re.match(r"^\s*(?:\[\d+\]|\d+\.)?\s*(\p{Lu}[\p{L}'’\-]+)", r.raw)
        if m:
            out.add(fold(m.group(1)))
    return out


def _split_references(
    body: list[Unit], wrap: Wrap
) -> tuple[list[Unit], list[Unit], str | None, list[Removed]]:
    """(body, reference lines, heading as written, removed lines) for the essay's reference list."""
    removed: list[Removed] = []
    idx = None
    for k in range(len(body) - 1, -1, -1):
        # A heading early in the text must be followed by entries (a table of contents has none).
        if REF_HEADING.match(body[k].text) and (
            k >= len(body) * 0.3 - 1 or any(looks_like_entry(u.text) for u in body[k + 1 : k + 4])
        ):
            idx = k
            break
    if idx is not None:
        # "Literature Cited:" directly followed by "Works Cited": one list under two headings.
        start = idx
        while start > 0 and REF_HEADING.match(body[start - 1].text):
            start -= 1
        heading = body[start].text
        for u in body[start + 1 : idx + 1]:
            removed.append(Removed(u.no, u.text, "duplicate-heading"))
        refs = body[idx + 1 :]
        return body[:start], refs, heading, removed
    # No heading: a trailing run of lines shaped like entries.
    start = _trailing_entries(body, wrap)
    if start is None:
        return body, [], None, removed
    return body[:start], body[start:], None, removed


def _trailing_entries(body: list[Unit], wrap: Wrap) -> int | None:
    end = len(body)
    # Figure legends and appendices may follow the list.
    while end > 0 and is_back_matter(body[end - 1].text):
        end -= 1
    k = end - 1
    starts = 0
    first = None
    while k >= 0:
        u = body[k]
        if looks_like_entry(u.text) and (u.gap != "none" or k == 0 or _ended(body[k - 1].text) or not wrap.wrapped):
            starts += 1
            first = k
            k -= 1
            continue
        if wrap.wrapped and k > 0 and u.gap == "none" and not _ended(body[k - 1].text):
            k -= 1
            continue
        break
    if first is None:
        return None
    if starts < 2:
        # One or two entries are a list only when the essay cites them: the family name and year
        # of each entry appear together in the text above.
        entries = [u.text for u in body[first:end] if looks_like_entry(u.text)]
        prose = "\n".join(u.text for u in body[:first])
        if not entries or not all(_cited_above(e, prose) for e in entries):
            return None
    return first


def _cited_above(entry: str, prose: str) -> bool:
    m = re.match(r"^\s*(?:\[\d+\]|\d+\.)?\s*[•\-–*]?\s*(?:(?:van|von|de|der|den|del|da|di|du|la|le)\s+)*(\p{Lu}[\p{L}\p{M}'’\-]+)", entry)
    y = re.search(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.", entry[:200])
    if not m or not y:
        return False
    name, year = re.escape(m.group(1)), re.escape(y.group(0))
    return bool(re.search(rf"\b{name}\b[^()\n]{{0,60}}?[(,\s]\s*{year}|\b{name}\b[^\n]{{0,40}}\(\s*{year}", prose))


def _ended(text: str) -> bool:
    return bool(re.search(r"[.!?\"”)\]]$|\d$", text))


def _outside_title(text: str, title: str) -> str:
    """What a title line holds before the part that is in the title: the label of "Title: Light and Growth"."""
    for start in range(1, len(text)):
        rest = text[start:].strip()
        if rest and rest in title:
            return text[:start].strip()
    return text
