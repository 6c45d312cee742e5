"""``essayconv check``: the findings of essays before they are handed in; printing and exit codes only."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from . import cli_options as options
from .diagnostics import ConversionError


@click.command(
    "check",
    help="""Check essays before they are handed in: citations against the reference list,
near misses, duplicates, numbering, quotations without a page, references the parser is unsure of, fields
the style needs, mixed citation systems, 'et al.' the style does not allow.

\b
Exit status: 0 when no finding is a warning or an error (--strict: no finding at all), 1 otherwise or when
an essay cannot be read, 2 for a usage error.

\b
Examples:
  essayconv check paper.txt                  APA (the default style)
  essayconv check paper.txt --style mla --json
  essayconv check essays/ --strict           every *.txt below essays/""",
)
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option(
    "--style", "-s", default="apa", show_default=True, help="The style the essay follows: alias, style id or .csl path."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per essay, one per line.")
@click.option("--strict", is_flag=True, help="Exit 1 on any finding, notes included.")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from directories.")
@options.input_format
@options.encoding
@options.max_size
@options.bibliography
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel processes for several inputs (default: all cores); the output keeps the inputs' order.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print no summary line.")
@options.debug
def check(
    inputs: tuple[str, ...],
    style: str,
    as_json: bool,
    strict: bool,
    pattern: str,
    input_format: str | None,
    encoding: str | None,
    max_size: int,
    bibliography: str | None,
    jobs: int | None,
    quiet: bool,
    debug: bool,
) -> None:
    from .batch import collect
    from .check import LEVELS, at_least_warning, style_rules
    from .options import ConvertOptions

    try:
        rules = style_rules(style)
    except ConversionError as err:
        raise click.BadParameter(str(err), param_hint="'--style'") from None
    options = ConvertOptions(
        style=style, encoding=encoding, max_bytes=max_size, bibliography=bibliography, input_format=input_format
    )
    files = list(collect(inputs, pattern))
    if not files:
        raise click.UsageError(f"no input files found (looked for {pattern!r} in {', '.join(inputs)})")
    counts = dict.fromkeys(LEVELS, 0)
    failing = failed = 0
    sources = [source for source, _rel in files]
    for source, findings, error in _results(sources, options, rules, debug, jobs):
        if error is not None:
            failed += 1
            if as_json:
                _out({"file": source, "error": error[0]})
            click.echo(f"essayconv: error: {source}{f':{error[1]}' if error[1] else ''}: {error[0]}", err=True)
            continue
        for f in findings:
            counts[f.level] += 1
        if any(at_least_warning(f) for f in findings) or (strict and findings):
            failing += 1
        if as_json:
            _out(
                {
                    "file": source,
                    "style": style,
                    "findings": [f.to_dict() for f in findings],
                    "counts": {lv: sum(1 for f in findings if f.level == lv) for lv in LEVELS},
                }
            )
        else:
            for f in findings:
                click.echo(f.format(source))
    if not quiet:
        checked = len(files) - failed
        noun = "essay" if checked == 1 else "essays"
        click.echo(
            f"checked {checked} {noun}: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['note']} notes" + (f"; {failed} could not be read" if failed else ""),
            err=True,
        )
    sys.exit(1 if failing or failed else 0)


# (source, findings, error): error is (message, line) for an essay that could not be read, else None
_Result = tuple[str, list[Any], "tuple[str, int | None] | None"]


def _results(sources: list[str], options: Any, rules: Any, debug: bool, jobs: int | None) -> Iterator[_Result]:
    """Each essay's findings in the inputs' order; in worker processes when there are several (not stdin)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(sources) < 2 or "-" in sources:
        yield from (_checked(s, options, rules, debug) for s in sources)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
        yield from pool.map(partial(_checked, options=options, rules=rules, debug=debug), sources, chunksize=4)


def _checked(source: str, options: Any, rules: Any, debug: bool) -> _Result:
    try:
        return source, _check_one(source, options, rules, debug), None
    except ConversionError as err:
        return source, [], (str(err), err.line)


def _check_one(source: str, options: Any, rules: Any, debug: bool) -> list[Any]:
    from .check import check as run_checks
    from .citations.resolve import resolve
    from .convert import read
    from .output import read_bounded, read_file

    data = read_bounded(sys.stdin.buffer, options.max_bytes) if source == "-" else read_file(source, options.max_bytes)
    try:
        return run_checks(resolve(read(data, options, source_name=source)), rules)
    except ConversionError:
        raise
    except Exception as err:  # noqa: BLE001 - one essay's bug is that essay's error, not the batch's end
        if debug:
            raise
        raise ConversionError(f"internal error: {type(err).__name__}: {err} (run with --debug for details)") from None


def _out(obj: dict[str, Any]) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))
