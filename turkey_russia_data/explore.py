"""``turkey-russia-data explore``: build the evidence explorer (exports/site.py) and serve
it on this machine, with the standard library's HTTP server bound to localhost.

The site is static: ``export --format site --out DIR`` writes the same pages for any file
host. With the source texts (``--sources`` or $TRD_SOURCES_DIR) rows show each quote in
its paragraph; such a build is for local use only (the texts are not ours to publish).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

    from .loader import DataPackage


def serve(
    folder: Path, port: int, *, ready: Callable[[str], None] | None = None, stop: threading.Event | None = None
) -> None:
    """Serve ``folder`` on 127.0.0.1:port until interrupted (or until ``stop`` is set);
    ``ready`` gets the URL once the server listens."""
    # Imported here: building the command line's parser should not load a web server.
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        if ready is not None:
            ready(url)
        if stop is None:
            server.serve_forever()
            return
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        stop.wait()
        server.shutdown()
        thread.join()


def run(args: argparse.Namespace, package: DataPackage | None = None) -> int:
    import tempfile
    import webbrowser

    from .exports import export

    with tempfile.TemporaryDirectory(prefix="trd-explorer.") as tmp:
        folder = Path(args.out) if args.out else Path(tmp) / "site"
        print(export(folder, "site", force=bool(args.out), package=package, sources=args.sources))

        def ready(url: str) -> None:
            print(f"serving the explorer at {url} (Ctrl-C to stop)", flush=True)
            if not args.no_browser:
                webbrowser.open(url)

        try:
            serve(folder, args.port, ready=ready)
        except KeyboardInterrupt:
            pass
        except OSError as exc:
            print(f"error: cannot serve on port {args.port}: {exc.strerror}; try --port 0", file=sys.stderr)
            return 2
    return 0
