"""Many essays at once: collect inputs, plan outputs, convert in parallel processes, report per file."""

from __future__ import annotations

import fnmatch
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import asdict

from .diagnostics import ConversionError
from .options import ConvertOptions


class Task(Struct, frozen=True):
    source: str  # input path as given / found
    output: str  # planned output path
    options: ConvertOptions


class Record(Struct):
    """What happened to one input; ``to_dict`` is its line in ``--report``."""

    source: str
    output: str | None
    status: str  # "converted" | "failed" | "skipped"
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    references_found: int = 0
    references_parsed: int = 0
    citations: int = 0
    citations_unresolved: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # the check's warnings and errors, by code

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # fields in declared order


class Summary(Struct):
    converted: int = 0
    failed: int = 0
    skipped: int = 0
    warnings: int = 0
    seconds: float = 0.0
    interrupted: bool = False  # Ctrl-C stopped the run: the report holds the files done before it
    findings: dict[str, int] = field(default_factory=dict)  # the check's warnings and errors, by code, all files

    def add(self, rec: Record) -> None:
        setattr(self, rec.status, getattr(self, rec.status) + 1)
        self.warnings += len(rec.warnings)
        for code, n in rec.findings.items():
            self.findings[code] = self.findings.get(code, 0) + n

    @property
    def return_code(self) -> int:
        """The batch's exit status: 130 when interrupted, 1 when a file failed, else 0."""
        return 130 if self.interrupted else 1 if self.failed else 0

    def line(self) -> str:
        rate = (self.converted / self.seconds) if self.seconds > 0 else 0.0
        return (
            f"converted {self.converted}, warnings {self.warnings}, failed {self.failed}, "
            f"skipped {self.skipped} in {self.seconds:.1f} s ({rate:.1f} docs/s)"
        )


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


def plan(
    inputs: Iterable[str],
    outdir: str | None,
    options: ConvertOptions,
    pattern: str = "*.txt",
    report_path: str | None = None,
) -> list[Task]:
    """The tasks of a batch, every output path decided; ConversionError (one line) for what stops the
    whole batch: a missing input, a bad option, an output directory that cannot be, two inputs with one
    output, a report that would destroy a file, nothing to convert."""
    from .output import exists, is_url
    from .writers import extension

    inputs = list(inputs)
    for item in inputs:
        if item != "-" and not exists(item):
            raise ConversionError(f"{item}: no such file or directory")
    preflight(options)
    if outdir is not None and not is_url(outdir):
        make_output_dir(outdir)
    ext = extension(options.to)
    tasks = [Task(src, output_path(src, rel, outdir, ext), options) for src, rel in collect(inputs, pattern)]
    if not tasks:
        raise ConversionError(f"no input files found (looked for {pattern!r} in {', '.join(inputs)})")
    seen: dict[str, str] = {}
    for t in tasks:
        if t.output in seen:
            raise ConversionError(f"{t.source}: its output {t.output!r} would also be written for {seen[t.output]}")
        seen[t.output] = t.source
    if report_path:
        check_report_path(report_path, tasks)
    return tasks


def preflight(options: ConvertOptions) -> None:
    """A bad style, layout, encoding, locale or bibliography is one error for the batch, not one per file."""
    from .citations.styles import resolve_style
    from .layouts import layout_for
    from .readers.decode import check_encoding

    resolve_style(options.style)
    layout_for(options.layout, None, paper=options.paper, font=options.font)
    if options.encoding:
        check_encoding(options.encoding)
    if options.locale:
        from .citations.csl import known_locale

        known_locale(options.locale)
    if options.bibliography:
        from .citations.bibliography import load

        load(options.bibliography)


# Suffixes that make an -o look like a file, not a directory: the outputs' and the inputs' own.
_FILE_SUFFIXES = frozenset({".docx", ".pdf", ".json", ".txt", ".doc", ".odt", ".rtf", ".md", ".html", ".htm"})


