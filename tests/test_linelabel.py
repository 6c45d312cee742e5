"""The line labeller: truth aligned to lines, features without corpus words, training from scratch, the
shipped model on an essay of each kind of line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from essayconv.model import Document, Heading, plain_text
from essayconv.readers import linelabel, trace
from essayconv.readers.furniture import find_furniture, split_lines
from essayconv.readers.layout import Unit, measure_wrap, units_of
from essayconv.readers.linelabel import Labeller, LineView, features, views
from essayconv.readers.linelabel_train import align, extract, folds, load_corpus, train
from essayconv.readers.plaintext import read

TOPICS = ["harbour", "lantern", "orchard", "glacier", "meadow", "quarry", "estuary", "granary"]
SECTIONS = ["Introduction", "Background", "Methods", "Results", "Discussion", "Conclusion"]
WORDS = (
    "the survey of the {t} shows that water and soil move slowly across the plain while farmers record "
    "every change in their ledgers and compare the seasons with older notes from the village"
).split()


def _wrap(text: str, width: int = 72) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return lines + [cur] if cur else lines


def essay(i: int) -> tuple[str, dict]:
    """A wrapped essay with a title, headings, paragraphs, one indented block quote and a reference list."""
    t = TOPICS[i % len(TOPICS)]
    title = f"Notes on the {t.capitalize()} of the Northern {TOPICS[(i + 3) % 8].capitalize()}"
    out = [title, ""]
    heads, quotes = [], []
    for k, sec in enumerate(SECTIONS[: 3 + i % 3]):
        heads.append(sec)
        out += [sec, ""]
        for p in range(2):
            words = [w.format(t=t) for w in WORDS]
            body = " ".join(words[(p + k) % 5 :] + words[: (p + k) % 5]).capitalize() + "."
            out += _wrap(body + " " + body) + [""]
        if k == 1:
            q = f"a {t} is never finished, it is only left for the next season to keep and mend again"
            quotes.append(q)
            out += ["      " + x for x in _wrap(q, 60)] + [""]
    refs = [
        f"Marlow, A. ({1990 + i}). The {t} ledgers. Field Press.",
        f"Quist, B. ({2001 + i % 9}). Soil and time. Plain Books.",
    ]
    out += ["References", ""] + refs
    truth = {
        "title": title,
        "headings": heads,
        "references_heading": "References",
        "references": refs,
        "block_quotes": quotes,
        "n_block_quotes": len(quotes),
    }
    return "\n".join(out) + "\n", truth


def _traced(text: str) -> tuple[Document, trace.Trace, list[Unit]]:
    """The essay read by the rules with their trace, and its kept lines (units)."""
    with trace.tracing() as decided:
        doc = read(text)
    lines = split_lines(text)
    return doc, decided, units_of(lines, find_furniture(lines))


def _corpus(tmp_path: Path, n: int) -> Path:
    (tmp_path / "txt").mkdir()
    (tmp_path / "truth").mkdir()
    for i in range(n):
        text, truth = essay(i)
        (tmp_path / "txt" / f"E{i:02d}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "truth" / f"E{i:02d}.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_align_labels_title_headings_quotes_and_references() -> None:
    text, truth = essay(1)
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    labels = dict(zip(lines, align(lines, truth)))
    assert labels[truth["title"]] == "TITLE"
    assert labels["Methods"] == labels["Background"] == "HEADING"
    assert labels["References"] == "REF" and all(labels[r] == "REF" for r in truth["references"])
    quote_lines = [x for x in lines if x in truth["block_quotes"][0]]
    assert quote_lines and all(labels[x] == "BQ" for x in quote_lines)
    assert sum(1 for v in labels.values() if v == "BODY") >= 6


def test_align_joins_a_heading_over_two_lines_and_marks_optional_ones() -> None:
    lines = ["A Title", "Long Heading About", "the Orchard", "Body text of the essay goes on here.", "Summary Table"]
    truth = {"title": "A Title", "headings": ["Long Heading About the Orchard"], "headings_optional": ["Summary Table"]}
    assert align(lines, truth) == ["TITLE", "HEADING", "HEADING", "BODY", "HOPT"]


def test_features_hold_no_essay_words_but_section_names() -> None:
    lines = [
        LineView("Introduction", "blank", 0, "heading", "blocks.heading", True),
        LineView("Zanzibar quokka marmalade ventures outward", "blank", 0, "paragraph", "blocks.paragraph", True),
    ]
    feats = " ".join(f for item in features(lines, 70, True) for f in item).lower()
    assert "sec:introduction" in feats
    assert not any(w in feats for w in ("zanzibar", "quokka", "marmalade", "ventures"))


def test_train_from_scratch_learns_headings(tmp_path: Path) -> None:
    recs = load_corpus(_corpus(tmp_path, 12))
    model = Labeller(train(recs[:10], tmp_path / "tiny.crfsuite", {"max_iterations": 60}))
    for rec in recs[10:]:
        got = model.label([LineView(*v) for v in rec["lines"]], rec["width"], rec["wrapped"])
        heads = [v[0] for v, (lab, _) in zip(rec["lines"], got) if lab == "HEADING"]
        gold = [v[0] for v, g in zip(rec["lines"], rec["gold"]) if g == "HEADING"]
        assert heads == gold
        assert all(0.0 <= p <= 1.0 for _, p in got)


def test_folds_partition_reproducibly() -> None:
    recs = [{"id": str(i)} for i in range(11)]
    parts = folds(recs, 5)
    assert sorted(r["id"] for p in parts for r in p) == sorted(r["id"] for r in recs)
    assert [[r["id"] for r in p] for p in parts] == [[r["id"] for r in p] for p in folds(recs, 5)]


def test_extract_gives_one_view_and_label_per_kept_line(tmp_path: Path) -> None:
    text, truth = essay(2)
    (tmp_path / "e.txt").write_text(text, encoding="utf-8")
    rec = extract(tmp_path / "e.txt", truth)
    assert len(rec["lines"]) == len(rec["gold"]) == len(rec["nos"]) == sum(1 for x in text.splitlines() if x.strip())
    assert {v[3] for v in rec["lines"]} >= {"title", "heading", "paragraph"}
    assert [h[1] for h in rec["heads"]] == truth["headings"]


@pytest.mark.skipif(linelabel.default_labeller() is None, reason="no shipped model")
def test_shipped_model_labels_an_essay_read_by_the_rules() -> None:
    text, truth = essay(4)
    doc, decided, units = _traced(text)
    starts = {b.line for b in doc.blocks if b.line}
    wrap = measure_wrap(units)
    got = linelabel.label(units, wrap, decided, starts)
    assert len(got) == len(units)
    by_text = {u.text: lab for u, (lab, _) in zip(units, got)}
    assert all(by_text[r] == "REF" for r in truth["references"])
    # The reader uses the marginals of HEADING (and BQ), not the best path: a heading is vetoed below
    # P(HEADING) = 1 - VETO. Every heading of a plain essay stays above that line, though a bare
    # section name straight after the title or after a quotation is a near coin flip between HEADING and
    # BODY on the best path (short lines there are mostly author lines and verse in MICUSP), and so is a
    # title the rules found alone on its line (the labeller's TITLE is not used).
    at = [i for i, u in enumerate(units) if u.text in truth["headings"]]
    model = linelabel.default_labeller()
    assert model is not None
    p = model.probability(views(units, decided, starts), wrap.width, wrap.wrapped, "HEADING", at)
    assert len(at) == len(truth["headings"]) and min(p) > 1 - linelabel.VETO
    heads = [(b.line, plain_text(b.content)) for b in doc.blocks if isinstance(b, Heading)]
    assert linelabel.heading_vetoes(units, wrap, decided, starts, heads) == set()
    assert linelabel.label([], measure_wrap([])) == []


def test_views_take_the_trace_decisions() -> None:
    text, _ = essay(0)
    lines = split_lines(text)
    units = units_of(lines, find_furniture(lines))
    v = views(
        units, {units[0].no: ("title", "titleblock.title"), units[1].no: ("removed:boilerplate", "x")}, {units[1].no}
    )
    assert (v[0].became, v[0].rule, v[0].starts) == ("title", "titleblock.title", False)
    assert (v[1].became, v[1].starts) == ("removed", True)
    assert v[2].became == ""


def test_may_veto_spares_run_in_section_numbered_and_long_headings() -> None:
    assert linelabel.may_veto("Soil Colour Chart", "Soil Colour Chart")
    assert not linelabel.may_veto("Methods:", "Methods: Thirty seedlings were grown in trays")  # run into its line
    assert not linelabel.may_veto("Introduction:", "Introduction:")  # a section name
    assert not linelabel.may_veto("2.1 Budget Lines", "2.1 Budget Lines")  # numbered by level
    assert not linelabel.may_veto("C. Pond Depth", "C. Pond Depth")
    long = "Early rains in the northern valleys raise the yield of every orchard that the farmers keep along the river"
    assert not linelabel.may_veto(long, long)


def test_vetoes_take_the_sure_ones_only() -> None:
    heads = [(3, "Soil Colour Chart"), (9, "Water Table"), (14, "Introduction")]
    p = {3: 0.05, 9: 0.5, 14: 0.01}
    text = {3: "Soil Colour Chart", 9: "Water Table", 14: "Introduction"}
    assert linelabel.vetoes(heads, p, text, 0.8) == {3}
    assert linelabel.vetoes(heads, p, text, 0.4) == {3, 9}


def test_review_headings_keeps_every_word_of_a_vetoed_heading(tmp_path: Path) -> None:
    class Sure:
        """A stand-in model that calls every line BODY."""

        def probability(self, lines, width, wrapped, label, at):  # noqa: ANN001, ANN201
            return [1.0 if label == "BODY" else 0.0 for _ in at]

    text = (
        "Field Notes on the Northern Plots\n\nThe survey of the plots shows that water and soil move slowly "
        "across the plain while farmers record every change.\n\nSoil Colour Chart\n\nThe chart shows the colours "
        "of the soil in each of the plots, from the darkest loam to the palest sand.\n\n4. Water in the Plots\n\n"
        "Water stands longest in the lowest plots, where the clay holds it through the dry weeks of summer.\n"
    )
    doc, decided, units = _traced(text)
    assert [b.line for b in doc.blocks if isinstance(b, Heading)] == [5, 9]
    blocks = linelabel.review_headings(doc.blocks, units, measure_wrap(units), decided, model=Sure())
    assert not any(isinstance(b, Heading) for b in blocks)
    assert [plain_text(b.content) for b in blocks if b.line != 9] == [
        plain_text(b.content) for b in doc.blocks if b.line != 9
    ]
    assert [(plain_text(b.content), b.role) for b in blocks if b.line in (5, 9)] == [
        ("Soil Colour Chart", "caption"),
        ("4. Water in the Plots", "caption"),
    ]


@pytest.mark.skipif(linelabel.default_labeller() is None, reason="no shipped model")
def test_probability_at_some_lines_equals_the_full_marginals() -> None:
    text, _ = essay(3)
    doc, decided, units = _traced(text)
    wrap = measure_wrap(units)
    v = views(units, decided, {b.line for b in doc.blocks if b.line})
    model = linelabel.default_labeller()
    full = model.marginals(v, wrap.width, wrap.wrapped)
    at = [0, 1, len(v) - 1]
    assert model.probability(v, wrap.width, wrap.wrapped, "HEADING", at) == pytest.approx(
        [full[i]["HEADING"] for i in at]
    )


def test_collapse_keeps_block_edges_and_spreads_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    full = "x" * 70
    lines = (
        [LineView("Heading Line", "blank", 0, "heading", "", True)]
        + [LineView(full, "blank" if i == 0 else "none", 0, "paragraph", "", i == 0) for i in range(5)]
        + [LineView("the end.", "none", 0, "paragraph", "", False)]
    )
    assert linelabel.kept(lines, 72, True) == list(range(len(lines)))  # COLLAPSE off: every line
    monkeypatch.setattr(linelabel, "COLLAPSE", True)
    keep = linelabel.kept(lines, 72, True)
    assert keep == [0, 1, 6]  # the full lines after a paragraph's first line are left out
    assert linelabel.spread(keep, "abc", len(lines)) == ["a", "b", "b", "b", "b", "b", "c"]


def test_quote_runs_join_neighbouring_lines() -> None:
    class Quoted:
        def probability(self, lines, width, wrapped, label, at):  # noqa: ANN001, ANN201
            return [0.9 if lines[i].indent >= 4 else 0.1 for i in at]

    text = (
        "The poet writes of the harbour in the winter and of the boats that wait there for spring:\n\n"
        "      the boats lie still along the wall\n      and wait the turning of the year\n\n"
        "The lines hold the season and the place together in one image of waiting.\n"
    )
    lines = split_lines(text)
    units = units_of(lines, find_furniture(lines))
    assert linelabel.quote_runs(units, measure_wrap(units), {}, set(), model=Quoted()) == [(3, 4)]
