"""Files in and out, safely: inputs read only from regular files and never past the size limit; outputs
written atomically (temp file + rename), never over the input, never by renaming over a device or a pipe."""

from __future__ import annotations

import errno
import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from .diagnostics import ConversionError

# What a path is when it is not a regular file, as a message names it.
_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}
# How a failed open or stat is reported (other errors: the system's own words).
_REASONS = {
    errno.ENOENT: "no such file",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.EACCES: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "not a directory",
}


def os_reason(err: OSError) -> str:
    """One line for an OSError, without the path (the caller names the file)."""
    return _REASONS.get(err.errno or 0) or (err.strerror or str(err)).lower()


def kind(mode: int) -> str | None:
    """``"a named pipe"`` and so on for a file that is not a regular file; None for a regular file."""
    return None if stat.S_ISREG(mode) else _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are, or would be, the same file (symlinks followed; a loop is no match)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# --------------------------------------------------------------------------------------------
# Reading: regular files only (a pipe or a device blocks or never ends), never past the limit
# --------------------------------------------------------------------------------------------


def read_file(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``; ConversionError (one line, no path) for anything else:
    a missing file, a symlink loop, a named pipe, a device, a socket, a directory, a file over ``limit``.

    The file is opened without blocking (opening a named pipe would wait for a writer), then fstat tells
    what was opened, so nothing can be swapped in between; the read itself is bounded too, for files
    whose size stat does not tell (/proc) or that grow while being read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise ConversionError(os_reason(err)) from None
    with os.fdopen(fd, "rb") as fh:
        try:
            st = os.fstat(fd)
            what = kind(st.st_mode)
            if what is not None:
                raise ConversionError(f"is {what}, not a regular file (give an essay file)")
            check_size(st.st_size, limit)
            return read_bounded(fh, limit)
        except OSError as err:
            raise ConversionError(f"cannot read: {os_reason(err)}") from None


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input, a file); ConversionError past the limit."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ConversionError(f"input is over the size limit of {human_size(limit)} (raise it with --max-size)")
    return data


def check_size(size: int, limit: int) -> None:
    """Refuse an input of ``size`` bytes over ``limit``, before reading it."""
    if size > limit:
        have, most = human_size(size), human_size(limit)
        if have == most:  # "100 kB, over the size limit of 100 kB" says nothing: give the bytes
            have, most = f"{size:,} bytes", f"{limit:,} bytes"
        raise ConversionError(f"input is {have}, over the size limit of {most} (raise it with --max-size)")


def human_size(n: int) -> str:
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= size:
            return f"{n / size:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def write_atomic(path: Path, data: bytes, durable: bool = True, streams: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part.

    ``durable`` also flushes the data to disk before the rename (it survives a power cut, not only a
    killed process). A batch passes False and syncs once at the end: one fsync costs ~4 ms here, a
    fifth of a whole conversion.

    A path that is not a regular file is never renamed over (as root that would replace /dev/null with
    a file): ``streams`` writes straight into a character device or a named pipe (``-o /dev/stdout``,
    ``-o >(cmd)``); anything else that is not a regular file is refused."""
    check_output_dir(path)
    what = _existing_kind(path)
    if what is not None:
        if streams and what in (_KINDS[stat.S_IFCHR], _KINDS[stat.S_IFIFO]):
            _write_stream(path, data)
            return
        raise ConversionError(f"cannot write {str(path)!r}: it is {what}, not a regular file")
    directory = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        with _signals_held():  # (Ctrl-C between the file's creation and ``tmp`` would leave it behind)
            fd, tmp = _create_temp(directory, path.name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException as err:
        try:
            if tmp is not None:
                os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise ConversionError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
        raise


def check_output_dir(path: Path) -> None:
    """Refuse an output whose directory is missing (the CLI checks this before converting)."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ConversionError(f"output directory {str(directory)!r} does not exist")


def _existing_kind(path: Path) -> str | None:
    """What ``path`` is if it exists and is not a regular file (symlinks followed); None otherwise."""
    try:
        return kind(os.stat(path).st_mode)
    except FileNotFoundError:
        return None  # a new file (or a dangling symlink, which the rename replaces)
    except OSError as err:
        raise ConversionError(f"cannot write {str(path)!r}: {os_reason(err)}") from None


