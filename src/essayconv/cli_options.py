"""The options several commands share (convert, inspect, check): one declaration each."""

from __future__ import annotations

import re

import click


def parse_size(value: str) -> int:
    """'10MB' -> 10_000_000; a usage error for anything else."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a size like 500kB or 20MB")
    factor = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()]
    return int(float(m.group(1)) * factor)


# (the names of convert.INPUT_FORMATS, written here so that the command line starts without the pipeline)
input_format = click.option(
    "--from",
    "input_format",
    type=click.Choice(["text", "md", "html", "docx"]),
    default=None,
    help="Input format: plain text, Markdown, a web page or a Word document (default: from the extension, else the content).",
)
encoding = click.option("--encoding", default=None, help="Force the input encoding (default: detect).")
max_size = click.option(
    "--max-size",
    "max_size",
    default="10MB",
    show_default=True,
    callback=lambda ctx, param, value: parse_size(value),
    help="Refuse inputs larger than this (e.g. 500kB, 20MB).",
)
bibliography = click.option(
    "--bibliography",
    default=None,
    metavar="FILE",
    help="Your own items for the reference list: CSL-JSON (as `essayconv refs extract` writes), .bib or .ris.",
)
debug = click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
