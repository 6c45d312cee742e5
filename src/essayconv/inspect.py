"""What the reader found, as one JSON-ready dict (``essayconv inspect --json``) or a readable report."""

from __future__ import annotations

from typing import Any

from .model import (
    BlockQuote,
    Cite,
    Document,
    Heading,
    Inlines,
    ListBlock,
    NoteRef,
    Paragraph,
    Preformatted,
    iter_nodes,
    plain_text,
)
from .readers.trace import Trace
from .references.confidence import is_unsure

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_META_FIELDS = (
    "title",
    "subtitle",
    "author",
    "instructor",
    "course",
    "affiliation",
    "date",
    "language",
    "running_head",
)


def body_text(doc: Document) -> str:
    """The essay text that will be written: title block, headings, paragraphs, quotes, lists, notes; no references."""
    parts: list[str] = []
    m = doc.meta
    for value in (m.title, m.subtitle, m.author, m.affiliation, m.course, m.instructor, m.date):
        if value:
            parts.append(value)
    for b in doc.blocks:
        match b:
            case Heading(content=c, numbering=n):
                text = plain_text(c)
                parts.append(f"{n} {text}" if n else text)
            case Paragraph(content=c):
                parts.append(plain_text(c))
            case BlockQuote(paragraphs=ps):
                parts.extend(plain_text(p.content) for p in ps)
            case ListBlock(items=items):
                parts.append("\n".join(f"{it.marker} {plain_text(it.content)}".strip() for it in items))
            case Preformatted(text=t):
                parts.append(t)
            case _:
                raise TypeError(f"not a block: {b!r}")
    for fn in doc.footnotes:
        parts.append(f"{fn.mark} {plain_text(fn.content)}".strip())
    return "\n\n".join(parts)


def count_paragraphs(doc: Document) -> int:
    """Prose paragraphs, abstract included; headings, quotes, lists, tables, notes, references and the rest of a
    paragraph after a display (role "continuation": the same paragraph) excluded."""
    return sum(1 for b in doc.blocks if isinstance(b, Paragraph) and b.role in ("body", "abstract"))


def citations(doc: Document) -> list[dict[str, Any]]:
    """Every citation and footnote mark of the body (then of the notes), in reading order."""
    out: list[dict[str, Any]] = []

    def walk(inlines: Inlines, line: int | None) -> None:
        for node in iter_nodes(inlines):
            match node:
                case Cite(items=items, text=text, mode=mode, line=ln):
                    out.append({"text": text, "keys": [it.key for it in items if it.key], "mode": mode, "line": ln})
                case NoteRef(note_id=nid, mark=mark):
                    # a note mark is reported as its number: "¹" as "1" (an HTML "<sup>1</sup>" stays as printed)
                    out.append(
                        {
                            "text": mark.translate(_SUPERSCRIPT_DIGITS),
                            "keys": [],
                            "mode": "note-mark",
                            "note": nid,
                            "line": line,
                        }
                    )
                case _:
                    pass

    for b in doc.blocks:
        match b:
            case Heading(content=c, line=ln) | Paragraph(content=c, line=ln):
                walk(c, ln)
            case BlockQuote(paragraphs=ps):
                for p in ps:
                    walk(p.content, p.line)
            case ListBlock(items=items, line=ln):
                for it in items:
                    walk(it.content, ln)
            case _:
                pass
    for fn in doc.footnotes:
        walk(fn.content, fn.line)
    return out


def inspect_dict(doc: Document) -> dict[str, Any]:
    """The stable inspect keys that later issues and outside checks read."""
    meta = {k: getattr(doc.meta, k) for k in _META_FIELDS if getattr(doc.meta, k)}
    headings = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            text = plain_text(b.content)
            headings.append(
                {
                    "text": f"{b.numbering} {text}" if b.numbering else text,
                    "level": b.level,
                    **({"numbering": b.numbering} if b.numbering else {}),
                }
            )
    refs = [
        {
            "id": r.id,
            "raw": r.raw,
            "csl": dict(r.csl),
            "confidence": round(r.confidence, 3),
            "uncertain": list(r.uncertain),
            "unsure": is_unsure(r.confidence),  # the flag the conversion warns of and check notes
            "line": r.line,
        }
        for r in doc.references
    ]
    cites = citations(doc)
    return {
        "title": doc.meta.title,
        "meta": meta,
        "headings": headings,
        "paragraphs": count_paragraphs(doc),
        "references_heading": doc.references_heading,
        "references": refs,
        "citations": cites,
        "footnotes": len(doc.footnotes),
        "removed": [r.text for r in doc.removed],
        "removed_detail": [{"line": r.line, "text": r.text, "reason": r.reason, "rule": r.rule} for r in doc.removed],
        "body_text": body_text(doc),
        "diagnostics": [
            {"code": d.code, "severity": d.severity, "line": d.line, "message": d.message} for d in doc.diagnostics
        ],
    }


