"""The plain-text reader: an essay copied from a web page, PDF or Word file into the document model."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..diagnostics import Diagnostic
from ..model import (
    Block,
    BlockQuote,
    Document,
    Footnote,
    Heading,
    Inline,
    ListBlock,
    Meta,
    Paragraph,
    Preformatted,
    Reference,
    Removed,
    plain_text,
)
from ..names import ascii_stem
from . import _rx as rx
from . import trace
from .blocks import build_blocks, cells_between_material, short_line_runs
from .chunks import chunk_units
from .furniture import Furniture, Line, find_furniture, split_lines
from .headings import heading_run
from .inline import NUMBERS_KEPT, bracket_numbers, cites_by_author_page, parse_inlines
from .layout import KnownWords, Unit, Wrap, measure_wrap, prose_wrap, units_of, words_at_most
from .linelabel import review_headings
from .notes import NoteSet, RawNote, bracket_notes, find_page_notes, notes_section, trailing_endnotes
from .refsection import RawEntry, build_references, find_list, split_entries
from .titleblock import TitleBlock, read_title_block


def read(text: str, *, source_name: str | None = None, review: bool = True) -> Document:
    """Read a decoded essay (LF line ends) into a Document.

    ``review``: in hard-wrapped text (PDF copies, what the labeller learnt from) the learned line labeller
    (readers/linelabel.py) reviews the rules' headings at the end and vetoes those it is sure are none; it
    reads the rules' trace, so such a read keeps one. ``review=False`` is the rules alone (what the labeller
    is trained on)."""
    lines = split_lines(text)
    furniture = find_furniture(lines)
    units = units_of(lines, furniture)
    wrap = measure_wrap(units)
    review = review and wrap.wrapped
    if review and not trace.active():
        with trace.tracing():
            return _read(lines, furniture, units, wrap, source_name, review)
    return _read(lines, furniture, units, wrap, source_name, review)


def _read(
    lines: list[Line],
    furniture: dict[int, Furniture],
    units: list[Unit],
    wrap: Wrap,
    source_name: str | None,
    review: bool,
) -> Document:
    """The reading, in order: furniture, page-bottom notes, title block, reference list, notes, blocks.
    Each step takes its lines out of the body and gives the ones it drops to ``removed`` with a reason."""
    removed = [Removed(lines[i].no, lines[i].raw, f.reason, f.rule) for i, f in sorted(furniture.items())]
    known = KnownWords(units)
    all_units = units
    # Footnotes printed at page bottoms (PDF copies) come out first: they interrupt the body text.
    page_notes, units = find_page_notes(units, wrap)
    if trace.active():
        _trace_taken(all_units, units, "footnote", "notes.page-bottom")
    title = read_title_block(units, wrap)
    removed.extend(_title_block_removed(units[: title.used], title))
    if trace.active():
        _trace_title_block(units[: title.used], set(title.title_units), title.rule, title.line_rules)
    body, refs = _read_references(units[title.used :], wrap)
    removed.extend(refs.removed)
    body, notes = _read_notes(body, page_notes, removed)
    parse = _inline_parser(body, refs.references, notes)
    blocks = heading_run(_read_blocks(body, refs.back, wrap, known, parse, title.meta, removed))
    if review:
        blocks = _review_headings(blocks, all_units, wrap)
        blocks = _cells_after_veto(blocks, body)
    if wrap.wrapped:
        blocks = _short_line_runs(blocks, body + refs.back)
    footnotes = tuple(Footnote(n.id, parse(n.text, n.line), n.mark, n.line) for n in notes.notes)
    removed.sort(key=lambda r: r.line)
    if trace.active():
        for r in removed:
            trace.record((r.line,), f"removed:{r.reason}", r.rule)
    return Document(
        meta=title.meta,
        blocks=tuple(blocks),
        footnotes=footnotes,
        references=tuple(refs.references),
        references_heading=refs.heading,
        removed=tuple(removed),
        diagnostics=(
            *_reference_diagnostics(refs.references, refs.heading),
            *_unnumbered_list_numbers(body, refs.references, notes),
        ),
        source_name=source_name,
    )


def _title_block_removed(block: list[Unit], title: TitleBlock) -> list[Removed]:
    """The lines of the title block that are not written again: lines that became meta values are (the
    title, the author, ...); anything else in the block is dropped."""
    meta = title.meta
    title_lines = set(title.title_units)
    kept_meta = [v for v in (meta.author, meta.instructor, meta.course, meta.date, meta.affiliation) if v]
    out: list[Removed] = []
    for u in block:
        if u.no in title_lines and meta.title and u.text not in meta.title:
            # "Title: Light and Growth" (the title maybe going on over the next lines): the label is not
            # part of the title, but it was in the text.
            out.append(
                Removed(
                    u.no, _outside_title(u.text, meta.title), "title-prefix", title.rule or "titleblock.title-label"
                )
            )
        elif not (u.no in title_lines or u.text in kept_meta or (meta.subtitle and u.text in meta.subtitle)):
            out.append(_unkept_title_line(u, title))
    return out


def _unkept_title_line(u: Unit, title: TitleBlock) -> Removed:
    """A line of the title block that is no meta value: the site's (above the title) or the block's."""
    if u.no in title.site_lines:
        return Removed(u.no, u.text, "boilerplate", "titleblock.site-line")
    return Removed(u.no, u.text, "title-block", "titleblock.unkept-line")


class _RefSection(NamedTuple):
    """The reference list read off the end of the body."""

    references: list[Reference]
    heading: str | None  # as written; None: a list found without one
    back: list[Unit]  # appendices, figure legends, bios after the list
    removed: list[Removed]  # the heading's extra lines, the list's subheadings


def _read_references(body: list[Unit], wrap: Wrap) -> tuple[list[Unit], _RefSection]:
    """The body without its reference list, and the list: its lines split into entries, each parsed."""
    before = body
    body, ref_units, ref_heading, removed = find_list(body, wrap)
    if trace.active():
        _trace_taken(before, body + ref_units, "references-heading", "refsection.heading")
    entries, used, subheads = split_entries(ref_units, wrap) if ref_units else ([], 0, [])
    if trace.active():
        _trace_entries(entries, ref_units[:used])
    references = build_references(entries)
    return body, _RefSection(references, ref_heading, ref_units[used:], removed + subheads)


def _trace_entries(entries: list[RawEntry], used: list[Unit]) -> None:
    """Each entry's lines, credited to the rule that started it; bullets that pdftotext printed on lines
    of their own only mark entries."""
    for e in entries:
        trace.record(e.lines, "reference", e.rule)
    in_entries = {n for e in entries for n in e.lines}
    trace.record((u.no for u in used if u.no not in in_entries), "reference", "refsection.bullet-mark")


def _read_notes(body: list[Unit], page_notes: list[RawNote], removed: list[Removed]) -> tuple[list[Unit], NoteSet]:
    """The body without its notes, and the notes: bracketed e-text notes, then a "Notes" section or, if
    there is none, trailing endnotes, with the page-bottom notes already taken. A notes heading and a
    note mark without text go to ``removed``."""
    before = body
    body, bracketed = bracket_notes(body)
    body, section_notes, notes_heading = notes_section(body)
    notes_rule = "notes.notes-section"
    if not section_notes:
        body, section_notes, notes_heading = trailing_endnotes(body, page_notes)
        notes_rule = "notes.trailing-endnotes"
    if trace.active():
        _trace_taken(before, body, "footnote", notes_rule)
    section_notes = bracketed + section_notes
    if notes_heading is not None:
        removed.append(Removed(notes_heading.no, notes_heading.text, "notes-heading", notes_rule))
    for n in page_notes + section_notes:
        if not n.parts:
            removed.append(Removed(n.line, n.mark, "note-mark", "notes.mark-without-text"))
    return body, NoteSet.merge(page_notes, section_notes)


InlineParser = Callable[[str, int], tuple[Inline, ...]]


def _numbered_list(references: list[Reference]) -> bool:
    """Whether the list numbers its entries ("[3]", "3."), most of them at least."""
    return bool(references) and sum(1 for r in references if r.number is not None) >= 0.6 * len(references)


def _inline_parser(body: list[Unit], references: list[Reference], notes: NoteSet) -> InlineParser:
    """The inline parser for this essay's text, told what its citations can be: numbers in parentheses
    when the list numbers two entries or more and the text has no bracketed numbers; numbers in brackets
    unless there is a list that numbers no entry (_unnumbered_list_numbers); the first authors of the list
    (and whether the text cites them by page alone), the note marks."""
    numbered_refs = _numbered_list(references)
    body_plain = "\n".join(u.text for u in body)
    # (with one entry, numbered or not, "(20)" is a page or a count: MLA's "(20)" after a quotation; a text
    # with numbers in brackets, "[3]", "[2, 5]", "[4-6]", cites by them, not by "(3)")
    paren_numeric = numbered_refs and len(references) >= 2 and not bracket_numbers(body_plain)
    bracket_numeric = numbered_refs or not references
    authors = _first_authors(references) if references else None
    unlisted_pages = authors is not None and cites_by_author_page(body_plain, authors)
    marks = notes.marks()

    def parse(s: str, line: int) -> tuple[Inline, ...]:
        return parse_inlines(
            s,
            line,
            paren_numeric=paren_numeric,
            bracket_numeric=bracket_numeric,
            note_marks=marks,
            authors=authors,
            unlisted_pages=unlisted_pages,
        )

    return parse


def _unnumbered_list_numbers(body: list[Unit], references: list[Reference], notes: NoteSet) -> list[Diagnostic]:
    """A warning when the text cites by number ("[1]", "[2]") and the reference list numbers no entry: the
    numbers stay as written, since which entry each means is a guess (list order? the order cited?)."""
    if not references or _numbered_list(references):
        return []
    marks = notes.marks()  # (an e-text's "[1]" marks its note "1")
    for u in body:
        number = next((n for n in bracket_numbers(u.text) if n not in marks and n.strip("[]") not in marks), None)
        if number:
            return [
                Diagnostic(
                    NUMBERS_KEPT,
                    "warning",
                    f"'{number}' and the like look like numbered citations, but the reference list numbers no "
                    "entry: they are kept as written (number the entries to link them)",
                    line=u.no,
                )
            ]
    return []


def _read_blocks(
    body: list[Unit],
    back: list[Unit],
    wrap: Wrap,
    known: KnownWords,
    parse: InlineParser,
    meta: Meta,
    removed: list[Removed],
) -> list[Block]:
    """The body's blocks (the title repeated over the text dropped to ``removed``), then the back matter's."""
    blocks = build_blocks(chunk_units(body, prose_wrap(body, wrap)), wrap, known, parse)
    if meta.title:
        blocks = _drop_title_repeat(blocks, meta, removed)
    if back:
        blocks += build_blocks(chunk_units(back, wrap), wrap, known, parse, back_matter=True)
    if trace.active():
        _trace_blocks(blocks, body + back)
    return blocks


def _reference_diagnostics(references: list[Reference], heading: str | None) -> list[Diagnostic]:
    """A list found without a heading (info), and each entry the parser could not parse (its mark:
    confidence 0.0, references/parse.py)."""
    diags: list[Diagnostic] = []
    if heading is None and references:
        diags.append(
            Diagnostic(
                "references-without-heading",
                "info",
                f"found {len(references)} reference(s) at the end without a heading",
            )
        )
    for r in references:
        if r.confidence == 0.0:
            diags.append(
                Diagnostic("reference-unparsed", "warning", f"could not parse reference: {r.raw[:60]}", r.line)
            )
    return diags


def _review_headings(blocks: list[Block], units: list[Unit], wrap: Wrap) -> list[Block]:
    """Rule linelabel.veto: the headings the learned labeller is sure are none (table labels, form fields,
    figure titles) are set as caption paragraphs, their words kept."""
    reviewed = review_headings(blocks, units, wrap, trace.current())
    for old, new in zip(blocks, reviewed):
        if new is not old and new.line:
            trace.record((new.line,), "caption", "linelabel.veto")
    return reviewed


def _cells_after_veto(blocks: list[Block], units: list[Unit]) -> list[Block]:
    """Rule blocks.cell-between-captions (readers/blocks.py): a short line between a table's labels, which
    the labeller set as captions, and its figures is a cell, not a paragraph."""
    cells, changed = cells_between_material(blocks)
    _trace_preformatted(cells, changed, units, "blocks.cell-between-captions")
    return cells


def _short_line_runs(blocks: list[Block], units: list[Unit]) -> list[Block]:
    """Rule blocks.short-line-run (readers/blocks.py): three or more short plain paragraphs in a row in a
    PDF copy are lines whose breaks matter (a table's rows, a poem, a program's output): one preformatted
    block."""
    out, taken = short_line_runs(blocks)
    _trace_preformatted(blocks, taken, units, "blocks.short-line-run")
    return out


def _trace_preformatted(blocks: list[Block], indexes: list[int], units: list[Unit], rule: str) -> None:
    """Trace the source lines of ``blocks[i]`` for each i of ``indexes`` (up to the next block's line)
    that the trace had as paragraph lines as set preformatted by ``rule``."""
    if not indexes or not trace.active():
        return
    starts = sorted(b.line for b in blocks if b.line)
    steps = trace.current()
    for i in indexes:
        line = blocks[i].line
        assert line is not None
        end = next((s for s in starts if s > line), line + 1)
        trace.record(
            (u.no for u in units if line <= u.no < end and steps.get(u.no, (None,))[0] == "paragraph"),
            "preformatted",
            rule,
        )


def _drop_title_repeat(blocks: list[Block], meta: Meta, removed: list[Removed]) -> list[Block]:
    """Rule title-repeated: APA papers repeat the title over the first page of text; it is not a section
    heading (nor a paragraph, where the heading rules set a lone line as prose). A title set over two lines
    comes back as two blocks ("American Education:" / "A Force for ...")."""
    full = _norm_title(f"{meta.title}: {meta.subtitle}") if meta.subtitle else None
    titles = {_norm_title(meta.title or ""), full}
    texts = [_title_like(b) for b in blocks]
    kept: list[Block] = []
    k = 0
    while k < len(blocks):
        for n in (1, 2):
            run = texts[k : k + n]
            if len(run) == n and None not in run and _norm_title(" ".join(run)) in titles:  # type: ignore[arg-type]
                for b, text in zip(blocks[k : k + n], run):
                    removed.append(Removed(b.line or 0, text or "", "title-repeat", "plaintext.title-repeated"))
                k += n
                break
        else:
            kept.append(blocks[k])
            k += 1
    return kept


def _title_like(block: Block) -> str | None:
    """The text of a block that may be the title repeated (an unnumbered heading, or a short line of body
    text), else None."""
    if isinstance(block, Heading) and block.numbering is None:
        return plain_text(block.content)
    if isinstance(block, Paragraph) and block.role == "body":
        text = plain_text(block.content)
        return text if words_at_most(text, 40) else None
    return None


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
        return "paragraph" if block.role == "body" else block.role  # abstract, caption
    if isinstance(block, BlockQuote) and block.paragraphs[0].role == "epigraph":
        return "epigraph"
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
        # (a rule's record counts for what it made: a heading that a later block rule set as a table is not
        # the heading rule's doing)
        trace.record(
            (u.no,), became, prior.rule if prior is not None and prior.became == became else f"blocks.{became}"
        )


def _norm_title(text: str) -> str:
    return rx.sub(r"[^\p{L}\p{N}]+", " ", text).strip().lower()


def _first_authors(refs: list[Reference]) -> set[str]:
    """Folded family names of the first authors (every word of them: "van der Berg" -> "berg")."""
    out: set[str] = set()
    for r in refs:
        for a in (r.csl.get("author") or r.csl.get("editor") or [])[:3]:
            name = a.get("family") or a.get("literal") or ""
            out.update(ascii_stem(w) for w in name.split() if ascii_stem(w))
            if name:
                out.add(ascii_stem(name))
        m = rx.match(r"^\s*(?:\[\d+\]|\d+\.)?\s*(\p{Lu}[\p{L}'’\-]+)", r.raw)
        if m:
            out.add(ascii_stem(m.group(1)))
    return out


def _outside_title(text: str, title: str) -> str:
    """What a title line holds before the part that is in the title: the label of "Title: Light and Growth"."""
    for start in range(1, len(text)):
        rest = text[start:].strip()
        if rest and rest in title:
            return text[:start].strip()
    return text
