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


def main() -> None:
    soffice = shutil.which("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
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
