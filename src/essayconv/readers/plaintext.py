"""The plain-text reader: an essay copied from a web page, PDF or Word file into the document model."""

from __future__ import annotations

from . import _rx as re

from ..diagnostics import Diagnostic
from ..model import Block, BlockQuote, Document, Footnote, Heading, Inline, ListBlock, Paragraph, Preformatted, Reference, Removed, plain_text
from .blocks import build_blocks
from .chunks import chunk_units
from .furniture import find_furniture, split_lines
from .inline import parse_inlines
from .layout import KnownWords, Unit, Wrap, measure_wrap, units_of
from .notes import NoteSet, bracket_notes, find_page_notes, notes_section
from .refsection import REF_HEADING, build_references, fold, is_back_matter, looks_like_entry, split_entries
from . import trace
from .titleblock import read_title_block


def read(text: str, *, source_name: str | None = None) -> Document:
    """Read a decoded essay (LF line ends) into a Document."""
    lines = split_lines(text)
    furniture = find_furniture(lines)
    removed = [Removed(lines[i].no, lines[i].raw, f.reason, f.rule) for i, f in sorted(furniture.items())]
    diags: list[Diagnostic] = []
    units = units_of(lines, furniture)
    wrap = measure_wrap(units)
    known = KnownWords(units)

    # Footnotes printed at page bottoms (PDF copies) come out first: they interrupt the body text.
    tracing = trace.active()
    before = units
    page_notes, units = find_page_notes(units, wrap)
    if tracing:
        _trace_taken(before, units, "footnote", "notes.page-bottom")

    title = read_title_block(units, wrap)
    meta = title.meta
    title_lines = set(title.title_units)
    kept_meta = [v for v in (meta.author, meta.instructor, meta.course, meta.date, meta.affiliation) if v]
    for u in units[: title.used]:
        # Lines that became meta values are written again; anything else in the block is dropped.
        if u.no in title_lines and meta.title and u.text not in meta.title:
            # "Title: Light and Growth" (the title maybe going on over the next lines): the label is not
            # part of the title, but it was in the text.
            removed.append(Removed(u.no, _outside_title(u.text, meta.title), "title-prefix", title.rule or "titleblock.title-label"))
            continue
        if u.no in title_lines or u.text in kept_meta or (meta.subtitle and u.text in meta.subtitle):
            continue
        site = u.no in title.site_lines
        removed.append(
            Removed(u.no, u.text, "boilerplate" if site else "title-block", "titleblock.site-line" if site else "titleblock.unkept-line")
        )
    body = units[title.used :]
    if tracing:
        _trace_title_block(units[: title.used], title_lines, title.rule, title.line_rules)

    before = body
    body, ref_units, ref_heading, extra_removed = _split_references(body, wrap)
    if tracing:
        _trace_taken(before, body + ref_units, "references-heading", "refsection.heading")
    removed.extend(extra_removed)
    entries, used = split_entries(ref_units, wrap) if ref_units else ([], 0)
    back = ref_units[used:]  # appendices, figure legends, bios after the list
    if tracing:
        trace.record((u.no for u in ref_units[:used]), "reference", "refsection.entries")
    references = build_references(entries)

    before = body
    body, bracketed = bracket_notes(body)
    body, section_notes, notes_heading = notes_section(body)
    if tracing:
        _trace_taken(before, body, "footnote", "notes.notes-section")
    section_notes = bracketed + section_notes
    if notes_heading is not None:
        removed.append(Removed(notes_heading.no, notes_heading.text, "notes-heading", "notes.notes-section"))
    for n in page_notes + section_notes:
        if not n.parts:
            removed.append(Removed(n.line, n.mark, "note-mark", "notes.mark-without-text"))
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
        titles = {_norm_title(meta.title), full}
        kept_blocks = []
        k = 0
        while k < len(blocks):
            b = blocks[k]
            if not isinstance(b, Heading):
                kept_blocks.append(b)
                k += 1
                continue
            # (a title set over two lines comes back as two headings: "American Education:" / "A Force for ...")
            for run in (blocks[k : k + 1], blocks[k : k + 2]):
                heads = [h for h in run if isinstance(h, Heading) and h.numbering is None]
                if len(heads) == len(run) and _norm_title(" ".join(plain_text(h.content) for h in heads)) in titles:
                    for h in heads:
                        removed.append(Removed(h.line or 0, plain_text(h.content), "title-repeat", "plaintext.title-repeated"))
                    k += len(run)
                    break
            else:
                kept_blocks.append(b)
                k += 1
        blocks = kept_blocks
    if back:
        blocks += build_blocks(chunk_units(back, wrap), wrap, known, parse, back_matter=True)
    if tracing:
        _trace_blocks(blocks, body + back)
    footnotes = tuple(Footnote(n.id, parse(n.text, n.line), n.mark, n.line) for n in notes.notes)
    if ref_heading is None and references:
        diags.append(
            Diagnostic("references-without-heading", "info", f"found {len(references)} reference(s) at the end without a heading")
        )
    for r in references:
        if r.confidence < 0.3:
            diags.append(Diagnostic("reference-unparsed", "warning", f"could not parse reference: {r.raw[:60]}", r.line))
    removed.sort(key=lambda r: r.line)
    if tracing:
        for r in removed:
            trace.record((r.line,), f"removed:{r.reason}", r.rule)
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


def _trace_taken(before: list[Unit], after: list[Unit], became: str, rule: str) -> None:
    """Record the lines a stage took out of the running text (notes) as ``became`` by ``rule``."""
    kept = {u.no for u in after}
    trace.record((u.no for u in before if u.no not in kept), became, rule)


def _trace_title_block(block: list[Unit], title_lines: set[int], rule: str, line_rules: dict[int, str]) -> None:
    # (the rule that chose the title, or that took the line: titleblock's TitleBlock.rule and .line_rules)
    for u in block:
        if u.no in title_lines:
            trace.record((u.no,), "title", line_rules.get(u.no) or rule or "titleblock.title")
        else:
            trace.record((u.no,), "meta", line_rules.get(u.no, "titleblock.meta-line"))


_BLOCK_KIND = {Heading: "heading", BlockQuote: "block-quote", ListBlock: "list", Preformatted: "preformatted"}


def _became(block: Block) -> str:
    if isinstance(block, Paragraph):
        return "paragraph" if block.role == "body" else block.role  # abstract, caption, epigraph
    return _BLOCK_KIND[type(block)]


def _trace_blocks(blocks: list[Block], units: list[Unit]) -> None:
    """What each body line became, from the blocks read: a block holds the lines from its first line to
    the next block's. The rule is the one the block rules recorded for the line, or "blocks.<kind>"."""
    starts = sorted((b.line, k) for k, b in enumerate(blocks) if b.line)
    if not starts:
        return
    current = trace.current()
    i = 0
    for u in units:
        while i + 1 < len(starts) and starts[i + 1][0] <= u.no:
            i += 1
        if u.no < starts[0][0]:
            continue
        became = _became(blocks[starts[i][1]])
        prior = current.get(u.no)
        trace.record((u.no,), became, prior.rule if prior is not None else f"blocks.{became}")


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
            removed.append(Removed(u.no, u.text, "duplicate-heading", "refsection.stacked-headings"))
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
