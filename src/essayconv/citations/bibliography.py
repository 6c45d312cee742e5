"""The user's own items for the reference list (``--bibliography refs.json``, ``refs.bib``, ``refs.ris``).

The way to fix a reference the parser got wrong: ``essayconv refs extract essay.txt -o refs.json`` writes the
list as parsed (``extract``), the user corrects an item, and the conversion takes the corrected items
instead of the parses (``apply``). Each item replaces the entry it matches, in this order:
  1. by id: ``refs extract`` writes the reader's ids ("smith2020a"), which the same essay always gets;
  2. by raw string: the entry as written, which ``refs extract`` keeps in the item's ``note``;
  3. by first author and year, when exactly one entry left has them.
An item that matches no entry is a warning naming it, unless the essay cites it by key (Markdown's
``[@key]``, as pandoc does): then it joins the list. Entries without an item keep their parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec.structs import replace

from ..diagnostics import ConversionError, Diagnostic
from ..model import Document, Reference
from ..names import fold
from ..references.imports import RAW_FIELD, reference_of


def extract(doc: Document) -> list[dict[str, Any]]:
    """The essay's reference list as CSL-JSON items: the parse, the reader's id, the raw entry in ``note``."""
    out = []
    for ref in doc.references:
        item = {"id": ref.id, **{k: v for k, v in ref.csl.items() if k != "id"}}
        item.setdefault(RAW_FIELD, ref.raw)
        out.append(item)
    return out


def load(path: str | Path) -> list[dict[str, Any]]:
    """The CSL-JSON items of ``path`` (an array, one object, or one object per line); ConversionError
    (one line, naming the file) for anything else."""
    from ..references.imports import NotCslJson, csl_json_items

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise ConversionError(f"bibliography {name}: cannot read: {err.strerror or err}") from None
    suffix = Path(path).suffix.lower()
    if suffix in _OTHER_FORMATS:
        try:
            return _OTHER_FORMATS[suffix](data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ConversionError(f"bibliography {name}: not UTF-8 text") from None
        except ValueError as err:
            raise ConversionError(f"bibliography {name}: {err}") from None
    try:
        items = csl_json_items(data, f"bibliography {name}")
    except NotCslJson as err:
        raise ConversionError(str(err)) from None
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ConversionError(f"bibliography {name}: item {n} is not a JSON object")
    return items


def _bibtex(text: str) -> list[dict[str, Any]]:
    from ..references.imports import bibtex_items

    return bibtex_items(text)


def _ris(text: str) -> list[dict[str, Any]]:
    from ..references.imports import ris_items

    return ris_items(text)


# Files read by their suffix other than as CSL-JSON: BibTeX (Zotero, JabRef, Google Scholar) and RIS
# (EndNote, Mendeley, the databases).
_OTHER_FORMATS = {".bib": _bibtex, ".bibtex": _bibtex, ".ris": _ris}


def apply(doc: Document, items: list[dict[str, Any]]) -> Document:
    """``doc`` with each reference that an item matches rendered from the item instead of its parse, and
    the items cited by key added to the list."""
    refs = list(doc.references)
    taken: dict[int, dict[str, Any]] = {}
    diags: list[Diagnostic] = []
    keys = _cited_keys(doc)
    added: list[Reference] = []
    for n, item in enumerate(items, start=1):
        index = _match(item, refs, taken)
        if index is None and str(item.get("id", "")).casefold() in keys:
            added.append(reference_of(item))
            keys.discard(added[-1].id)
            continue
        if index is None:
            label = item.get("id") or item.get("title") or f"item {n}"
            diags.append(
                Diagnostic(
                    "bibliography-unmatched",
                    "warning",
                    f"bibliography item {str(label)[:80]!r} matches no entry of the reference list",
                )
            )
            continue
        taken[index] = item
    for index, item in taken.items():
        ref = refs[index]
        csl = {k: v for k, v in item.items() if not (k == RAW_FIELD and _same(v, ref.raw))}
        csl["id"] = ref.id  # the citations link to the entry's id
        refs[index] = replace(ref, csl=csl, confidence=1.0, uncertain=())
    return replace(doc, references=tuple(refs + added), diagnostics=doc.diagnostics + tuple(diags))


def _cited_keys(doc: Document) -> set[str]:
    """The keys the essay cites items by (Markdown's "[@key]"), that no entry of its own list has."""
    from ..model import all_cites

    ids = {r.id for r in doc.references}
    return {it.key for c in all_cites(doc) for it in c.items if it.key and it.key not in ids}


def _match(item: dict[str, Any], refs: list[Reference], taken: dict[int, Any]) -> int | None:
    free = [i for i in range(len(refs)) if i not in taken]
    for rule in (_by_id, _by_raw, _by_author_year):
        found = [i for i in free if rule(item, refs[i])]
        if len(found) == 1 or (found and rule is not _by_author_year):
            return found[0]
    return None


def _by_id(item: dict[str, Any], ref: Reference) -> bool:
    return str(item.get("id", "")).casefold() == ref.id


def _by_raw(item: dict[str, Any], ref: Reference) -> bool:
    return isinstance(item.get(RAW_FIELD), str) and _same(item[RAW_FIELD], ref.raw)


def _by_author_year(item: dict[str, Any], ref: Reference) -> bool:
    key = _author_year(item)
    return key is not None and key == _author_year(dict(ref.csl))


def _author_year(item: dict[str, Any]) -> tuple[str, str] | None:
    names = item.get("author") or item.get("editor") or []
    first = names[0] if isinstance(names, list) and names and isinstance(names[0], dict) else {}
    family = fold(str(first.get("family") or first.get("literal") or ""))
    parts = (item.get("issued") or {}).get("date-parts") if isinstance(item.get("issued"), dict) else None
    year = str(parts[0][0]) if parts and parts[0] else ""
    return (family, year) if family and year else None


def _same(a: Any, b: str) -> bool:
    return isinstance(a, str) and " ".join(a.split()) == " ".join(b.split())
