"""The capability table and ``docs/targets.md`` generated from it.

``IGNORED_PROPS`` says, per target, which widget properties (``kind.prop``, ``kind.layout.*``,
``kind.style.*``) the target does not honour and why; every other property of a kind the target
supports is honoured. Exporters put their row into ``Capabilities.ignored_props`` (a model that
sets an ignored property gets an export warning), and ``tests/exporters/test_capability_table.py``
proves the table complete and true by exporting the kitchen-sink model with each property reset.
The rest of docs/targets.md comes from each exporter's ``Capabilities`` (widgets, actions, data
features, notes).

Usage: ``python -m exporters.capabilities`` (writes the file) or ``--check`` (exit 1 if stale).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from designer.model.actions import ACTION_TYPES
from widgets import CATALOG

from .support import FEATURE_GROUPS, LAYOUT_FIELDS, STYLE_FIELDS, ignored

DOC = Path(__file__).resolve().parent.parent / "docs" / "targets.md"
_YES, _NO = "✓", "—"

_ALL = tuple(t.id for t in CATALOG)
_LAYOUT = tuple(f"layout.{f}" for f in LAYOUT_FIELDS)
_BOX_STYLE = ("style.background", "style.border_color", "style.border_width",
              "style.corner_radius", "style.padding")
_TEXT_STYLE = ("style.text_color", "style.font_size", "style.font_weight", "style.text_align")


def _text_style(texts: tuple[str, ...]) -> dict[str, str]:
    """Text style ignored on every kind but ``texts`` (and the icon's colour)."""
    names = ", ".join(texts)
    return {**ignored([k for k in _ALL if k not in texts], _TEXT_STYLE[1:],
                      f"text style applies to {names} texts only"),
            **ignored([k for k in _ALL if k not in (*texts, "icon")], _TEXT_STYLE[:1],
                      f"text colour applies to {names} and icon only")}


_EVERYWHERE = {
    **ignored(["free"], ["grid"], "the snap grid is a designer aid; exported apps place children "
                                  "by their frames"),
    **ignored(["map"], ["zoom"], "no embedded map tiles: the map shows the address with an Open "
                                 "in Maps button"),
}
_NATIVE = {
    **_EVERYWHERE,
    **ignored(["tabs"], ["gap", "padding"], "the tab bar and the selected page fill the tabs "
                                            "box; each page's own gap and padding apply"),
    **ignored(["number_input"], ["step"], "the number field is typed text, without a stepper"),
    **ignored(["chart"], ["chart_type"], "every chart type is drawn as horizontal bars"),
}

#: Target → ``kind.prop`` → why that target does not honour it (see the module docstring).
IGNORED_PROPS: dict[str, dict[str, str]] = {
    "pwa": {
        **_EVERYWHERE,
        **ignored(["tabs", "free", "list"], ["gap", "padding"],
                  "the renderer lays these out itself (tab bar and page, absolute frames, "
                  "list rows with dividers)"),
    },
    "react-native": {
        **_NATIVE,
        **_text_style(("label", "heading", "web_link")),
        **ignored(["list"], ["gap", "padding"], "list rows are laid out by RecordList "
                                               "(rows with dividers)"),
        **ignored(["chart", "map"], (*_LAYOUT, *_BOX_STYLE), "the component sizes and styles "
                                                            "itself; model layout and box "
                                                            "style are not applied"),
        **ignored(["tab_page"], (*_LAYOUT, *_BOX_STYLE), "a tab page fills its tab"),
    },
    "flutter": {
        **_NATIVE,
        **_text_style(("label", "heading")),
        **ignored(["chart"], ["height"], "the chart sizes to its bars"),
        **ignored(["card", "free"], ["gap"], "AppCard and the free Stack space children "
                                             "themselves"),
        **ignored(["card", "list"], ["padding"], "AppCard and the list pad their content "
                                                 "themselves"),
        **ignored(["tab_page"], ["layout.align", "layout.frame", "layout.grow"],
                  "a tab page fills its tab"),
        **ignored(["button"], _BOX_STYLE, "AppButton draws with the theme's button style"),
    },
}


def ignored_props(target: str) -> dict[str, str]:
    """The capability table's row for ``target`` (empty for targets it does not know)."""
    return dict(IGNORED_PROPS.get(target, {}))


def _names() -> list[str]:
    from .registry import names
    return names()


def _caps(target: str):  # type: ignore[no-untyped-def]
    from .registry import exporter_class
    return exporter_class(target).capabilities


def _all_values(group: str) -> list[str]:
    if group == "widgets":
        return sorted(t.id for t in CATALOG)
    if group == "actions":
        return sorted(ACTION_TYPES)
    if group == "sign_in":
        from typing import get_args

        from designer.model.signin import SignInMethod
        return sorted(get_args(SignInMethod))
    if group == "device_policy":
        from designer.model.device import DEVICE_FEATURES
        return list(DEVICE_FEATURES)
    values: set[str] = set()
    for name in _names():
        values |= set(getattr(_caps(name), group))
    return sorted(values)


def _table(group: str, targets: list[str]) -> list[str]:
    head = f"| {FEATURE_GROUPS[group]} | " + " | ".join(f"`{t}`" for t in targets) + " |"
    rule = "|---|" + "|".join(":-:" for _ in targets) + "|"
    rows = []
    for value in _all_values(group):
        marks = [_YES if value in getattr(_caps(t), group) else _NO
                 for t in targets]
        rows.append(f"| `{value}` | " + " | ".join(marks) + " |")
    return [head, rule, *rows]


def render() -> str:
    """The Markdown of docs/targets.md."""
    from .registry import exporter_class

    targets = _names()
    out = ["# Export targets", "",
           "Generated by `python -m exporters.capabilities` from each exporter's declared",
           "capabilities; do not edit by hand. A model using something a target lacks is refused",
           "before anything is written (or exported without it with `--allow-partial`).", "",
           "| target | title | version | description |", "|---|---|---|---|"]
    for t in targets:
        cls = exporter_class(t)
        out.append(f"| `{t}` | {cls.title} | {cls.version} | {cls.description} |")
    for group, title in (("widgets", "Widgets"), ("actions", "Actions"),
                         ("rules", "Validation rules"), ("source_kinds", "Data sources"),
                         ("auth_schemes", "Authentication"), ("offline_modes", "Offline modes"),
                         ("conflict_policies", "Conflict policies"),
                         ("body_encodings", "Request bodies"), ("sign_in", "Sign-in"),
                         ("device_policy", "Device protection")):
        out += ["", f"## {title}", "", *_table(group, targets)]
    out += ["", "## Widget properties", "",
            "Every property of a widget kind a target supports is honoured (layout, style and "
            "the kind's own properties), except the ones listed here; a model that sets one "
            "gets an export warning naming it. `tests/exporters/test_capability_table.py` "
            "exports a model with every property set and proves each honoured property "
            "changes the export.", ""]
    for t in targets:
        out += [f"### `{t}`", ""]
        by_reason: dict[str, list[str]] = {}
        for prop, why in sorted(_caps(t).ignored_props.items()):
            by_reason.setdefault(why, []).append(prop)
        if not by_reason:
            out += ["Every property is honoured.", ""]
        for why, props in sorted(by_reason.items(), key=lambda item: item[1][0]):
            out.append(f"- {why}: " + ", ".join(f"`{p}`" for p in props))
        out.append("")
    out.pop()
    from designer.review.targets import ENCRYPTS_PII_OFFLINE

    out += ["", "## Personal data at rest", "",
            "How each target stores fields marked `pii` in its offline cache and outbox (lint "
            "rule FC305 reads the same table).", ""]
    for t in targets:
        how = ENCRYPTS_PII_OFFLINE.get(t)
        out.append(f"- `{t}`: " + (f"encrypted: {how}" if how else "stored unencrypted"))
    from .strings import doc_lines

    out += ["", "## Built-in texts", "",
            "The texts the generated apps show on their own (sync status, validation messages, "
            "dialogs, device widgets), with the same keys and English defaults in every target "
            "(`exporters/strings.py`). A model rewords or translates one by adding its key to "
            "the string tables, e.g. `\"fc.use_location\": \"Utiliser ma position\"` under "
            "`\"fr\"`; `{name}` placeholders are filled in at run time. \"shown by\" names the "
            "targets whose UI has the text.", "", *doc_lines()]
    out += ["", "## Notes", ""]
    for t in targets:
        for group, note in sorted(exporter_class(t).capabilities.notes.items()):
            out.append(f"- `{t}`, {FEATURE_GROUPS.get(group, group)}: {note}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/targets.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run python -m exporters.capabilities", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
