"""``essayconv check`` (issue 20): findings, codes, levels, JSON and exit codes; the conversion's warnings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from msgspec.structs import replace

from essayconv.check import NEAR_MISS_CODES, check
from essayconv.citations.resolve import resolve
from essayconv.cli import main
from essayconv.convert import convert, read
from essayconv.diagnostics import Diagnostic
from essayconv.options import ConvertOptions

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_STYLES = {
    "mla-heading-block.txt": "mla",
    "chicago-notes.txt": "chicago",
    "ieee-numbered.txt": "ieee",
    "word-copy-cp1252.txt": "harvard",
}

ESSAY = """\
Harbour Towns

Rivera and Ortiz (2019) argued that "tides shape the civic calendar more than councils do" in small ports.
A later study found "fishing families kept the old festivals alive" (Nakamura, 2020, p. 14). Rivera and
Ortiz (2019) note "the oldest quay was rebuilt twice" (p. 8). Others counted boats (Moreno, 2016).

References

Nakamura, K. (2020). Harbour politics. Journal of Coastal Studies, 12(3), 45-67.
Rivera, L., & Ortiz, M. (2019). Tides and towns. Oxford University Press.
Unused, A. (2015). Never cited at all. Journal of Nothing, 3(1), 1-2.
"""


def _findings(text: str, style: str = "apa") -> list:
    return check(resolve(read(text)), style)


def _codes(text: str, style: str = "apa") -> list[str]:
    return [f.code for f in _findings(text, style)]


def test_findings_of_an_essay_name_the_text_and_the_line() -> None:
    found = {f.code: f for f in _findings(ESSAY)}
    assert set(found) == {"quotation-without-locator", "cited-not-listed", "listed-not-cited"}
    q = found["quotation-without-locator"]
    assert q.level == "warning" and "tides shape" in q.text and q.line == 3 and "Rivera and Ortiz (2019)" in q.message
    assert found["cited-not-listed"].level == "error" and "Moreno 2016" in found["cited-not-listed"].message
    assert found["listed-not-cited"].reference == "unused2015" and found["listed-not-cited"].line == 11


def test_a_page_after_the_quotation_or_in_the_citation_is_a_locator() -> None:
    # "(p. 8)" written after the quotation, and "p. 14" inside the citation: neither is flagged
    quotes = [f for f in _findings(ESSAY) if f.code == "quotation-without-locator"]
    assert len(quotes) == 1


def test_quotations_need_a_locator_only_in_styles_that_ask_for_one() -> None:
    assert "quotation-without-locator" not in _codes(ESSAY, "ieee")


def test_a_quotation_from_a_web_page_needs_no_page() -> None:
    text = (
        'Web Quotes\n\nThe council\'s page says "every quay will reopen by the spring" (Harbour Board, 2021).\n\n'
        "References\n\nHarbour Board. (2021). Quay works. https://example.org/quays\n"
    )
    doc = resolve(read(text))
    if doc.references[0].csl.get("type") != "webpage":
        pytest.skip("the parser reads this entry as another type")
    assert "quotation-without-locator" not in [f.code for f in check(doc, "apa")]


def test_et_al_for_two_authors_is_flagged_by_the_style_threshold() -> None:
    text = (
        "Boats\n\nSmith et al. (2018) counted boats.\n\nReferences\n\n"
        "Smith, J., & Jones, P. (2018). Counting boats. Marine Policy, 4, 1-9.\n"
    )
    [f] = [f for f in _findings(text) if f.code == "et-al-not-allowed"]
    assert f.cite == 0 and "2 authors" in f.message and "3 authors" in f.message


def test_et_al_is_not_flagged_for_a_list_that_itself_ends_in_et_al() -> None:
    # "Vetter, J., et al." names one author of more: the essay's "Vetter et al." may be right
    text = (
        "Cells\n\nCells age (Vetter et al., 2005).\n\nReferences\n\n"
        "Vetter, J., et al. (2005). Ageing mechanisms in lithium-ion batteries. Journal of Power Sources, 147, 269-281.\n"
    )
    doc = resolve(read(text))
    assert doc.references[0].csl["custom"] == {"et-al": ["author"]}
    assert "et-al-not-allowed" not in [f.code for f in check(doc, "apa")]
    # the same list written without its "et al." names one author: flagged
    alone = text.replace("Vetter, J., et al.", "Vetter, J.")
    [f] = [f for f in _findings(alone) if f.code == "et-al-not-allowed"]
    assert "1 author:" in f.message


def test_duplicates_are_said_once_and_not_as_uncited() -> None:
    entry = "Dlamini, N. (2019). Trust among neighbours. Urban Studies Review, 8(1), 15-29.\n"
    text = f"Gardens\n\nGardens build trust (Dlamini, 2019).\n\nReferences\n\n{entry}{entry}"
    assert _codes(text) == ["duplicate-reference"]


def test_numbering_gap_repeat_and_order() -> None:
    text = (
        "Buses\n\nI. Introduction\n\nFleets changed [1]. Heat speeds ageing [4]. Depots are gentler [2].\n\n"
        'References\n\n[1] A. Kowal, "Electric buses," Energies, vol. 6, pp. 1-9, 2020.\n'
        '[2] C. Mensah, "Cell ageing," J. Power Sources, vol. 480, pp. 1-9, 2021.\n'
        '[4] E. Yilmaz, "Heat and charging," Appl. Energy, vol. 290, pp. 116-125, 2022.\n'
    )
    found = _findings(text, "ieee")
    codes = [f.code for f in found]
    assert "numbering-gap" in codes and "numbering-order" in codes
    order = next(f for f in found if f.code == "numbering-order")
    assert order.text == "[4]" and "before [2]" in order.message


def test_mixed_systems_name_the_fewer_kind() -> None:
    text = (
        "Reading\n\nTeachers read aloud (Abara, 2021). Earlier work agrees [2].\n\nReferences\n\n"
        "1. Abara, P. (2021). Listening to books. Journal of Literacy, 14(2), 101-117.\n"
        "2. Bello, R. (2019). Reading together. Journal of Literacy, 12(1), 5-17.\n"
    )
    [f] = [f for f in _findings(text) if f.code == "mixed-citation-systems"]
    assert f.text == "[2]"


def test_numbers_kept_as_text_beside_author_date_citations_are_mixed_systems() -> None:
    # an unnumbered list: "[2]" stays text (the reader's warning), and the check still names it
    text = (
        "Reading\n\nTeachers read aloud (Abara, 2021). Earlier work agrees [2].\n\nReferences\n\n"
        "Abara, P. (2021). Listening to books. Journal of Literacy, 14(2), 101-117.\n"
    )
    [f] = [f for f in _findings(text) if f.code == "mixed-citation-systems"]
    assert (f.text, f.line, f.cite) == ("[2]", 3, None)
    assert "numbered (1) and author-date (1)" in f.message
    # numbers alone: the reader's warning is the finding (printed once by a conversion)
    alone = text.replace("Teachers read aloud (Abara, 2021).", "Teachers read aloud [1].")
    found = _findings(alone)
    assert [(f.code, f.text, f.line) for f in found if "numbered" in f.message] == [
        ("numbers-without-numbered-list", "[1]", 3)
    ]
    from essayconv.convert import convert
    from essayconv.options import ConvertOptions

    said = [
        d for d in convert(alone, ConvertOptions(to="json")).diagnostics if d.code == "numbers-without-numbered-list"
    ]
    assert len(said) == 1


def test_missing_fields_of_a_confident_parse() -> None:
    text = (
        "Gardens\n\nLots stay vacant (Ferreira, 2017). A handbook helps (Quist, 2012).\n\nReferences\n\n"
        "Ferreira, L. (2017). Vacant lots and the city. Journal of Planning History, 77-95.\n"
        "Quist, M. (2012). The community garden handbook.\n"
    )
    found = [f for f in _findings(text) if f.code == "missing-field"]
    assert sorted(f.reference for f in found) == ["ferreira2017", "quist2012"]
    assert any("without a volume" in f.message for f in found)
    assert any("without a publisher" in f.message for f in found)


def test_near_miss_reads_what_the_resolver_reports() -> None:
    # the resolver's near-miss diagnostic becomes the finding, in place of "cited but not listed"
    doc = resolve(read(ESSAY))
    code = next(iter(NEAR_MISS_CODES))
    said = Diagnostic(code, "warning", "cited Moreno 2016; nearest: Moreira 2016", line=5)
    found = check(replace(doc, diagnostics=doc.diagnostics + (said,)), "apa")
    codes = [f.code for f in found]
    assert "near-miss" in codes and "cited-not-listed" not in codes
    [nm] = [f for f in found if f.code == "near-miss"]
    assert nm.text == "(Moreno, 2016)" and nm.cite is not None


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_samples_without_problems_have_no_warning(name: str) -> None:
    doc = resolve(read((SAMPLES / name).read_bytes()))
    assert [f.format(name) for f in check(doc, SAMPLE_STYLES.get(name, "apa")) if f.level != "note"] == []


def test_planted_problems_are_found() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from check_planted import evaluate

    out = evaluate(ROOT / "benchmarks" / "check_planted")
    assert out["planted"] >= 53
    # every kind is planted at least twice and found at least once; 95% of the problems are found
    assert all(not frac.startswith("0/") and int(frac.split("/")[1]) >= 2 for frac in out["per_code"].values()), out[
        "per_code"
    ]
    assert out["recall"] >= 0.95, out["missed"]


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(ESSAY, encoding="utf-8")
    clean = SAMPLES / "apa-web-copy.txt"
    runner = CliRunner()
    r = runner.invoke(main, ["check", str(clean)])
    assert r.exit_code == 0, r.output
    # an entry written without the full stop between its title and its journal is a parse the parser is
    # unsure of: a note, which counts only with --strict
    noted = tmp_path / "noted.txt"
    walker = "Walker, M. P., & Stickgold, R. (2004). Sleep-dependent learning and memory consolidation."
    noted.write_text(
        clean.read_text(encoding="utf-8").replace(walker + " Neuron,", walker[:-1] + " Neuron,"),
        encoding="utf-8",
    )
    r = runner.invoke(main, ["check", str(noted)])
    assert r.exit_code == 0 and "[reference-unsure]" in r.output, r.output
    r = runner.invoke(main, ["check", str(noted), "--strict"])
    assert r.exit_code == 1
    r = runner.invoke(main, ["check", str(bad)])
    assert r.exit_code == 1 and "[cited-not-listed]" in r.output and f"{bad}:3: warning:" in r.output
    r = runner.invoke(main, ["check", str(bad), "--json"])
    rows = [json.loads(line) for line in r.output.splitlines() if line.startswith("{")]
    assert len(rows) == 1 and rows[0]["file"] == str(bad) and rows[0]["counts"]["error"] == 1
    assert {f["code"] for f in rows[0]["findings"]} == {
        "quotation-without-locator",
        "cited-not-listed",
        "listed-not-cited",
    }
    assert runner.invoke(main, ["check", str(bad), "--style", "no-such-style"]).exit_code == 2
    assert runner.invoke(main, ["check"]).exit_code == 2


def test_cli_checks_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.txt").write_text(ESSAY, encoding="utf-8")
    (tmp_path / "good.txt").write_bytes((SAMPLES / "apa-web-copy.txt").read_bytes())
    r = CliRunner().invoke(main, ["check", str(tmp_path), "--json"])
    files = [json.loads(line)["file"] for line in r.output.splitlines() if line.startswith("{")]
    assert sorted(Path(f).name for f in files) == ["bad.txt", "good.txt"] and r.exit_code == 1


def test_a_conversion_reports_the_checks_warnings() -> None:
    result = convert(ESSAY, ConvertOptions(to="json"))
    codes = [d.code for d in result.diagnostics if d.severity == "warning"]
    assert "listed-not-cited" in codes and "quotation-without-locator" in codes
    assert codes.count("unresolved-citation") == 1 and "cited-not-listed" not in codes  # said once
    assert {f.code for f in result.findings} >= {"cited-not-listed", "listed-not-cited"}


def test_a_described_web_page_without_an_address_is_flagged_even_when_its_parse_is_unsure() -> None:
    # "[Web page]" names the kind outright; no "http", "www" or domain anywhere in the entry: the URL is
    # plainly missing, however unsure the parse of the rest
    text = (
        "Libraries\n\nBranches run help desks (City of Easton Library Service, 2023).\n\nReferences\n\n"
        "City of Easton Library Service. (2023). Digital help desks in our branches [Web page].\n"
    )
    doc = resolve(read(text))
    assert doc.references[0].csl["type"] == "webpage"
    found = [(f.code, f.message) for f in _findings(text) if f.code == "missing-field"]
    assert found == [
        ("missing-field", "'City of Easton Library Service. (2023). Digital help desks …' is a web page without a URL")
    ]
    with_url = text.replace("[Web page].", "[Web page]. https://easton.example.org/help")
    assert not [f for f in _findings(with_url) if f.code == "missing-field"]


def test_check_with_jobs_reports_in_the_inputs_order_as_one_process_does(tmp_path: Path) -> None:
    for k in range(4):
        (tmp_path / f"e{k}.txt").write_text(ESSAY.replace("Unused, A.", f"Unused{k}, A."), encoding="utf-8")
    (tmp_path / "e9.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")  # a PDF: an error line, the rest go on
    runner = CliRunner()
    one = runner.invoke(main, ["check", str(tmp_path), "--json", "--jobs", "1"])
    two = runner.invoke(main, ["check", str(tmp_path), "--json", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    rows = [json.loads(line) for line in two.output.splitlines() if line.startswith("{")]
    assert [Path(r["file"]).name for r in rows] == ["e0.txt", "e1.txt", "e2.txt", "e3.txt", "e9.txt"]
    assert "error" in rows[-1] and all("findings" in r for r in rows[:-1])
    assert one.output == two.output


NUMBERED = """\
Harbour Towns

