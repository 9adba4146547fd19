"""``render``: a screen to PNG at device size (for review reports and docs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from designer.model.printable import printable

from .common import CliError, headless_qt, load_model, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="render a screen to PNG at device size")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--screen", required=True, metavar="NAME", help="screen name")
    p.add_argument("--device", metavar="ID", help="device profile (default: the app's device)")
    p.add_argument("--sample-data", action="store_true",
                   help="show bound widgets with the data sources' sample rows")
    p.add_argument("--scale", type=float, default=1.0, help="pixel scale (default 1)")
    p.add_argument("--out", required=True, metavar="PNG", help="output file")
    p.set_defaults(handler=cmd_render)


def cmd_render(ns: argparse.Namespace) -> int:
    app = load_model(ns.file)
    headless_qt()
    try:
        from designer.ui.render import RenderError, render_screen
    except ImportError as exc:
        raise CliError(f"rendering needs Qt: {exc}") from None
    try:
        png = render_screen(app, ns.screen, ns.device, ns.sample_data, ns.scale)
    except RenderError as exc:
        raise CliError(f"{ns.file}: {exc}", code=1) from None
    out = Path(ns.out)
    write_output(out, png, "the screenshot")
    print(f"wrote {printable(out)}")
    return 0
