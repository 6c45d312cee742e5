"""Writing output files safely: atomically (temp file + rename), never over the input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .diagnostics import ConversionError


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ConversionError(f"output directory {str(directory)!r} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as err:
        raise ConversionError(f"cannot write to {str(directory)!r}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise ConversionError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
        raise


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
    return Path(path[len("file://"):]) if path.startswith("file://") else Path(path)


def read_source(path: str) -> bytes:
    """The bytes of a local file or an fsspec URL; ConversionError (one line) when it cannot be read."""
    try:
        if is_url(path):
            import fsspec

            with fsspec.open(path, "rb") as fh:
                data: bytes = fh.read()
            return data
        return local_path(path).read_bytes()
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


def write_output(path: str, data: bytes) -> None:
    """Write atomically: locally by temp file + rename, on an fsspec URL by a temporary name + move."""
    if not is_url(path):
        target = local_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
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