Small ports kept their festivals [1], and the quays were rebuilt twice [2]; the harbour office says so [3].

References

1. Nakamura, K. (2020). Harbour politics. Journal of Coastal Studies, 12(3), 45-67.
2. Rivera, L., & Ortiz, M. (2019). Tides and towns. Oxford University Press.
3. {entry}
"""


@pytest.mark.parametrize(
    "entry",
    [
        "https://www.harbour-towns.example/quays",
        "http://www.harbour-towns.example/quays.html.",
        "<https://doi.org/10.1000/harbour.2019.4>",
        "doi:10.1000/harbour.2019.4",
    ],
)
def test_an_entry_that_is_only_a_web_address_is_named_so_and_not_called_unsure(entry: str) -> None:
    found = _findings(NUMBERED.format(entry=entry))
    assert [(f.code, f.text) for f in found] == [("address-only", "3. " + entry)]
    assert found[0].level == "warning" and "web address alone" in found[0].message


def test_an_entry_with_its_title_before_the_address_is_no_address_alone() -> None:
    entry = "Harbour Trust. (2019). Quays of the north. https://www.harbour-towns.example/quays"
    text = ESSAY.replace("Unused, A. (2015). Never cited at all. Journal of Nothing, 3(1), 1-2.", entry)
    codes = _codes(text)
    assert "address-only" not in codes and "listed-not-cited" in codes  # (the entry was read, as an entry)
