"""The ``refs`` command group: parse reference lines into CSL-JSON/BibTeX/RIS, format CSL-JSON in a style."""

from __future__ import annotations

import json
import sys

import click

from .references.export import FORMATS, dump
from .references.parse import parse_reference


@click.group(name="refs")
def refs() -> None:
    """Reference lists: parse strings into structured data, format structured data."""


@refs.command(name="parse")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--to", "fmt", type=click.Choice(FORMATS), default="csl-jsonl", show_default=True,
              help="output format")
def parse_cmd(source: click.utils.LazyFile, fmt: str) -> None:
    """Parse one reference per line of SOURCE (a file, or - for stdin) and print the items.

    Empty lines are skipped. A line that cannot be parsed still yields an item, with the raw text in
    "note", and a warning on stderr naming its line number.
    """
    name = "<stdin>" if source.name == "<stdin>" else source.name
    items = []
    for lineno, line in enumerate(source, start=1):
        text = line.strip()
        if not text:
            continue
        parsed = parse_reference(text)
        item = {"id": f"ref{len(items) + 1}", **parsed.csl}
        if parsed.confidence == 0.0:
            item["note"] = text
            click.echo(f"{name}:{lineno}: warning: could not parse the reference, kept as a note "
                       f"[reference-unparsed]", err=True)
        items.append(item)
    click.echo(dump(items, fmt), nl=False)


@refs.command(name="format")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--style", required=True, help="CSL style name or path (apa, mla, chicago-author-date, ieee ...)")
@click.option("--locale", default=None, help="CSL locale, e.g. en-US")
@click.option("--html", is_flag=True, help="HTML instead of plain text")
def format_cmd(source: click.utils.LazyFile, style: str, locale: str | None, html: bool) -> None:
    """Format the CSL-JSON items of SOURCE (a JSON array, or one item per line) as a bibliography."""
    from .citations.csl import format_bibliography
    from .diagnostics import ConversionError

    text = source.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as err:
            raise click.ClickException(f"not CSL-JSON: {err}") from None
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise click.ClickException(f"item {i} is not a JSON object")
        item.setdefault("id", f"ref{i}")
    try:
        out = format_bibliography(items, style, locale, html)
    except ConversionError as err:
        raise click.ClickException(str(err)) from None
    sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")
