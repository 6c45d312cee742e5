"""Render the README's page images: python docs/images/make_images.py (needs pdftoppm; soffice optional)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from essayconv.layouts import layout_for  # noqa: E402
from essayconv.writers import docx, pdf  # noqa: E402
from test_docx_fixtures import essay  # noqa: E402

# (image name, layout, family, labels, reference heading, output, page)
SHOTS = [
    ("apa-title-page", "apa", "apa", False, "References", "pdf", 1),
    ("apa-text-page", "apa", "apa", False, "References", "pdf", 3),
    ("mla-first-page", "mla", "mla", False, "Works Cited", "pdf", 1),
    ("chicago-notes-page", "chicago", "chicago", False, "Bibliography", "pdf", 2),
    ("ieee-references", "plain", "numeric", True, "References", "pdf", 2),
    ("apa-docx-in-libreoffice", "apa", "apa", False, "References", "docx", 3),
]


def review_page(soffice: str, t: Path, page: int = 2) -> None:
    """review-docx-in-libreoffice.png: a planted-problem essay converted with --review to DOCX, exported to
    PDF by LibreOffice (which writes each Word comment as a PDF annotation at its range's end), and that
    page drawn with each annotation's text in a panel beside it, joined to its place, as Word shows comments
    in its margin (LibreOffice 7.4 cannot export comments in the margin itself)."""
    import io

    import pypdf
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from essayconv.convert import convert
    from essayconv.options import ConvertOptions

    essay = ROOT / "benchmarks" / "check_planted" / "apa-1.txt"
    d = t / "review.docx"
    d.write_bytes(convert(essay.read_bytes(), ConvertOptions(to="docx", style="apa", review=True)).data)
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'  # comments as annotations
    subprocess.run([soffice, "--headless", "--convert-to", export, "--outdir", str(t), str(d)], check=True,
                   capture_output=True)
    lo = pypdf.PdfReader(str(t / "review.pdf")).pages[page - 1]
    notes = sorted(((float(a["/Rect"][0]), float(a["/Rect"][1]), str(a["/T"]).split(",")[0], str(a["/Contents"]))
                    for a in (r.get_object() for r in lo.get("/Annots") or []) if a["/Subtype"] == "/Text"),
                   key=lambda n: -n[1])
    width, height = float(lo.mediabox.width), float(lo.mediabox.height)
    panel = 290.0
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width + panel, height))
    c.setFillColorRGB(0.95, 0.95, 0.95)
    c.rect(width, 0, panel, height, stroke=0, fill=1)
    style = ParagraphStyle("c", fontName="Helvetica", fontSize=10, leading=12)
    top = height - 60.0
    for x, y, author, text in notes:
        p = Paragraph(f"<b>{author}</b><br/>{text.replace('&', '&amp;').replace('<', '&lt;')}", style)
        _, h = p.wrap(panel - 30, height)
        box_top = min(top, y + 12)
        c.setStrokeColorRGB(0.85, 0.6, 0.1)
        c.setFillColorRGB(1.0, 0.97, 0.8)
        c.roundRect(width + 10, box_top - h - 8, panel - 20, h + 10, 4, stroke=1, fill=1)
        p.drawOn(c, width + 15, box_top - h - 3)
        c.setLineWidth(0.6)
        c.line(x, y, width + 10, box_top - 6)
        top = box_top - h - 16
    c.showPage()
    c.save()
    out = pypdf.PdfWriter(clone_from=io.BytesIO(buf.getvalue()))
    if "/Annots" in lo:
        del lo["/Annots"]  # (the panel shows them; a viewer's note icons would cover the text)
    out.pages[0].merge_page(lo, over=False)
    composed = t / "review-composed.pdf"
    with open(composed, "wb") as f:
        out.write(f)
    name = "review-docx-in-libreoffice"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(composed), str(HERE / name)], check=True)
    print(HERE / f"{name}.png")


def main() -> None:
    soffice = shutil.which("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        if soffice is not None:
            review_page(soffice, t)
        for name, layout, family, labels, heading, fmt, page in SHOTS:
            doc = essay(family, labels=labels, heading=heading)
            lay = layout_for(layout, None)
            if fmt == "pdf":
                src = t / f"{name}.pdf"
                src.write_bytes(pdf.write(doc, lay))
            else:
                if soffice is None:
                    print(f"skipping {name}: soffice not installed")
                    continue
                d = t / f"{name}.docx"
                d.write_bytes(docx.write(doc, lay))
                subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(t), str(d)],
                               check=True, capture_output=True)
                src = t / f"{name}.pdf"
            subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                            str(src), str(HERE / name)], check=True)
            print(HERE / f"{name}.png")


if __name__ == "__main__":
    main()