def make_output_dir(outdir: str) -> None:
    """The output directory of a batch, created if need be; a file, or a name that looks like one
    (``-o single.pdf`` with several inputs), is refused rather than turned into a directory."""
    from .output import os_reason

    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise ConversionError(f"{outdir}: -o names a file; several inputs need an output directory")
    if not out.exists() and out.suffix.lower() in _FILE_SUFFIXES:
        raise ConversionError(
            f"{outdir}: several inputs need an output directory, and -o names a {out.suffix} "
            "file (give a directory, or convert one file at a time)"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConversionError(f"{outdir}: cannot create the output directory: {os_reason(err)}") from err


def check_report_path(path: str, tasks: list[Task]) -> None:
    """Refuse a --report file whose writing would destroy something: an input or an output of this run,
    or anything that is not a regular file (a device, a named pipe, a directory)."""
    from .output import check_output_dir, is_url, kind, os_reason

    target = Path(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise ConversionError(f"{path}: cannot write the report there: {os_reason(err)}") from err
    if st is not None and (what := kind(st.st_mode)) is not None:
        raise ConversionError(f"{path}: cannot write the report there: it is {what}, not a regular file")
    try:
        check_output_dir(target)
    except ConversionError as err:
        raise ConversionError(f"{path}: cannot write the report: {err}") from err
    real = os.path.realpath(target)
    for t in tasks:
        for role, other in (("an input", t.source), ("an output", t.output)):
            if is_url(other):
                continue
            # the same path (symlinked directories resolved), or an existing file by another name
            if (
                Path(other).name == target.name
                and os.path.realpath(other) == real
                or (st is not None and _same_inode(other, st))
            ):
                raise ConversionError(
                    f"{path}: the report would overwrite {role} of this run ({other}); choose another path"
                )


def _same_inode(path: str, st: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), st)
    except OSError:
        return False


def collect(
    inputs: Iterable[str], glob: str = "*.txt", stdin: Iterable[str] | None = None
) -> Iterator[tuple[str, Path]]:
    """(source path, path relative to its root) for every input: files as given, directories recursively
    (files matching ``glob``, sorted), ``-`` for a list of paths read from ``stdin``, one per line."""
    for item in inputs:
        if item == "-":
            for line in stdin if stdin is not None else sys.stdin:
                path = line.strip()
                if path:
                    yield path, Path(Path(path).name)
            continue
        if "://" in item and not item.startswith("file://"):
            yield from _collect_url(item, glob)
            continue
        p = Path(item)
        if p.is_dir():
            found = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    if fnmatch.fnmatch(name, glob) and not name.startswith("."):
                        full = Path(dirpath) / name
                        found.append((str(full), full.relative_to(p)))
            yield from sorted(found, key=lambda t: str(t[1]))
        else:
            yield item, Path(p.name)


def _collect_url(url: str, glob: str) -> Iterator[tuple[str, Path]]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    protocol = url.split("://", 1)[0]
    if not fs.isdir(root):
        yield url, Path(root.rsplit("/", 1)[-1])
        return
    root = root.rstrip("/")
    for found in sorted(fs.find(root)):
        name = found.rsplit("/", 1)[-1]
        if fnmatch.fnmatch(name, glob) and not name.startswith("."):
            rel = found[len(root) :].lstrip("/")
            yield f"{protocol}://{found}" if "://" not in found else found, Path(rel)


def output_path(source: str, rel: Path, outdir: str | None, ext: str) -> str:
    """The output of ``source``: under ``outdir`` mirroring the input tree, else beside the input."""
    if outdir is None:
        base, dot, suffix = source.rpartition(".")
        return (base if dot and "/" not in suffix else source) + ext
    return outdir.rstrip("/") + "/" + rel.with_suffix(ext).as_posix()


# --------------------------------------------------------------------------------------------
# Running one task (in a worker process)
# --------------------------------------------------------------------------------------------


def run_task(task: Task, skip_existing: bool = False, force: bool = False, durable: bool = True) -> Record:
    """Convert one file and write its output atomically; never raises for a bad input.

    ``durable=False`` skips the per-file fsync: the caller syncs once when the batch is done."""
    from .convert import convert
    from .output import companion_path, exists, finished, is_url, read_source, same_file, write_output

    start = time.perf_counter()
    rec = Record(task.source, task.output, "failed")
    try:
        if not is_url(task.source) and not is_url(task.output) and same_file(Path(task.source), Path(task.output)):
            raise ConversionError(f"output {task.output!r} would overwrite the input")
        if exists(task.output):
            if skip_existing and finished(task.output):  # an empty file is an interrupted write: redo it
                rec.status = "skipped"
                return rec
            if not (force or skip_existing):
                raise ConversionError(f"output {task.output!r} exists (use --force to replace it or --skip-existing)")
        data = read_source(task.source, task.options.max_bytes)
        result = convert(data, task.options, source_name=task.source)
        write_output(task.output, result.data, durable)
        for suffix, extra in result.companions.items():  # (the Markdown output's references, say)
            write_output(companion_path(task.output, suffix), extra, durable)
        doc = result.document
        rec.status = "converted"
        rec.warnings = [d.format(task.source) for d in result.diagnostics if d.severity != "info"]
        for f in result.findings:
            if f.level != "note":
                rec.findings[f.code] = rec.findings.get(f.code, 0) + 1
        rec.references_found = len(doc.references)
        from .model import all_cites
        from .references.confidence import is_unsure

        rec.references_parsed = sum(1 for r in doc.references if not is_unsure(r.confidence))

        cites = all_cites(doc)
        rec.citations = len(cites)
        rec.citations_unresolved = sum(1 for c in cites if any(it.key is None for it in c.items))
    except ConversionError as err:
        where = f"{task.source}:{err.line}" if err.line else task.source
        rec.error = f"{where}: {err}"
    except Exception as err:  # noqa: BLE001 - one failing essay must never stop the batch
        rec.error = f"{task.source}: internal error: {type(err).__name__}: {err}"
    finally:
        rec.seconds = round(time.perf_counter() - start, 4)
    return rec


# --------------------------------------------------------------------------------------------
# Running many
# --------------------------------------------------------------------------------------------


_WARM_ESSAY = (
    "A Short Essay\n\nShort essays cite their sources too (Lee & Park, 2020, p. 3).\n\nReferences\n\n"
    "Lee, A., & Park, B. (2020). A title. Journal of Examples, 1(2), 3-4.\n"
)


def _preload(options: ConvertOptions) -> None:
    """Convert a tiny essay once in the parent, so forked workers start with every module imported, the
    style parsed, the reference model loaded and the regular expressions compiled."""
    from .convert import convert

    try:
        convert(_WARM_ESSAY, options)
    except ConversionError:
        pass  # a bad option (an unknown style, say) is reported for each file by the workers
    # What the workers inherit (modules, the model, the parsed style, compiled patterns) lives as long as
    # they do: out of the collector's reach, a full collection in a worker neither walks it nor writes to
    # its pages, which fork shares until written (each worker would copy tens of MB of them)
    gc.freeze()


def run_local(
    tasks: Iterable[Task],
    jobs: int,
    on_done: Callable[[Record], None],
    *,
    skip_existing: bool = False,
    force: bool = False,
    start_method: str | None = None,
) -> None:
    """Run tasks in ``jobs`` processes (in this process when jobs == 1), calling ``on_done`` per record.
    Workers are forked where the platform can (``start_method``: a multiprocessing start method instead).

    At most a few tasks per worker are in flight at once, so memory does not grow with the batch size.
    Outputs are renamed into place as they finish (a killed run leaves no partial file) and flushed to
    disk with one sync at the end instead of an fsync per file."""
    import os

    durable = not hasattr(os, "sync")  # where there is no os.sync, every file is flushed as it is written
    try:
        if jobs <= 1:
            for t in tasks:
                on_done(run_task(t, skip_existing, force, durable))
            return
        _run_pool(tasks, jobs, on_done, skip_existing, force, durable, start_method)
    finally:
        if not durable:
            os.sync()


def _run_pool(
    tasks: Iterable[Task],
    jobs: int,
    on_done: Callable[[Record], None],
    skip_existing: bool,
    force: bool,
    durable: bool,
    start_method: str | None = None,
) -> None:
    """``jobs`` worker processes, each fed tasks through its own pipe, two at a time: while a worker converts
    one, its next is already waiting, and the parent reads records and hands out tasks in one loop.

    Why not ProcessPoolExecutor: its manager and feeder threads cost the parent about half a millisecond
    per task, CPU the workers need on a machine whose every core converts. A worker that dies (killed,
    out of memory, a crash in a C library) fails the essay it was converting; a new worker takes its
    place and its waiting task, and the batch goes on."""
    import multiprocessing
    from collections import deque
    from multiprocessing.connection import wait as ready

    # fork: workers start as copies of this warmed-up process (see _preload); elsewhere they import afresh
    if start_method is None and "fork" in multiprocessing.get_all_start_methods():
        start_method = "fork"
    ctx: Any = multiprocessing.get_context(start_method)  # (typeshed's BaseContext has no Process)
    it = iter(tasks)
    workers: dict[Any, tuple[Any, deque[Task]]] = {}  # parent end of the pipe -> (process, tasks sent, in order)

    forked = ctx.get_start_method() == "fork"

    def start() -> Any:
        conn, child_end = ctx.Pipe()
        # A forked worker inherits the parent's ends of every pipe, its own included: it closes them, or it
        # would never see the end of its input when the parent is gone, nor let the others see theirs.
        inherited = [conn, *workers] if forked else []
        proc = ctx.Process(target=_work, args=(child_end, skip_existing, force, durable, inherited), daemon=True)
        proc.start()
        child_end.close()
        workers[conn] = (proc, deque())
        return conn

    def send(conn: Any, task: Task) -> None:
        workers[conn][1].append(task)
        try:
            conn.send(task)
        except OSError:
            pass  # the worker has died: reading from it says so, and its tasks go to a new one

    def feed(conn: Any) -> None:
        while len(workers[conn][1]) < 2 and (task := next(it, None)) is not None:
            send(conn, task)

    try:
        for _ in range(jobs):
            feed(start())
        while True:
            busy = [c for c, (_, sent) in workers.items() if sent]
            if not busy:
                break
            conn: Any
            for conn in ready(busy):
                proc, sent = workers[conn]
                try:
                    rec = conn.recv()
                except (EOFError, OSError):
                    rec = _died(sent.popleft(), proc)
                    del workers[conn]
                    conn.close()
                    replacement = start()
                    for task in sent:
                        send(replacement, task)
                    on_done(rec)
                    feed(replacement)
                    continue
                sent.popleft()
                on_done(rec)
                feed(conn)
    finally:
        # Done, or interrupted: each worker returns once it has finished the essay in hand (Ctrl-C reaches
        # the workers too, and an interrupted write removes its temporary file), so no output is half-written.
        for conn in workers:
            try:
                conn.send(None)
            except OSError:
                pass
            conn.close()
        for proc, _ in workers.values():
            proc.join()


def _work(conn: Any, skip_existing: bool, force: bool, durable: bool, inherited: list[Any]) -> None:
    """A worker process: convert each task received until told to stop (None) or the parent is gone."""
    for other in inherited:
        other.close()
    try:
        while (task := conn.recv()) is not None:
            conn.send(run_task(task, skip_existing, force, durable))
    except (EOFError, OSError, KeyboardInterrupt):
        pass  # the parent stopped (Ctrl-C reaches the whole process group; the parent reports it)


def _died(task: Task, proc: Any) -> Record:
    proc.join()
    code = proc.exitcode
    if code is not None and code < 0:
        import signal

        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
    else:
        how = f"exit status {code}"
    return Record(
        task.source,
        task.output,
        "failed",
        error=f"{task.source}: internal error: the worker process converting it died ({how})",
    )


def run_dask(
    tasks: Iterable[Task],
    scheduler: str | None,
    on_done: Callable[[Record], None],
    *,
    skip_existing: bool = False,
    force: bool = False,
    client: Any = None,
) -> None:
    """Run tasks on a Dask distributed cluster (``scheduler`` like ``tcp://host:8786``).

    Workers need essayconv installed and must see the inputs and outputs (a shared filesystem, or URLs that
    fsspec understands on every worker). A bounded window of tasks is in flight, as in ``run_local``."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ConversionError("--executor dask needs the dask extra: pip install 'essayconv[dask]'") from None
    own = client is None
    if own:
        try:
            client = Client(scheduler, set_as_default=False, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise ConversionError(f"cannot reach the Dask scheduler {scheduler}: {err}") from None
    try:
        window = max(8, 4 * max(1, len(client.scheduler_info().get("workers", {}))))
        it = iter(tasks)
        first = [client.submit(run_task, t, skip_existing, force, pure=False) for t, _ in zip(it, range(window))]
        if not first:
            return
        pending = as_completed(first, loop=client.loop)
        for fut in pending:
            on_done(fut.result())
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                pending.add(client.submit(run_task, nxt, skip_existing, force, pure=False))
    finally:
        if own:
            client.close()


# --------------------------------------------------------------------------------------------
# Running a batch
# --------------------------------------------------------------------------------------------


def run_batch(
    tasks: list[Task],
    on_done: Callable[[Record], None],
    *,
    jobs: int | None = None,
    skip_existing: bool = False,
    force: bool = False,
    report_path: str | None = None,
    scheduler: str | None = None,
) -> Summary:
    """Convert the planned tasks (in ``jobs`` local processes, all cores by default, or on the Dask cluster
    at ``scheduler``), calling ``on_done`` for each record as it comes; write ``report_path`` at the end.

    Ctrl-C stops the run: the summary says ``interrupted`` and the report holds the files done before it.
    ConversionError when the run cannot go on (an unreachable scheduler) or the report cannot be written."""
    import json
    import tempfile

    n_jobs = min(jobs or os.cpu_count() or 1, len(tasks))
    if n_jobs > 1 and scheduler is None and tasks:
        _preload(tasks[0].options)
    summary = Summary()
    # per-file records go to a temporary file as they come, so memory stays flat however many files;
    # a file name that is not UTF-8 (its bytes kept by os.fsdecode as lone surrogates) is written as a
    # JSON \udcXX escape, which json.loads and os.fsencode turn back into the name's bytes
    spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace") if report_path else None

    def done(rec: Record) -> None:
        with _ctrl_c_deferred():  # (the summary and the report's files must count the same records)
            summary.add(rec)
            if spool is not None:
                spool.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        on_done(rec)

    start = time.perf_counter()
    try:
        if scheduler is not None:
            run_dask(tasks, scheduler, done, skip_existing=skip_existing, force=force)
        else:
            run_local(tasks, n_jobs, done, skip_existing=skip_existing, force=force)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        summary.seconds = time.perf_counter() - start
    if report_path and spool is not None:
        save_report(report_path, summary, spool)
    return summary


@contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) that arrives inside the block until the block is done: a record is then counted in
    the summary and written to the report both or neither (a Ctrl-C between the two had left the report's
    summary one file ahead of its list). Where signals cannot be held (Windows, a thread), the block runs as
    it is."""
    import signal
    import threading

    hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if hold:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if hold:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def save_report(path: str, summary: Summary, spool: Any) -> None:
    """``{"summary": {...}, "files": [...]}`` streamed from the spooled records, written atomically."""
    from .output import os_reason

    try:
        _write_report(Path(path), asdict(summary), spool)
    except OSError as err:
        raise ConversionError(f"{path}: cannot write the report: {os_reason(err)}") from err


def _write_report(path: Path, summary: dict[str, Any], spool: Any) -> None:
    import json
    import tempfile

    spool.seek(0)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write('{\n  "summary": ' + json.dumps(summary, ensure_ascii=False) + ',\n  "files": [')
            for n, line in enumerate(spool):
                fh.write(("\n    " if n == 0 else ",\n    ") + line.rstrip("\n"))
            fh.write("\n  ]\n}\n")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
