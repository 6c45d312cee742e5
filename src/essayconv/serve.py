"""`essayconv serve`: a local web page for people who do not use a terminal (and an HTTP interface).

Starlette on uvicorn: an ASGI framework and server that are small, well kept and enough for four routes
(FastAPI would add request models and pydantic for no gain here). Conversions run in a pool of worker
processes, so one slow essay never holds up the page for anyone else; nothing is written to disk (the
essay and its outputs live in memory for the length of the request). The page is plain HTML and a
little JavaScript served by the app itself: no fonts, scripts or styles from the network.

    GET  /              the page
    GET  /styles?q=     styles matching q: the aliases first, then the CSL styles by id and title
    POST /convert       multipart form: file or text, style, to (docx|pdf|md), title-block fields;
                        returns the document, its name in Content-Disposition
    POST /inspect       the same form; returns what the reader found (inspect's JSON) and the check's findings
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import PurePath
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .diagnostics import ConversionError

# What the page may ask for: the formats a browser can download, the title-block fields.
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
}
FIELDS = ("title", "author", "instructor", "course", "affiliation", "date")
MAX_BYTES = 10_000_000  # an essay is rarely over 1 MB; the CLI's default limit
TIMEOUT = 120.0  # seconds one conversion may take before the request gets an error
_STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}


def create_app(max_bytes: int = MAX_BYTES, workers: int | None = None, timeout: float = TIMEOUT) -> Starlette:
    """The web app; conversions run in ``workers`` processes (all cores by default)."""
    state: dict[str, Any] = {"pool": None}

    def pool() -> ProcessPoolExecutor:
        if state["pool"] is None:
            state["pool"] = ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1)
        return state["pool"]

    async def run(job: Any, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(loop.run_in_executor(pool(), job, *args), timeout)

    async def index(request: Request) -> Response:
        return FileResponse(_asset("index.html"), media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:  # only the app's own files, never a path from the client
            return _error("no such file", 404)
        return FileResponse(_asset(name), media_type=_STATIC[name])

    async def styles(request: Request) -> Response:
        return JSONResponse(search_styles(request.query_params.get("q", "")))

    async def convert(request: Request) -> Response:
        try:
            form = await _essay_form(request, max_bytes)
            if form["to"] not in FORMATS:
                raise ConversionError(f"unknown format {form['to']!r} (the page writes {', '.join(FORMATS)})")
            data, name, warnings = await run(convert_job, form)
        except ConversionError as err:
            return _error(str(err))
        except TimeoutError:
            return _error(f"the conversion took longer than {timeout:.0f} s", 504)
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "X-Essayconv-Warnings": str(len(warnings))}
        return Response(data, media_type=FORMATS[form["to"]], headers=headers)

    async def inspect(request: Request) -> Response:
        try:
            form = await _essay_form(request, max_bytes)
            found = await run(inspect_job, form)
        except ConversionError as err:
            return _error(str(err))
        except TimeoutError:
            return _error(f"reading the essay took longer than {timeout:.0f} s", 504)
        return JSONResponse(found)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:  # the workers end with the server
            if state["pool"] is not None:
                state["pool"].shutdown(cancel_futures=True)

    routes = [
        Route("/", index),
        Route("/static/{name}", static),
        Route("/styles", styles),
        Route("/convert", convert, methods=["POST"]),
        Route("/inspect", inspect, methods=["POST"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def _asset(name: str) -> str:
    return str(resources.files("essayconv") / "web" / name)


def _error(message: str, status: int = 400) -> Response:
    """The CLI's one-line error, as JSON the page shows."""
    return JSONResponse({"error": message}, status_code=status)


