"""Agreement of essayconv's CSL rendering with citeproc-js on the bench items (the bench/csl protocol).

usage: python benchmarks/csl_agreement.py --items ITEMS.json --expected EXPECTED.json
           [--engine essayconv|plain] [--styles a,b] [--write ACTUAL.json] [--diff STYLE] [--limit N]

Every item is registered in file order and cited once, alone, in that order (a first note for note
styles); bibliography entries and citations are rendered as HTML and compared after the same
normalisation as bench/csl/check.py. Prints one line per style and last ``agreement NN.N% (ok/total)``.
``--engine plain`` measures bare citeproc-py 0.11.1 (the baseline).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def norm(s: str | None) -> str | None:
    """The normalisation of bench/csl/check.py."""
    if s is None:
        return None
    s = re.sub(r'<span style="font-variant:\s*small-caps;?">(.*?)</span>', r"<sc>\1</sc>", s, flags=re.S)
    s = re.sub(r'<span style="font-style:\s*normal;?">(.*?)</span>', r"\1", s, flags=re.S)
    s = re.sub(r"</div>\s*<div class=\"csl-right-inline\">", " ", s)
    s = re.sub(r"</?(?!(?:i|b|sup|sub|sc)>)[a-zA-Z][^>]*>", "", s)
    s = html.unescape(s)
    return re.sub(r"\s+", " ", s).strip()


def render_plain(items: list[dict[str, Any]], style_id: str) -> dict[str, dict[str, str | None]]:
    """Bare citeproc-py with its HTML formatter; an item that crashes renders as None."""
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc import formatter as cformatter
    from citeproc.source.json import CiteProcJSON

    warnings.simplefilter("ignore")
    bib_out: dict[str, str | None] = {}
    cite_out: dict[str, str | None] = {}
    try:
        style = CitationStylesStyle(style_id, validate=False)
        source = CiteProcJSON(items)
        bib = CitationStylesBibliography(style, source, cformatter.html)
        citations = []
        for it in items:
            c = Citation([CitationItem(str(it["id"]))])
            bib.register(c)
            citations.append((str(it["id"]), c))
        for key, c in citations:
            try:
                cite_out[key] = str(bib.cite(c, lambda _: None))
            except Exception:
                cite_out[key] = None
        try:
            bib.sort()
        except Exception:
            pass
        layout = style.root.bibliography.layout
        for ci in bib.items:
            try:
                layout.repressed = {}
                bib_out[ci.key] = str(style.root.bibliography.render([ci])[0])
            except Exception:
                bib_out[ci.key] = None
    except Exception:
        pass
    return {"bib": bib_out, "cite": cite_out}


def render_essayconv(items: list[dict[str, Any]], style_id: str) -> dict[str, dict[str, str | None]]:
    from essayconv.citations.csl import render_bench

    return render_bench(items, style_id)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--engine", choices=("essayconv", "plain"), default="essayconv")
    ap.add_argument("--styles", help="comma-separated subset of the expected styles")
    ap.add_argument("--write", help="write the actual renderings here (check.py's ACTUAL shape)")
    ap.add_argument("--diff", help="print disagreements for this style")
    ap.add_argument("--limit", type=int, default=20)
    a = ap.parse_args()
    items = json.loads(Path(a.items).read_text(encoding="utf-8"))
    expected = json.loads(Path(a.expected).read_text(encoding="utf-8"))
    styles = a.styles.split(",") if a.styles else list(expected)
    render = render_plain if a.engine == "plain" else render_essayconv
    actual: dict[str, Any] = {}
    tot_ok = tot_n = 0
    for style in styles:
        exp = expected[style]
        t0 = time.perf_counter()
        got = render(items, style)
        ms = 1000 * (time.perf_counter() - t0)
        actual[style] = got
        row = []
        for kind in ("bib", "cite"):
            ids = list(exp[kind])
            ok = 0
            shown = 0
            for i in ids:
                x, y = norm(exp[kind][i]), norm(got[kind].get(i))
                if x == y:
                    ok += 1
                elif a.diff == style and shown < a.limit:
                    shown += 1
                    print(f"  [{kind}] {i}\n    citeproc-js: {x}\n    actual:      {y}")
            tot_ok += ok
            tot_n += len(ids)
            row.append(f"{kind} {ok}/{len(ids)} ({100.0 * ok / max(1, len(ids)):.1f}%)")
        print(f"{style:32s} " + "   ".join(row) + f"   {ms:.0f} ms", flush=True)
    if a.write:
        Path(a.write).write_text(json.dumps(actual, ensure_ascii=False), encoding="utf-8")
    print(f"agreement {100.0 * tot_ok / max(1, tot_n):.1f}% ({tot_ok}/{tot_n})")


if __name__ == "__main__":
    main()
