"""A built site over HTTP on 127.0.0.1, for `build.py serve` and for measuring search."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _AsPages(_Quiet):
    """Served as GitHub Pages serves it: `/` sent on to the site's path, no folder listings,
    and for an address the site does not have, its own 404.html with status 404."""

    def __init__(self, *args: object, home: str, **kwargs: object) -> None:
        self.home = home  # set before the base class handles the request
        super().__init__(*args, **kwargs)

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.home != "/" and self.path.split("?", 1)[0] == "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.home)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def list_directory(self, path):  # type: ignore[no-untyped-def]
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory, self.home.lstrip("/"), "404.html")
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def served(folder: Path, port: int = 0, home: str | None = None) -> Iterator[str]:
    """`folder` over HTTP (port 0: a free one) from a daemon thread; yields its address.
    With `home` (the site's path, "/briefing/" or "/"), as GitHub Pages serves it (`_AsPages`)."""
    handler = functools.partial(_Quiet, directory=str(folder)) if home is None else \
        functools.partial(_AsPages, directory=str(folder), home=home)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
