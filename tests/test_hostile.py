"""Hostile and broken input: clean one-line errors, text stays text, no hang, nothing read from disk."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from click.testing import CliRunner
from conftest import deadline

from essayconv import ConversionError, ConvertOptions, convert
from essayconv.cli import main

INJECTION = (
    'Markup Is Text\n\nA paragraph with <img src="/etc/passwd"/> and <a href="file:///etc/passwd">a link</a>, '
    "&amp; an entity, <font color=red>a font tag</font> and <b>bold</b> that must stay literal.\n"
)
LITERALS = [
    '<img src="/etc/passwd"/>',
    '<a href="file:///etc/passwd">a link</a>',
    "&amp;",
    "<font color=red>a font tag</font>",
    "<b>bold</b>",
]


def squash(s: str) -> str:
    return " ".join(s.split())


def test_markup_is_literal_in_docx() -> None:
    # straight quotes kept, so that the markup can be compared character for character
    out = convert(INJECTION.encode(), ConvertOptions(to="docx", straight_quotes=True)).data
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
    for lit in LITERALS:
        assert lit in text, lit
    assert b"passwd" not in _docx_rels(out)  # no relationship (image, link) was created from essay text


def _docx_rels(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.endswith(".rels"))


def test_markup_is_literal_in_pdf() -> None:
    out = convert(INJECTION.encode(), ConvertOptions(to="pdf", straight_quotes=True)).data
    reader = pypdf.PdfReader(io.BytesIO(out))
    text = squash("\n".join(p.extract_text() or "" for p in reader.pages))
    for lit in LITERALS:
        assert squash(lit) in text, lit
    assert b"/etc/passwd" not in out.replace(b"&lt;", b"") or b"/URI (file:" not in out
    assert b"/URI (file:///etc/passwd)" not in out


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \r\n", "\ufeff".encode("utf-8")])
def test_empty_input_is_refused(content: bytes) -> None:
    with pytest.raises(ConversionError, match="empty"):
        convert(content, ConvertOptions(to="json"))


def test_size_limit(tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    src.write_bytes(b"word " * 30_000)
    r = CliRunner().invoke(main, [str(src), "--to", "json", "-o", "-", "--max-size", "100kB"])
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        "essayconv: error: " + str(src) + ": input is 150 kB, over the size limit of 100 kB (raise it with --max-size)"
    )
    r = CliRunner().invoke(main, [str(src), "--to", "json", "-o", "-", "--max-size", "lots"])
    assert r.exit_code == 2


def test_binary_file_is_refused_with_one_line(tmp_path: Path) -> None:
    src = tmp_path / "photo.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    r = CliRunner().invoke(main, [str(src), "--to", "docx"])
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "photo.txt" in r.stderr and "not a text file" in r.stderr
    assert not (tmp_path / "photo.docx").exists()


def test_control_characters_do_not_break_docx() -> None:
    text = "Title\x07 Here\n\nBody \x00with\x0b controls \x1b[31mred\x1b[0m and \x0c a form feed.\n"
    result = convert(text.encode(), ConvertOptions(to="docx"))
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(result.data)).paragraphs)
    assert "red" in body and "\x1b" not in body and "\x00" not in body
    assert any(d.code == "control-characters" for d in result.diagnostics)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 50_000,
        "Title\n\n" + "(Smith, " * 5_000 + "\n",
        "Title\n\n" + "[1, " * 10_000 + "\n",
        "Title\n\nText (A, 2020).\n\nReferences\n\n"
        + ", ".join(f"Author{i}, A." for i in range(3000))
        + " (2020). T. J, 1, 2.",
    ],
)
def test_pathological_input_finishes(text: str) -> None:
    with deadline(60):
        result = convert(text, ConvertOptions(to="json"))
    assert result.data.startswith(b"{")


def test_no_traceback_without_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nSome text of an essay.\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    import sys

    monkeypatch.setattr(sys.modules["essayconv.convert"], "process", broken)
    r = CliRunner().invoke(main, [str(src), "--to", "json", "-o", "-"])
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    assert r.stderr.strip() == (
        f"essayconv: error: {src}: internal error: RuntimeError: simulated bug (run with --debug for details)"
    )


def test_one_huge_paragraph_in_pdf_keeps_every_word() -> None:
    words = [f"w{i}" for i in range(8000)]
    text = "Long\n\n" + " ".join(f"{w} (Smith, 2020)." if i % 7 == 0 else w for i, w in enumerate(words)) + "\n"
    with deadline(120):
        out = convert(text, ConvertOptions(to="pdf", style="apa")).data
    extracted = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(out)).pages).split()
    found = {t.strip(".,()") for t in extracted}
    assert [w for w in words if w not in found] == []


def _apa_with_entities(doctype: str, entity: str) -> str:
    """The APA style with a DOCTYPE declaring entities and one of them used in the citation prefix."""
    from essayconv.citations.styles import resolve_style

    evil = (
        Path(resolve_style("apa").path)
        .read_text(encoding="utf-8")
        .replace(
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}',
        )
        .replace(
            '<layout delimiter="; " prefix="(" suffix=")">', f'<layout delimiter="; " prefix="({entity}" suffix=")">'
        )
    )
    assert entity in evil
    return evil


def _convert_with_style(tmp_path: Path, csl_name: str, csl_text: str) -> Any:
    csl = tmp_path / csl_name
    csl.write_text(csl_text, encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(
        "T\n\nText (Price & Bentele, 2023).\n\nReferences\n\nPrice, K., & Bentele, K. G. (2023). "
        "Defining worthy victims. Victims & Offenders, 18(3), 512-542.\n"
    )
    return CliRunner().invoke(main, [str(src), "--to", "json", "-o", "-", "--style", str(csl)])


def test_xxe_in_a_csl_file_reads_no_local_file(tmp_path: Path) -> None:
    evil = _apa_with_entities('<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")
    r = _convert_with_style(tmp_path, "evil.csl", evil)
    assert "root:x:0:0" not in r.stdout + r.stderr
    assert r.exit_code in (0, 1)
    if r.exit_code == 1:
        assert r.stderr.count("\n") == 1 and "evil.csl" in r.stderr


def test_billion_laughs_csl_is_refused_or_harmless(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    evil = _apa_with_entities(f'<!DOCTYPE style [<!ENTITY l0 "lol">{lol}]>', "&l9;")
    with deadline(30):
        r = _convert_with_style(tmp_path, "lol.csl", evil)
    assert "lollollol" not in r.stdout
    assert r.exit_code in (0, 1)


def test_unwritable_output_is_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    src = tmp_path / "a.txt"
    src.write_text("T\n\nSome text of an essay.\n")
    real_open = os.open

    def refuse(
        path: str, *args: object, **kwargs: object
    ) -> int:  # the directory refuses new files (root ignores chmod)
        if str(path).endswith(".part"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    r = CliRunner().invoke(main, [str(src), "--to", "json", "-o", str(tmp_path / "out.json")])
    assert r.exit_code == 1
    assert r.stderr.strip() == f"essayconv: error: {src}: cannot write to {str(tmp_path)!r}: Permission denied"
    assert list(tmp_path.iterdir()) == [src]


def test_output_directory_that_is_a_file(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("T\n\nSome text of an essay.\n")
    r = CliRunner().invoke(main, [str(src), "--to", "json", "-o", str(src / "out.json")])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
