"""The parser's confidence (issue 17): evidence combined by a logistic model fitted out of fold, one line
between a parse and a guess, and the same decision wherever the flag is shown (the conversion's warning,
``inspect`` text and JSON, ``essayconv check``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from msgspec.structs import replace

from essayconv.check import check
from essayconv.citations.resolve import resolve
from essayconv.cli import main
from essayconv.convert import convert, read
from essayconv.inspect import inspect_dict, report
from essayconv.options import ConvertOptions
from essayconv.references import confidence
from essayconv.references.crf import default_tagger
from essayconv.references.parse import parse_explained, parse_reference

CLEAN = (
    "Walker, M. P., & Stickgold, R. (2004). Sleep-dependent learning and memory consolidation. Neuron, 44(1), 121–133."
)
# the journal's name run into the title and the volume into the name: read as a journal "Memory consolidation.
# Neuron. Lab" with no volume
MISREAD = (
    "Walker, M. P., & Stickgold, R. (2004). Sleep-dependent learning. Memory consolidation. Neuron. Lab notes, 44."
)

ESSAY = f"""\
Sleep and School

Sleep consolidates what was learnt (Walker & Stickgold, 2004). Tired students learn less (Hershner &
Chervin, 2014).

References

Hershner, S. D., & Chervin, R. D. (2014). Causes and consequences of sleepiness among college students. Nature and Science of Sleep, 6, 73–84.
{MISREAD}
"""


def test_the_shipped_weights_match_the_evidence() -> None:
    data = json.loads(confidence.COEF_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == confidence.FEATURES
    assert len(data["weights"]) == len(confidence.FEATURES) and 0.5 < data["unsure_below"] < 1.0
    _, values = parse_explained(CLEAN, default_tagger())
    assert values is not None and len(values) == len(confidence.FEATURES)


def test_a_clean_entry_is_sure_and_a_misread_one_is_flagged_with_its_fields() -> None:
    clean, misread = parse_reference(CLEAN), parse_reference(MISREAD)
    assert not confidence.is_unsure(clean.confidence) and clean.uncertain == ()
    assert misread.csl["container-title"] != "Neuron"  # (the premise: this entry is misread)
    assert confidence.is_unsure(misread.confidence) and misread.uncertain
    assert clean.confidence > misread.confidence > 0.0  # 0.0 is kept for an entry not parsed at all
    assert parse_reference("(((").confidence == 0.0


def test_the_line_is_the_shipped_threshold() -> None:
    line = confidence.unsure_below()
    assert confidence.is_unsure(line - 0.001) and not confidence.is_unsure(line)


def test_fit_learns_which_evidence_predicts_a_wrong_parse_and_is_deterministic() -> None:
    d = len(confidence.FEATURES)
    rows = []
    for k in range(400):
        x = [((k * 37 + j * 11) % 17) / 17 for j in range(d)]
        x[2] = (k % 10) / 10  # "mean_doubt": wrong when high, with some noise
        rows.append((x, x[2] > 0.6 or k % 23 == 0))
    w1, b1 = confidence.fit(rows)
    w2, b2 = confidence.fit(rows)
    assert (w1, b1) == (w2, b2)
    assert w1[2] > 0 and abs(w1[2]) == max(abs(w) for w in w1)
    sure = [0.5] * d
    sure[2] = 0.1
    doubtful = list(sure)
    doubtful[2] = 0.9
    assert confidence.estimate(sure, w1, b1) > 0.8 > 0.2 > confidence.estimate(doubtful, w1, b1)


def _with_confidences(text: str, values: list[float]):
    doc = resolve(read(text))
    refs = tuple(
        replace(r, confidence=c, uncertain=("title",) if confidence.is_unsure(c) else ())
        for r, c in zip(doc.references, values)
    )
    return replace(doc, references=refs)


def test_check_and_inspect_show_the_same_decision() -> None:
    line = confidence.unsure_below()
    doc = _with_confidences(ESSAY, [min(1.0, line + 0.05), line - 0.05])
    flagged = [f.reference for f in check(doc, "apa") if f.code == "reference-unsure"]
    shown = {r["id"]: r["unsure"] for r in inspect_dict(doc)["references"]}
    assert flagged == [doc.references[1].id]
    assert shown == {doc.references[0].id: False, doc.references[1].id: True}
    text = report(doc, "essay.txt")
    assert text.count("UNSURE") == 1 and "UNSURE (of: title)" in text


def test_the_conversion_warns_of_an_unsure_entry_naming_its_line() -> None:
    result = convert(ESSAY, ConvertOptions(to="json"))
    unsure = [d for d in result.diagnostics if d.code == "reference-unsure"]
    assert [d.line for d in unsure] == [9] and unsure[0].severity == "warning"
    # (it names a field the parse got wrong: the title ran on into "Memory consolidation", the journal into "Lab")
    assert "Walker, M. P." in unsure[0].message and re.search(r"unsure of: .*\btitle\b", unsure[0].message)
    assert [f.line for f in result.findings if f.code == "reference-unsure"] == [9]


def test_an_entry_not_parsed_at_all_is_said_once() -> None:
    text = ESSAY.replace(MISREAD, "Walker, M. P., & Stickgold, R. (2004). Sleep-dependent learning.") + "(((\n"
    result = convert(text, ConvertOptions(to="json"))
    lines = [d.line for d in result.diagnostics if d.code in ("reference-unsure", "reference-unparsed")]
    assert len(lines) == len(set(lines))


def test_inspect_json_and_check_cli_agree(tmp_path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    runner = CliRunner()
    out = json.loads(runner.invoke(main, ["inspect", str(essay), "--json"]).output)
    unsure = [r["line"] for r in out["references"] if r["unsure"]]
    r = runner.invoke(main, ["check", str(essay), "--json"])
    row = json.loads(r.output.splitlines()[0])
    assert unsure == [f["line"] for f in row["findings"] if f["code"] == "reference-unsure"] == [9]


def test_the_samples_books_keep_their_publishers() -> None:
    # issue 17's tries as a new user: "Crown" was read as a place and "Paragon House" as a journal (both then
    # flagged); today's model reads both books whole
    sample = Path(__file__).resolve().parent.parent / "samples" / "mla-heading-block.txt"
    result = convert(sample.read_bytes(), ConvertOptions(to="json", style="mla"))
    books = {str(r.csl["author"][0]["family"]): r.csl for r in result.document.references}
    assert (books["Klinenberg"]["type"], books["Klinenberg"]["publisher"]) == ("book", "Crown")
    assert "publisher-place" not in books["Klinenberg"]
    assert (books["Oldenburg"]["type"], books["Oldenburg"]["publisher"]) == ("book", "Paragon House")
    assert "container-title" not in books["Oldenburg"]
    flagged = [d.message for d in result.diagnostics if d.code == "reference-unsure"]
    assert not any("Putnam" in m or "Klinenberg" in m for m in flagged)  # read right, and sure of it


def test_a_field_cut_at_an_abbreviations_full_stop_is_evidence() -> None:
    # a title ending at "Natl." with the journal's name begun after it: the name cut inside; the names ending
    # at an initial ("M." then the date) is how every author-date entry reads, no evidence
    def spans(text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]

    cut = "Smith, M. 2001. Proc. Natl. Acad. Sci. 12, 3-9."
    labels = ["author", "author", "date", "title", "title", "journal", "journal", "volume", "pages"]
    assert confidence._abbrev_cut(cut, spans(cut), labels)
    whole = "Smith, M. 2001. Nature 12, 3-9."
    assert not confidence._abbrev_cut(whole, spans(whole), ["author", "author", "date", "journal", "volume", "pages"])


def test_the_doubt_on_a_log_scale_tells_a_tenfold_doubt_apart() -> None:
    assert confidence._log_doubt(0.99) - confidence._log_doubt(0.999) > 2.0
