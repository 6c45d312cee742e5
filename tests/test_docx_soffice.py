"""The DOCX as a word processor lays it out: LibreOffice converts it to PDF and we read the pages back."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from test_docx_fixtures import META, essay

from essayconv.layouts import layout_for
from essayconv.writers import docx as docx_writer
from essayconv.writers import pdf as pdf_writer

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _soffice_pages(data: bytes, tmp_path: Path) -> list[str]:
    src = tmp_path / "paper.docx"
    src.write_bytes(data)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = pypdf.PdfReader(tmp_path / "paper.pdf")
    return [p.extract_text() for p in reader.pages]


def test_apa_docx_lays_out_like_the_pdf(tmp_path: Path) -> None:
    doc = essay("apa")
    lay = layout_for("apa", None)
    pages = _soffice_pages(docx_writer.write(doc, lay), tmp_path)
    ours = pypdf.PdfReader(io.BytesIO(pdf_writer.write(doc, lay))).pages
    assert len(pages) == len(ours) == 4
    # the PAGE field is live: every page shows its own number at the top
    assert [p.strip().split("\n")[0].strip() for p in pages] == ["1", "2", "3", "4"]
    assert META.title in pages[0] and "Abstract" in pages[1]
    assert pages[2].strip().split("\n")[1].strip() == META.title
    assert "References" in pages[3] and "Ministry of Fisheries" in pages[2]


def test_mla_header_shows_surname_and_page(tmp_path: Path) -> None:
    pages = _soffice_pages(docx_writer.write(essay("mla", heading="Works Cited"), layout_for("mla", None)), tmp_path)
    assert [p.strip().split("\n")[0].strip() for p in pages] == [f"Rivera {n}" for n in range(1, len(pages) + 1)]
    assert "Works Cited" in pages[-1]
