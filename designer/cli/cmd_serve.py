"""``serve`` sub-command: preview the app on this machine or a phone, with a mock back end."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="preview the app (PWA) with a mock back end and live reload")
    p.add_argument("file", metavar="MODEL", help="the model file (re-exported when saved)")
    p.add_argument("--target", "-t", default="pwa", help="target to preview (pwa)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1); any other than loopback needs the "
                        "random token in every URL, as with --lan")
    p.add_argument("--port", "-p", type=int, default=8765, help="port (0 = any free port)")
    p.add_argument("--lan", action="store_true",
                   help="bind 0.0.0.0 for phones on this network; every URL needs a random token")
    p.add_argument("--tls", action="store_true",
                   help="HTTPS with a self-signed certificate (service workers, camera on phones)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(ns: argparse.Namespace) -> int:
    from designer.serve import PreviewServer, ServeError

    if not 0 <= ns.port <= 65535:
        raise CliError(f"--port {ns.port}: not a port number", code=2)
    try:
        server = PreviewServer(ns.file, host=ns.host, port=ns.port, lan=ns.lan, tls=ns.tls,
                               target=ns.target)
    except ServeError as exc:
        raise CliError(str(exc)) from None
    signal.signal(signal.SIGTERM, _interrupt)
    server.start()
    print(f"serving {ns.file} at {server.url}", flush=True)
    if server.lan:
        print(f"on this network: {server.lan_url}", flush=True)
    if ns.tls:
        print("self-signed certificate: the phone asks to trust it once (Advanced → proceed)",
              flush=True)
    print(f"mock back end: {server.url}__fieldcraft/state (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.stop()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
