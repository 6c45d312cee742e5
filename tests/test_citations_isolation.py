"""Importing and using essayconv leaves citeproc-py as it was for other code in the process: no
module attribute, class attribute or shared list of citeproc-py is rebound or changed, and a plain
citeproc-py rendering gives citeproc-py's own output after essayconv has rendered (issue 19).

Each check runs in a fresh interpreter, so that citeproc-py is recorded before essayconv is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# A plain citeproc-py rendering whose output the engine's changes would alter: a title ending in "?"
# before the style's period (citeproc-py keeps "?."; essayconv's seam drops the period), and a
# CSL 1.0.2 name variable (``director``: citeproc-py's JSON reader leaves it a string).
PLAIN_RENDER = r"""
def plain_render():
    import os

    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = [{"id": "q", "type": "book", "title": "Why sleep?", "publisher": "Acme",
              "author": [{"family": "Walker", "given": "Matthew"}], "issued": {"date-parts": [[2017]]},
              "director": [{"family": "Doe", "given": "Jane"}]}]
    source = CiteProcJSON(items)
    style = CitationStylesStyle(os.path.join(citeproc.STYLES_PATH, "harvard-cite-them-right.csl"), validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    citation = Citation([CitationItem("q")])
    bib.register(citation)
    cite = str(bib.cite(citation, lambda item: None))
    entries = [str(e) for e in bib.bibliography()]
    return {"cite": cite, "entries": entries, "director": repr(type(source["q"]["director"]))}
"""

# Every attribute of every citeproc module and of every class defined in one, by identity (and the
# contents of the module-level lists and dicts, which can be changed without rebinding them), and the
# subclasses of citeproc.model's elements (citeproc's own XML parser picks its element classes among
# CitationStylesElement.__subclasses__(): essayconv's elements must not be found there). Subclasses
# elsewhere (essayconv's CitationItem) change nothing citeproc-py does.
SNAPSHOT = r"""
import sys, types

def snapshot():
    import citeproc, citeproc.formatter, citeproc.frontend, citeproc.model, citeproc.source
    import citeproc.source.json, citeproc.string

    out = {}
    for name, module in sorted(sys.modules.items()):
        if not (name == "citeproc" or name.startswith("citeproc.")) or module is None:
            continue
        for attr, value in vars(module).items():
            if attr == "__warningregistry__":  # (Python's record of warnings shown, not citeproc's state)
                continue
            key = f"{name}.{attr}"
            out[key] = id(value)
            if isinstance(value, (list, dict, set)):
                out[key + "[contents]"] = repr(value)
            if isinstance(value, type) and value.__module__ == name:
                for cattr, cvalue in vars(value).items():
                    out[f"{key}.{cattr}"] = id(cvalue)
                if name == "citeproc.model":
                    out[f"{key}.__subclasses__"] = repr(sorted(c.__qualname__ for c in value.__subclasses__()))
    return out
"""

SCRIPT = (
    PLAIN_RENDER
    + SNAPSHOT
    + r"""
import json
before = snapshot()
own = plain_render()
before_again = snapshot()  # (citeproc's own rendering changes nothing either: the check is sound)

import essayconv
from essayconv.convert import convert
from essayconv.options import ConvertOptions

essay = sys.argv[1]
for style in ("apa", "mla", "chicago-notes", "ieee", "harvard"):
    for to in ("json", "docx"):
        convert(essay, ConvertOptions(to=to, style=style))
after = snapshot()
changed = sorted(k for k in before if k in after and before[k] != after[k])
print(json.dumps({"changed": changed, "sound": all(before_again.get(k) == v for k, v in before.items()), "own": own, "after": plain_render(),
                  "engine": "essayconv.citations.engine" in sys.modules}))
"""
)

ESSAY = """Why We Sleep

Sleep consolidates memory (Walker, 2017, p. 12). Others disagree (Doe & Roe, 2019).

References

Walker, M. (2017). Why we sleep? Scribner.

Doe, J., & Roe, R. (2019). Sleep and the student. Journal of Sleep Studies, 4(2), 1-10. https://doi.org/10.1000/xyz
"""


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", SCRIPT, ESSAY], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_essayconv_rendered_with_its_engine(report: dict[str, object]) -> None:
    assert report["engine"] is True  # (the conversions went through the citation pass)


def test_no_citeproc_attribute_is_changed(report: dict[str, object]) -> None:
    assert report["sound"] is True
    assert report["changed"] == []


def test_the_named_patch_points_are_recorded() -> None:
    # the attributes essayconv used to rebind are among those compared
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    code = SNAPSHOT + "\nimport json\nprint(json.dumps(sorted(snapshot())))"
    keys = set(
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
            ).stdout
        )
    )
    for key in (
        "citeproc.string.normalize_seam",
        "citeproc.model.normalize_seam",
        "citeproc.NAMES[contents]",
        "citeproc.model.CitationStylesElement.xpath_search",
        "citeproc.source.CitationItem.reference",
        "citeproc.source.json.NAMES[contents]",
        "citeproc.string.MixedString.__add__",
    ):
        assert key in keys


def test_plain_citeproc_renders_as_citeproc_after_essayconv(report: dict[str, object]) -> None:
    own, after = report["own"], report["after"]
    assert after == own
    assert "?." in " ".join(own["entries"])  # type: ignore[index]  # (citeproc-py's own seam, not essayconv's)
    assert "str" in own["director"]  # type: ignore[index]  # (not a name list: citeproc-py's NAMES)
