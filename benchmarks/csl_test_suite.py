"""Pass rate of essayconv's CSL engine on the official CSL processor test suite (humans fixtures).

usage: python benchmarks/csl_test_suite.py [--suite DIR] [--only SUBSTRING] [--show-failures N] [--timeout S]

Each fixture (MODE, RESULT, CSL, INPUT, optional CITATION-ITEMS) is rendered through
essayconv.citations.csl.Session, as HTML in citeproc-js's conventions, and compared with RESULT after
whitespace normalisation (runs of whitespace as one space; none next to a div tag, where HTML does not
show it). Fixtures that use what essayconv's interface cannot express (the CITATIONS
protocol with note numbers and pre/post citations, BIBENTRIES / BIBSECTION, output modes other than
citation / bibliography, citation flags such as suppress-author) are counted as skipped, not failed.
Prints per-category failures and, last, ``pass NN.N% (ok/total)`` over all fixtures and over the
in-scope ones.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

_SECTION = re.compile(r">>=+\s*([A-Z-]+)\s*=+>>\n(.*?)\n?<<=+\s*\1\s*=+<<", re.S)
# CiteItem has locator, label, prefix and suffix; anything else on a citation item is out of scope
_ITEM_KEYS = {"id", "locator", "label", "prefix", "suffix"}


class Skip(Exception):
    """The fixture uses a feature outside essayconv's interface."""


class Timeout(Exception):
    pass


def sections(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in _SECTION.finditer(text)}


def normalise(s: str) -> str:
    """Whitespace runs as one space, none next to a div tag (HTML does not show it there)."""
    s = s.replace("&amp;", "&#38;")
    s = re.sub(r"\s*(</?div[^>]*>)\s*", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


def run_fixture(path: Path, tmpdir: Path) -> tuple[str, str]:
    """(expected, actual) HTML for one fixture; raises Skip."""
    from essayconv.citations import csl as engine
    from essayconv.citations import formatter
    from essayconv.citations.styles import StyleInfo
    from essayconv.model import CiteItem, Text

    sec = sections(path.read_text(encoding="utf-8"))
    mode = sec.get("MODE", "").strip()
    if mode not in ("citation", "bibliography"):
        raise Skip(f"mode {mode}")
    for unsupported in ("CITATIONS", "BIBENTRIES", "BIBSECTION", "ABBREVIATIONS"):
        if unsupported in sec:
            raise Skip(unsupported.lower())
    items: list[dict[str, Any]] = json.loads(sec["INPUT"])
    if any("id" not in it for it in items):
        raise Skip("item without id")  # every essayconv Reference has an id
    cit_items = json.loads(sec["CITATION-ITEMS"]) if "CITATION-ITEMS" in sec else None
    if cit_items:
        for c in cit_items:
            for it in c:
                extra = set(it) - _ITEM_KEYS
                if extra:
                    raise Skip("citation flag " + ",".join(sorted(extra)))
    csl_path = tmpdir / f"{path.stem}.csl"
    csl_path.write_text(sec["CSL"], encoding="utf-8")
    style_class = "note" if re.search(r'<style[^>]*class="note"', sec["CSL"]) else "in-text"
    info = StyleInfo(id=path.stem, title=path.stem, path=csl_path, parent_id=None, style_class=style_class,  # type: ignore[arg-type]
                     family="author-date", bib_heading="References", citation_format="", default_locale=None)
    session = engine.Session(info, items)
    by_lower = {str(it["id"]).lower() for it in items}
    citations = []
    if cit_items is not None:
        for c in cit_items:
            cis = []
            for it in c:
                key = str(it["id"]).lower()
                if key not in by_lower:
                    raise Skip("cites a missing item")
                cis.append(CiteItem(key=key, locator=str(it["locator"]) if it.get("locator") else None,
                                    label=it.get("label"), prefix=it.get("prefix", ""), suffix=it.get("suffix", "")))
            citations.append(session.citation(tuple(cis)))
    elif mode == "citation":
        citations.append(session.citation(tuple(CiteItem(key=str(it["id"]).lower()) for it in items)))
    else:
        from citeproc import Citation, CitationItem

        session.bib.register(Citation([CitationItem(str(it["id"]).lower()) for it in items]))
    session.sort()
    session.disambiguate()
    expected = sec["RESULT"]
    if mode == "citation":
        lines = []
        for c in citations:
            m = session.cite(c)
            lines.append(formatter.to_html(engine._cleanup(m)) if m is not None else "")
        return normalise(expected), normalise("\n".join(lines))
    if not session.style.has_bibliography():
        raise Skip("no bibliography")
    out = []
    for e in session.entries():
        if e.content is None:
            continue
        body = formatter.to_html(engine._cleanup(e.content))
        if e.label is not None:
            lab = formatter.to_html((Text(formatter.strip_markers(e.label)),))
            body = f'<div class="csl-left-margin">{lab}</div><div class="csl-right-inline">{body}</div>'
        out.append(f'  <div class="csl-entry">{body}</div>')
    actual = '<div class="csl-bib-body">\n' + "\n".join(out) + "\n</div>"
    return normalise(expected), normalise(actual)


def _alarm(_signum: int, _frame: Any) -> None:
    raise Timeout()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", default=str(Path(__file__).resolve().parent.parent.parent / "shared/bench/csl/test-suite/humans"))
    ap.add_argument("--only", default="")
    ap.add_argument("--show-failures", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=10)
    ap.add_argument("--list-failures", action="store_true")
    args = ap.parse_args()
    import warnings

    warnings.simplefilter("ignore")
    files = sorted(p for p in Path(args.suite).glob("*.txt") if args.only in p.name)
    ok = skipped = 0
    failed: list[tuple[str, str, str]] = []
    skip_reasons: Counter[str] = Counter()
    fail_by_cat: Counter[str] = Counter()
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory() as tmp:
        for p in files:
            signal.alarm(args.timeout)
            try:
                exp, act = run_fixture(p, Path(tmp))
            except Skip as s:
                skipped += 1
                skip_reasons[str(s).split(" ")[0]] += 1
                continue
            except Timeout:
                exp, act = "", "<timeout>"
            except Exception as err:  # noqa: BLE001 - a crash is a failure of that fixture
                exp, act = "", f"<crash {type(err).__name__}: {err}>"
            finally:
                signal.alarm(0)
            if exp == act:
                ok += 1
            else:
                failed.append((p.name, exp, act))
                fail_by_cat[p.name.split("_")[0]] += 1
    total = len(files)
    scope = total - skipped
    for name, exp, act in failed[: args.show_failures]:
        print(f"--- {name}\n  expected: {exp[:300]}\n  actual:   {act[:300]}")
    if args.list_failures:
        for name, _e, _a in failed:
            print("FAIL", name)
    print("failures by category:", ", ".join(f"{k} {v}" for k, v in fail_by_cat.most_common()))
    print("skipped:", ", ".join(f"{k} {v}" for k, v in skip_reasons.most_common()))
    print(f"in scope: pass {100 * ok / max(scope, 1):.1f}% ({ok}/{scope})")
    print(f"pass {100 * ok / max(total, 1):.1f}% ({ok}/{total}; {skipped} skipped count as not passed)")


if __name__ == "__main__":
    main()