def _write_stream(path: Path, data: bytes) -> None:
    """Write into an existing character device or named pipe, as ``cat > path`` does."""
    try:
        with open(path, "wb", buffering=0) as fh:
            view = memoryview(data)
            while view:
                view = view[fh.write(view) or 0 :]
    except OSError as err:
        raise ConversionError(f"cannot write {str(path)!r}: {os_reason(err)}") from None


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the block (where the platform can): a Ctrl-C that comes meanwhile is
    raised when the block ends, at a point where the caller's clean-up knows what to remove.

    Blocking the signals in this thread is not enough when the process has other threads (a Dask client's,
    a library's): the kernel then hands the signal to one of them and Python runs its handler in the main
    thread at once. So in the main thread the Python handlers are also replaced for the block by ones that
    only remember the signal, and the remembered signal goes to the real handler when the block ends."""
    import threading

    mask = getattr(signal, "pthread_sigmask", None)
    held = (signal.SIGINT, signal.SIGTERM)
    # (a handler not installed from Python, None here, could not be put back)
    if (
        mask is None
        or threading.current_thread() is not threading.main_thread()
        or any(signal.getsignal(sig) is None for sig in held)
    ):
        with _mask(mask):
            yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: caught.append(signum)) for sig in held}
    try:
        with _mask(mask):
            yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for signum in caught[:1]:
        handler = previous[signal.Signals(signum)]
        if callable(handler):
            handler(signum, None)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(signum)


@contextmanager
def _mask(mask: Any) -> Iterator[None]:
    """SIGINT and SIGTERM blocked in this thread for the block (nothing where ``mask`` is None)."""
    if mask is None:
        yield
        return
    old = mask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


def _create_temp(directory: Path, name: str) -> tuple[int, str]:
    """A new, exclusively created ``.NAME.XXXXXXXX.part`` beside the target (what tempfile.mkstemp does,
    without importing tempfile, random and shutil at start-up)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{os.urandom(4).hex()}.part")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
        except OSError as err:
            raise ConversionError(f"cannot write to {str(directory)!r}: {err.strerror or err}") from None
    raise ConversionError(f"cannot write to {str(directory)!r}: no free temporary name")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------------------------
# URLs (batch on a cluster): anything fsspec understands; plain paths stay on the fast local route
# --------------------------------------------------------------------------------------------


def is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def local_path(path: str) -> Path:
    return Path(path[len("file://") :]) if path.startswith("file://") else Path(path)


def read_source(path: str, limit: int) -> bytes:
    """The bytes of a local file or an fsspec URL, at most ``limit``; ConversionError (one line) otherwise."""
    if not is_url(path):
        return read_file(local_path(path), limit)
    try:
        import fsspec

        with fsspec.open(path, "rb") as fh:
            return read_bounded(fh, limit)
    except FileNotFoundError:
        raise ConversionError("no such file") from None
    except IsADirectoryError:
        raise ConversionError("is a directory") from None
    except OSError as err:
        raise ConversionError(f"cannot read: {err.strerror or err}") from None


def exists(path: str) -> bool:
    if is_url(path):
        import fsspec

        fs, p = fsspec.core.url_to_fs(path)
        return bool(fs.exists(p))
    return local_path(path).exists()


def finished(path: str) -> bool:
    """Whether a finished output is there: an empty file (a write that a power cut interrupted before
    the batch's final sync) does not count, so --skip-existing converts it again."""
    if is_url(path):
        import fsspec

        fs, p = fsspec.core.url_to_fs(path)
        return bool(fs.exists(p)) and bool(fs.size(p))
    try:
        return local_path(path).stat().st_size > 0
    except OSError:
        return False


def companion_path(output: str, suffix: str) -> str:
    """Where a file that goes with an output is written: beside it, its extension replaced by ``suffix``
    ("paper.md" + ".references.json" -> "paper.references.json")."""
    base, dot, ext = output.rpartition(".")
    return (base if dot and "/" not in ext else output) + suffix


def write_output(path: str, data: bytes, durable: bool = True) -> None:
    """Write atomically: locally by temp file + rename, on an fsspec URL by a temporary name + move."""
    if not is_url(path):
        target = local_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, durable)
        return
    import uuid

    import fsspec

    fs, p = fsspec.core.url_to_fs(path)
    parent = p.rsplit("/", 1)[0] if "/" in p else ""
    if parent:
        fs.makedirs(parent, exist_ok=True)
    tmp = f"{p}.{uuid.uuid4().hex}.part"
    try:
        with fs.open(tmp, "wb") as fh:
            fh.write(data)
        fs.mv(tmp, p)
    except BaseException:
        try:
            fs.rm(tmp)
        except Exception:  # noqa: BLE001 - best effort clean-up of our own temporary file
            pass
        raise