def report(doc: Document, source: str) -> str:
    """A readable summary of inspect_dict for a terminal."""
    d = inspect_dict(doc)
    out: list[str] = [f"{source}"]
    out.append(f"  title:      {d['title'] if d['title'] is not None else '(none found)'}")
    for k, v in d["meta"].items():
        if k not in ("title", "language"):
            out.append(f"  {k + ':':<11} {v}")
    out.append(f"  paragraphs: {d['paragraphs']}   footnotes: {d['footnotes']}")
    out.append(f"  headings:   {len(d['headings'])}")
    for h in d["headings"]:
        out.append(f"    {'  ' * (h['level'] - 1)}{h['text']}")
    heading = f" under {d['references_heading']!r}" if d["references_heading"] else " (no heading)"
    out.append(f"  references: {len(d['references'])}{heading}")
    for r in d["references"]:
        flag = f"  UNSURE (of: {', '.join(r['uncertain']) or 'the whole entry'})" if r["unsure"] else ""
        out.append(f"    [{r['id']}] {r['raw'][:90]}{'…' if len(r['raw']) > 90 else ''}")
        out.append(f"      {r['csl'].get('type', '?')}, confidence {r['confidence']:.2f}{flag}")
    cites = [c for c in d["citations"] if c["mode"] != "note-mark"]
    marks = len(d["citations"]) - len(cites)
    unresolved = sum(1 for c in cites if not c["keys"])
    # (a footnote mark points at its note, not at a reference: it is neither linked nor unresolved)
    out.append(f"  citations:  {len(cites)} ({unresolved} unresolved)" + (f", note marks: {marks}" if marks else ""))
    for c in d["citations"]:
        target = f"note {c['note']}" if c["mode"] == "note-mark" else ", ".join(c["keys"]) or "(unresolved)"
        out.append(f"    line {c['line']}: {c['text']} -> {target}")
    out.append(f"  removed:    {len(d['removed'])} lines")
    for r in d["removed_detail"]:
        out.append(f"    line {r['line']} ({r['reason']}, {r['rule']}): {r['text'][:90]}")
    if d["diagnostics"]:
        out.append(f"  diagnostics: {len(d['diagnostics'])}")
        for g in d["diagnostics"]:
            where = f"line {g['line']}: " if g["line"] else ""
            out.append(f"    {g['severity']}: {where}{g['message']} [{g['code']}]")
    return "\n".join(out) + "\n"


def trace_lines(text: str, steps: Trace) -> list[dict[str, Any]]:
    """For each source line of the decoded ``text``: what it became, the rule that decided, and the earlier
    rules that decided something about it (``essayconv inspect --trace``). ``steps`` is the trace kept while
    the text was read."""
    out: list[dict[str, Any]] = []
    for no, line in enumerate(text.split("\n"), 1):
        step = steps.get(no)
        if step is not None:
            became, rule = step
        elif not line.strip():
            became, rule = "blank", ""
        else:
            became, rule = "unaccounted", ""  # (a reader defect: every kept line belongs to something)
        earlier = [r for r in steps.rules.get(no, []) if r != rule]
        out.append({"line": no, "became": became, "rule": rule, "earlier": earlier, "text": line.strip()})
    return out


def trace_report(rows: list[dict[str, Any]], source: str) -> str:
    """The trace as aligned columns: line, what it became, rule, the line's text (cut at 70 characters); the
    earlier rules of a line, when there are any, on the next line."""
    out = [f"{source}: {len(rows)} lines", f"{'line':>5}  {'became':<18} {'rule':<36} text"]
    for r in rows:
        if r["became"] == "blank":
            out.append(f"{r['line']:>5}")
            continue
        text = r["text"] if len(r["text"]) <= 70 else r["text"][:69] + "…"
        out.append(f"{r['line']:>5}  {r['became']:<18} {r['rule']:<36} {text}")
        if r["earlier"]:
            out.append(f"{'':>5}  {'':<18} (after {', '.join(r['earlier'])})")
    return "\n".join(out) + "\n"
