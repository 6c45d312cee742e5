#!/usr/bin/env python3
"""Long fuzzing run of the whole pipeline: mutated essays through read, the citation passes and the writers.

Every input must either convert or fail with a ConversionError (a one-line message); any other exception is a
crash, saved under --crashes with its traceback. Also checked on every input that converts: no word of the essay
is lost (each word of the decoded input is in body_text, a reference, a footnote or the removed lines).

    python benchmarks/fuzz.py --minutes 10 [--seed 1] [--crashes fuzz-crashes/]

Prints the number of inputs tried, conversions, clean refusals, crashes and word-loss findings.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from essayconv import ConversionError, ConvertOptions  # noqa: E402
from essayconv.convert import process, read  # noqa: E402
from essayconv.inspect import inspect_dict  # noqa: E402
from essayconv.layouts import layout_for  # noqa: E402
from essayconv.writers import get_writer  # noqa: E402

PIECES = [
    "(Smith, 2020)",
    "(Smith & Jones, 2019, p. 4)",
    "(Lee et al.,2021; Park, 2018a)",
    "[1]",
    "[2, 4–6]",
    "[3]-[5]",
    "(Klein 23)",
    "Smith and Jones (2019)",
    "(n.d.)",
    "(",
    ")",
    "[",
    "]",
    "&",
    "<b>",
    "</i>",
    "<img src='x'/>",
    "&amp;",
    "&#0;",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1b[1m",
    "\ufeff",
    "\u202e",
    "\u200b",
    "\U0001f600",
    "漢字",
    "ﬁ",
    "\t",
    "    ",
    "\n",
    "\n\n",
    "References",
    "Works Cited",
    "Bibliography",
    "Abstract",
    "1. Introduction",
    "I. INTRODUCTION",
    "# Heading",
    "• item",
    "- item",
    "1)",
    "———.",
    "Copy to clipboard",
    "Cite This Work",
    "Running head: X",
    "Title: A Study",
    "https://doi.org/10.1000/xyz",
    "doi:10.1/abc",
    "pp. 3-4",
    "Smith, J. (2020). A title. Journal, 1(2), 3-4.",
    '[1] A. B. Author, "T," J., vol. 1, pp. 1-2, 2020.',
    "Doe, Jane. Book Title. Press, 2001.",
    "1.",
    "2.",
    "¹",
    "²",
    "them.1",
    "\r",
    "\r\n",
    "—",
    "–",
    "’",
    "“",
]
WORD = re.compile(r"[^\W_]+", re.UNICODE)
SUPERSCRIPTS = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]+")


def seeds() -> list[str]:
    from essayconv.readers.decode import decode

    out = [decode(p.read_bytes())[0] for p in sorted((ROOT / "samples").glob("*.txt"))]  # cp1252 sample too
    out.append("Title\n\nOne paragraph (A, 2000).\n\nA, B. (2000). T. J, 1, 2.\n")
    return out


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        pos = rng.randint(0, len(text)) if text else 0
        if op < 0.35:
            text = text[:pos] + rng.choice(PIECES) + text[pos:]
        elif op < 0.5 and text:
            end = min(len(text), pos + rng.randint(1, 200))
            text = text[:pos] + text[end:]
        elif op < 0.6 and text:
            end = min(len(text), pos + rng.randint(1, 400))
            text = text[:pos] + text[pos:end] * rng.randint(2, 5) + text[end:]
        elif op < 0.7:
            text = text[:pos] + "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 30))) + text[pos:]
        elif op < 0.8:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif op < 0.9:
            text = text.replace("\n\n", "\n") if rng.random() < 0.5 else re.sub(r"(?<=\S) (?=\S)", "\n", text, count=50)
        else:
            text = text[: rng.randint(0, len(text))]
    return text


def encode(text: str, rng: random.Random) -> bytes:
    enc = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
    return text.encode(enc, errors="replace")


def lost_words(data: bytes, doc_dict: dict, decoded: str) -> list[str]:  # type: ignore[type-arg]
    have = " ".join(
        [
            doc_dict["body_text"],
            *(r["raw"] for r in doc_dict["references"]),
            *doc_dict["removed"],
            doc_dict.get("references_heading") or "",
        ]
    )
    have_words = set(WORD.findall(have.casefold()))
    notes = doc_dict.get("footnotes_text", "")
    have_words |= set(WORD.findall(notes.casefold()))
    # a word split by a page break or a line-end hyphen comes back joined: look for it in the compacted text too
    compact = re.sub(r"[\W_]+", "", SUPERSCRIPTS.sub("", (have + " " + notes).casefold()))
    # a superscript note mark glued to a word ("wars¹") becomes a footnote reference: compare the word alone
    words = {SUPERSCRIPTS.sub("", w) for w in WORD.findall(decoded.casefold())}
    return sorted(w for w in words if w and w not in have_words and w not in compact)[:10]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crashes", default="fuzz-crashes")
    ap.add_argument("--writers-every", type=int, default=25, help="also write DOCX and PDF every N inputs")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = seeds()
    crash_dir = Path(args.crashes)
    tried = converted = refused = crashes = lossy = 0
    styles = ["apa", "mla", "ieee", "chicago", "chicago-notes", "vancouver", "harvard"]
    end = time.monotonic() + args.minutes * 60
    from essayconv.readers.decode import decode

    while time.monotonic() < end:
        text = mutate(rng.choice(base), rng)
        data = encode(text, rng)
        style = rng.choice(styles)
        tried += 1
        try:
            options = ConvertOptions(to="json", style=style)
            source_doc = read(data, options)
            d = inspect_dict(source_doc)  # the no-word-lost property is about what the reader kept
            doc = process(source_doc, options)
            if tried % args.writers_every == 0:
                layout = layout_for(None, doc.bibliography.family if doc.bibliography else None)
                for fmt in ("docx", "pdf"):
                    get_writer(fmt)(doc, layout)
            converted += 1
            from essayconv.model import plain_text

            d["footnotes_text"] = " ".join(plain_text(f.content) for f in source_doc.footnotes)
            decoded, _ = decode(data)
            missing = lost_words(data, d, decoded)
            if missing:
                lossy += 1
                crash_dir.mkdir(exist_ok=True)
                (crash_dir / f"lost-{lossy:04d}.txt").write_bytes(data)
                (crash_dir / f"lost-{lossy:04d}.words").write_text(" ".join(missing) + f"\nstyle={style}\n")
        except ConversionError:
            refused += 1
        except Exception:  # noqa: BLE001 - that is what a fuzzer is for
            crashes += 1
            crash_dir.mkdir(exist_ok=True)
            (crash_dir / f"crash-{crashes:04d}.txt").write_bytes(data)
            (crash_dir / f"crash-{crashes:04d}.trace").write_text(f"style={style}\n{traceback.format_exc()}")
        if tried % 200 == 0:
            print(f"  {tried} inputs, {crashes} crashes, {lossy} with lost words", file=sys.stderr, flush=True)
    print(f"inputs tried {tried}")
    print(f"converted {converted}, refused cleanly {refused}, crashes {crashes}, inputs losing words {lossy}")
    if crashes or lossy:
        print(f"findings saved under {crash_dir}/")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