async def _essay_form(request: Request, max_bytes: int) -> dict[str, Any]:
    """The essay and the options of a form; ConversionError (one line) for anything the page cannot take."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes + 64_000:
        raise ConversionError(f"the upload is larger than {max_bytes // 1_000_000} MB")
    try:
        form = await request.form(max_files=1, max_fields=20, max_part_size=max_bytes + 1)
    except Exception as err:  # noqa: BLE001 - a malformed form is the client's error, said in one line
        raise ConversionError(f"not a form the page sends ({type(err).__name__})") from None
    upload = form.get("file")
    name = "essay.txt"
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read(max_bytes + 1)
        # the file's name only gives the format and the download's name: nothing is opened by it
        name = PurePath(upload.filename.replace("\\", "/")).name or name
    else:
        text = form.get("text")
        data = (text if isinstance(text, str) else "").encode("utf-8")
    if len(data) > max_bytes:
        raise ConversionError(f"the essay is larger than {max_bytes // 1_000_000} MB")
    if not data.strip():
        raise ConversionError("paste the essay or choose its file")
    style = str(form.get("style") or "apa").strip()
    if "/" in style or "\\" in style or style.lower().endswith(".csl"):  # no file paths from a client
        raise ConversionError("give the style by its id or alias (e.g. apa, mla, chicago-notes)")
    return {
        "data": data,
        "name": name,
        "style": style,
        "to": str(form.get("to") or "docx").lower(),
        "meta": {f: str(form.get(f)).strip() for f in FIELDS if form.get(f) and str(form.get(f)).strip()},
    }


# --------------------------------------------------------------------------------------------
# The jobs (in worker processes)
# --------------------------------------------------------------------------------------------


def _options(form: dict[str, Any], to: str = "json") -> Any:
    from .options import ConvertOptions, MetaOverrides

    return ConvertOptions(to=to, style=form["style"], meta=MetaOverrides(**form["meta"]))


def convert_job(form: dict[str, Any]) -> tuple[bytes, str, list[str]]:
    """The document, its download name and the conversion's warnings."""
    from .convert import convert
    from .writers import extension

    result = convert(form["data"], _options(form, form["to"]), source_name=form["name"])
    stem = PurePath(form["name"]).stem or "essay"
    safe = "".join(c if c.isalnum() or c in "-_ ." else "_" for c in stem).strip() or "essay"
    return result.data, safe + extension(form["to"]), [d.format(form["name"]) for d in result.diagnostics]


def inspect_job(form: dict[str, Any]) -> dict[str, Any]:
    """What the reader found (inspect's JSON) and what the check finds, for the page."""
    from .check import check
    from .citations.resolve import resolve
    from .convert import read
    from .inspect import inspect_dict

    options = _options(form)
    doc = resolve(read(form["data"], options, source_name=form["name"]))
    found = inspect_dict(doc)
    found["findings"] = [f.to_dict() for f in check(doc, form["style"])]
    found.pop("body_text", None)
    return found


@functools.cache
def _style_titles() -> dict[str, str]:
    """Style id -> title, made once per process (the page asks on every keystroke)."""
    from .citations.styles import list_styles

    return dict(list_styles(None))


def search_styles(query: str, limit: int = 60) -> list[dict[str, str]]:
    """Styles for the page's list: the aliases first (apa, mla, chicago-notes, ...), then the CSL styles
    whose id or title holds the query."""
    from .citations.styles import ALIASES, list_styles

    q = query.strip().casefold()
    titles = _style_titles()
    out = [
        {
            "id": alias,
            "title": titles.get(target, "") if alias == target else f"{titles.get(target, target)} ({target})",
        }
        for alias, target in sorted(ALIASES.items(), key=lambda a: (a[0] != "apa", a[0]))
        if not q or q in alias or q in target
    ]
    shown = {s["id"] for s in out}
    for sid, title in list_styles(q or None):
        if len(out) >= limit:
            break
        if sid not in shown:
            out.append({"id": sid, "title": title})
    return out[:limit]


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------

_LOCAL = {"127.0.0.1", "localhost", "::1"}


def run_server(host: str, port: int, workers: int | None = None) -> None:
    import uvicorn

    if host not in _LOCAL:
        import click

        click.echo(
            f"essayconv: warning: serving on {host}: anyone who can reach this address can upload essays "
            "to this machine (use 127.0.0.1 to keep the page to yourself)",
            err=True,
        )
    uvicorn.run(create_app(workers=workers), host=host, port=port, log_level="warning")
