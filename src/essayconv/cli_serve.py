"""The `essayconv serve` command: the local web page (serve.py)."""

from __future__ import annotations

import importlib.util

import click


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but this machine's loopback is warned about.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for conversions (default: all cores).",
)
def serve(host: str, port: int, jobs: int | None) -> None:
    """A page in the browser to paste or drop an essay, check it and download the paper (http://HOST:PORT)."""
    missing = [m for m in ("starlette", "uvicorn", "multipart") if importlib.util.find_spec(m) is None]
    if missing:
        raise click.ClickException("essayconv serve needs the web extra: pip install 'essayconv[web]'")
    from .serve import run_server

    click.echo(
        f"essayconv: the page is at http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C to stop)",
        err=True,
    )
    run_server(host, port, jobs)
