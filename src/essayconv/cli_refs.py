"""The ``refs`` command group: parse reference lines into CSL-JSON/BibTeX/RIS, format CSL-JSON in a style."""

from __future__ import annotations

import sys
from typing import Any

import click

from . import cli_options as options
from .references.export import FORMATS, dump
from .references.parse import parse_reference


@click.group(name="refs")
def refs() -> None:
    """Reference lists: parse strings into structured data, format structured data."""


def _source_name(source: str) -> str:
    return "<stdin>" if source == "-" else source


def _read(source: str, limit: int) -> bytes:
    """The bytes of SOURCE (a regular file, or - for standard input), at most ``limit``, as the converter
    reads an essay; anything else (a named pipe, a device, a file over the limit) is a one-line error."""
    from .diagnostics import ConversionError
    from .output import read_bounded, read_file

    try:
        return read_bounded(sys.stdin.buffer, limit) if source == "-" else read_file(source, limit)
    except ConversionError as err:
        raise click.ClickException(f"{_source_name(source)}: {err}") from None


@refs.command(name="parse")
@click.argument("source")
@click.option("--to", "fmt", type=click.Choice(FORMATS), default="csl-jsonl", show_default=True, help="output format")
@options.max_size
def parse_cmd(source: str, fmt: str, max_size: int) -> None:
    """Parse one reference per line of SOURCE (a file, or - for stdin) and print the items.

    Empty lines are skipped. A line that cannot be parsed still yields an item, with the raw text in
    "note", and a warning on stderr naming its line number.
    """
    from .diagnostics import ConversionError
    from .readers.decode import decode

    name = _source_name(source)
    # Decoded as the converter decodes an essay: UTF-8, or (with a note) Windows-1252/Latin-1, UTF-16 ...
    try:
        text, diags = decode(_read(source, max_size))
    except ConversionError as err:
        raise click.ClickException(f"{name}: {err}") from None
    for d in diags:
        if d.severity != "info":
            click.echo(d.format(name), err=True)
    items = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        entry = line.strip()
        if not entry:
            continue
        parsed = parse_reference(entry)
        item = {"id": f"ref{len(items) + 1}", **parsed.csl}
        if parsed.confidence == 0.0:
            item["note"] = entry
            click.echo(
                f"{name}:{lineno}: warning: could not parse the reference, kept as a note [reference-unparsed]",
                err=True,
            )
        items.append(item)
    click.echo(dump(items, fmt), nl=False)


@refs.command(name="extract")
@click.argument("essay")
@click.option("-o", "--output", default="-", show_default=True, help="output file ('-' for stdout)")
@click.option("--to", "fmt", type=click.Choice(FORMATS), default="csl-json", show_default=True, help="output format")
@click.option("--encoding", default=None, help="Force the essay's encoding (default: detect).")
@options.max_size
def extract_cmd(essay: str, output: str, fmt: str, encoding: str | None, max_size: int) -> None:
    """Write the reference list of ESSAY as parsed: one CSL-JSON item per entry, with the reader's id and
    the entry as written in "note". Correct an item and convert with --bibliography to use it."""
    from pathlib import Path

    from .citations.bibliography import extract
    from .convert import read
    from .diagnostics import ConversionError
    from .options import ConvertOptions
    from .output import same_file, write_atomic

    name = _source_name(essay)
    try:
        doc = read(_read(essay, max_size), ConvertOptions(encoding=encoding, max_bytes=max_size), source_name=name)
    except ConversionError as err:
        raise click.ClickException(f"{name}: {err}") from None
    if not doc.references:
        raise click.ClickException(f"{name}: no reference list found")
    text = dump(extract(doc), fmt)
    if output == "-":
        click.echo(text, nl=False)
        return
    if essay != "-" and same_file(Path(essay), Path(output)):
        raise click.ClickException(f"{name}: output {output!r} would overwrite the essay")
    try:
        write_atomic(Path(output), text.encode("utf-8"), streams=True)
    except ConversionError as err:
        raise click.ClickException(f"{name}: {err}") from None
    click.echo(f"{name} -> {output} ({len(doc.references)} references)", err=True)


@refs.command(name="format")
@click.argument("source")
@click.option("--style", required=True, help="CSL style name or path (apa, mla, chicago-author-date, ieee ...)")
@click.option("--locale", default=None, help="CSL locale, e.g. en-US")
@click.option("--html", is_flag=True, help="HTML instead of plain text")
@options.max_size
def format_cmd(source: str, style: str, locale: str | None, html: bool, max_size: int) -> None:
    """Format the CSL-JSON items of SOURCE (a JSON array, or one item per line) as a bibliography."""
    from .citations.csl import format_bibliography
    from .diagnostics import ConversionError

    name = _source_name(source)
    items = _load_items(_read(source, max_size), name)
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise click.ClickException(f"{name}: item {i} is not a JSON object")
        item.setdefault("id", f"ref{i}")
    try:
        out = format_bibliography(items, style, locale, html)
    except ConversionError as err:
        raise click.ClickException(f"{name}: {err}") from None
    sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")


def _load_items(data: bytes, name: str) -> list[Any]:
    from .references.imports import NotCslJson, csl_json_items

    try:
        return csl_json_items(data, name)
    except NotCslJson as err:
        raise click.ClickException(str(err)) from None
