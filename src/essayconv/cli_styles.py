"""The `essayconv styles [SEARCH]` command: list CSL style ids and titles."""

from __future__ import annotations

import click

from .citations.styles import ALIASES, list_styles


@click.command("styles")
@click.argument("search", required=False)
def styles(search: str | None) -> None:
    """List the CSL styles (id and title); SEARCH filters ids and titles, case-insensitively."""
    found = list_styles(search)
    if search:
        aliased = sorted(a for a, target in ALIASES.items() if a != target and search.casefold() in a)
        for alias in aliased:
            click.echo(f"{alias:40s} alias of {ALIASES[alias]}")
    if not found:
        raise click.ClickException(f"no style matches '{search}'")
    width = min(60, max(len(i) for i, _ in found))
    for sid, title in found:
        click.echo(f"{sid:{width}s}  {title}")
