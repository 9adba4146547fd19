"""One Dart emitter per widget kind: ``WIDGETS[kind](compiler, widget, loc, scope, parent)``
returns the widget expression; ``place`` wraps it for its layout and style.

Adding a widget kind to the Flutter target = one emitter here (plus, usually, one widget class
in ``templates/lib/widgets``). The exporter's capabilities are the keys of WIDGETS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..escaping import dart_str
from ..ir import Widget
from .dart import Lines, call, color, items, num

if TYPE_CHECKING:
    from .compile import Loc, Scope, ScreenCompiler

Emitter = Callable[["ScreenCompiler", Any, "Loc", "Scope", "Widget | None"], Lines]
WIDGETS: dict[str, Emitter] = {}
_WEIGHTS = {"normal": "FontWeight.w400", "medium": "FontWeight.w500", "bold": "FontWeight.w700"}
_ALIGN_TEXT = {"start": "TextAlign.start", "center": "TextAlign.center", "end": "TextAlign.end"}
_ALIGN = {"start": "Alignment.centerLeft", "center": "Alignment.center", "end": "Alignment.centerRight"}
#: Feature -> widget kinds needing its packages (the device widget file of that feature).
DEVICE_WIDGETS = {"camera": {"camera_photo", "barcode_scanner"}, "location": {"location"},
                  "signature": {"signature"}}


def emitter(*kinds: str) -> Callable[[Emitter], Emitter]:
    def register(func: Emitter) -> Emitter:
        for kind in kinds:
            WIDGETS[kind] = func
        return func
    return register


def place(c: ScreenCompiler, w: Widget, lines: Lines, parent: Widget | None) -> Lines:
    """Wrap ``lines`` for the widget's style, margin, size and flex in ``parent``."""
    st, lay = w.style, w.layout
    decoration: list[tuple[str | None, Lines]] = []
    if st.background:
        decoration.append(("color", [color(st.background)]))
    if st.border_color or st.border_width:
        border = [("color", [color(st.border_color)])] if st.border_color else []
        border.append(("width", [num(st.border_width if st.border_width is not None else 1)]))
        decoration.append(("border", call("Border.all", border)))
    if st.corner_radius is not None:
        decoration.append(("borderRadius", [f"BorderRadius.circular({num(st.corner_radius)})"]))
    box: list[tuple[str | None, Lines]] = []
    if st.padding is not None:
        box.append(("padding", [f"const EdgeInsets.all({num(st.padding)})"]))
    if decoration:
        box.append(("decoration", call("BoxDecoration", decoration)))
    if box and w.kind not in ("button",):
        lines = call("Container", [*box, ("child", lines)])
    m = lay.margin
    if m.top or m.right or m.bottom or m.left:
        edges = f"const EdgeInsets.fromLTRB({num(m.left)}, {num(m.top)}, {num(m.right)}, {num(m.bottom)})"
        lines = call("Padding", [("padding", [edges]), ("child", lines)])
    if parent is not None and parent.kind == "free" and lay.frame is not None:
        f = lay.frame
        return call("Positioned", [("left", [num(f.x)]), ("top", [num(f.y)]), ("width", [num(f.w)]),
                                   ("height", [num(f.h)]), ("child", lines)])
    size: list[tuple[str | None, Lines]] = []
    if lay.width == "fixed" and lay.fixed_width is not None:
        size.append(("width", [num(lay.fixed_width)]))
    if lay.height == "fixed" and lay.fixed_height is not None:
        size.append(("height", [num(lay.fixed_height)]))
    if size:
        lines = call("SizedBox", [*size, ("child", lines)])
    limits = [(k, [num(getattr(lay, a))]) for k, a in (("minWidth", "min_width"),
              ("maxWidth", "max_width"), ("minHeight", "min_height"), ("maxHeight", "max_height"))
              if getattr(lay, a) is not None]
    if limits:
        lines = call("ConstrainedBox", [("constraints", call("BoxConstraints", limits)),
                                        ("child", lines)])
    row = parent is not None and parent.kind == "row" and not getattr(parent, "wrap", False)
    if row and w.place.flex and lay.width != "fixed":
        # Expanded takes an integer flex: the IR scales the row's weights (grow, or 1 for
        # fill) to integers with their ratios kept, so grow 0.5 beside a fill sibling is 1:2.
        flex = w.place.int_flex
        args = [("flex", [str(flex)])] if flex != 1 else []
        return call("Expanded", [*args, ("child", lines)])
    if not row and parent is not None and parent.kind in ("column", "card", "scroll", "tab_page",
                                                          "list"):
        if lay.align != "stretch" or lay.width == "hug":
            where = _ALIGN.get(lay.align, "Alignment.centerLeft")
            return call("Align", [("alignment", [where]), ("child", lines)])
    return lines


def text_style(w: Widget, base: str | None = None) -> str | None:
    st = w.style
    args = []
    if st.text_color:
        args.append(f"color: {color(st.text_color)}")
    if st.font_size is not None:
        args.append(f"fontSize: {num(st.font_size)}")
    if st.font_weight:
        args.append(f"fontWeight: {_WEIGHTS[st.font_weight]}")
    if base:
        return f"{base}?.copyWith({', '.join(args)})" if args else base
    return f"TextStyle({', '.join(args)})" if args else None


def tap(c: ScreenCompiler, w: Widget, event: str, loc: Loc, scope: Scope) -> str | None:
    actions = w.actions.get(event)  # type: ignore[call-overload]
    if not actions:
        return None
    handler = c.handler(f"{w.name}_{event}", actions, (*loc, "actions", event), scope)
    if scope.aliases:
        aliases = ", ".join(dart_str(a) for a in scope.aliases)
        return f"() => {handler}(rescope(screen.s, {scope.var}, [{aliases}]))"
    return f"() => {handler}(screen.s)"


def _gap(w: Widget) -> list[tuple[str | None, Lines]]:
    return [("spacing", [num(w.gap)])] if w.gap else []


def _padded(w: Widget, lines: Lines) -> Lines:
    p = w.padding
    if not (p.top or p.right or p.bottom or p.left):
        return lines
    if p.top == p.right == p.bottom == p.left:
        edges = f"const EdgeInsets.all({num(p.top)})"
    else:
        edges = f"const EdgeInsets.fromLTRB({num(p.left)}, {num(p.top)}, {num(p.right)}, {num(p.bottom)})"
    return call("Padding", [("padding", [edges]), ("child", lines)])


def _column(children: Lines, w: Widget) -> Lines:
    return call("Column", [("crossAxisAlignment", ["CrossAxisAlignment.stretch"]),
                           ("mainAxisSize", ["MainAxisSize.min"]), *_gap(w),
                           ("children", children)])


# -- containers -------------------------------------------------------------------------------

@emitter("column", "tab_page")
def _col(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    return _padded(w, _column(c.children(w, loc, scope), w))


@emitter("row")
def _row(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    kids = c.children(w, loc, scope)
    if w.wrap:
        gap = [("spacing", [num(w.gap)]), ("runSpacing", [num(w.gap)])]
        return _padded(w, call("Wrap", [*gap, ("children", kids)]))
    return _padded(w, call("Row", [("crossAxisAlignment", ["CrossAxisAlignment.center"]),
                                   *_gap(w), ("children", kids)]))


@emitter("free")
def _free(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    stack = call("Stack", [("children", c.children(w, loc, scope))])
    return _padded(w, call("SizedBox", [("height", [num(w.height)]), ("child", stack)]))


@emitter("scroll")
def _scroll(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    kids = c.children(w, loc, scope)
    if w.direction == "horizontal":
        inner = call("Row", [*_gap(w), ("children", kids)])
        return call("SingleChildScrollView", [("scrollDirection", ["Axis.horizontal"]),
                                              ("child", _padded(w, inner))])
    return call("SingleChildScrollView", [("child", _padded(w, _column(kids, w)))])


@emitter("card")
def _card(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    args: list[tuple[str | None, Lines]] = [("title", [c.text(w, "title", w.title, loc, scope)]),
                                            ("elevation", [num(w.elevation)])]
    on = tap(c, w, "tap", loc, scope)
    if on:
        args.append(("onTap", [on]))
    body = call("AppCard", [*args, ("children", c.children(w, loc, scope))])
    return _semantic(w, body)


@emitter("tabs")
def _tabs(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    pages = []
    for page in w.children:
        content, _ = c.widget(page, scope, w)
        builder = [f"(context) => {content[0]}", *content[1:]]
        pages.append(call("TabPage", [(None, [dart_str(page.title)]), (None, [dart_str(page.icon)]),
                                      (None, builder)]))
    return call("TabsView", [("pages", items(pages))])


@emitter("list")
def _list(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    from .compile import Scope as S

    items_src = c.expr(w.binding("items"), scope.var)
    depth = len(scope.aliases) + 1
    var, item = f"s{depth}", f"item{depth}"
    inner = S(var, (*scope.aliases, w.item_alias), scope.visible, True)
    entries = []
    for child in w.children:
        lines, cond = c.widget(child, inner, w)
        if cond:
            lines = [f"if ({cond}) {lines[0]}", *lines[1:]]
        entries.append(lines)
    body = _column(items(entries), w)
    alias = dart_str(w.item_alias)
    builder = [f"(context, {item}) {{", f"  final {var} = scope({scope.var}, {{{alias}: {item}}});",
               f"  return {body[0]}", *("  " + line for line in body[1:])]
    builder[-1] += ";"
    builder.append("}")
    args: list[tuple[str | None, Lines]] = [
        ("items", [f"list({items_src})"]),
        ("searchable", ["true" if w.searchable else "false"]),
        ("searchPlaceholder", [dart_str(w.search_placeholder)]),
        ("emptyText", [dart_str(w.empty_text)]),
        ("divider", ["true" if w.divider else "false"]),
    ]
    if w.layout.height == "fixed" or w.layout.max_height is not None:
        args.append(("scrolls", ["true"]))
    actions = w.actions.get("item_tap")
    if actions:
        handler = c.handler(f"{w.name}_item_tap", actions, (*loc, "actions", "item_tap"), inner)
        args.append(("onItemTap", [f"({item}) => {handler}(scope({scope.var}, {{{alias}: {item}}}))"]))
    args.append(("itemBuilder", builder))
    return call("RecordList", args)


def _semantic(w: Widget, lines: Lines) -> Lines:
    if not w.a11y_label:
        return lines
    return call("Semantics", [("label", [dart_str(w.a11y_label)]), ("child", lines)])


# -- text and media ---------------------------------------------------------------------------

@emitter("label", "heading")
def _text(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    args: list[tuple[str | None, Lines]] = [(None, [c.text(w, "text", w.text, loc, scope)])]
    if w.kind == "heading":
        base = {1: "headlineSmall", 2: "titleLarge", 3: "titleMedium"}[w.level]
        args.append(("style", [text_style(w, f"Theme.of(context).textTheme.{base}") or ""]))
    else:
        style = text_style(w)
        if style:
            args.append(("style", [style]))
    if w.style.text_align:
        args.append(("textAlign", [_ALIGN_TEXT[w.style.text_align]]))
    if getattr(w, "max_lines", 0):
        args += [("maxLines", [str(w.max_lines)]), ("overflow", ["TextOverflow.ellipsis"])]
    if w.a11y_label:
        args.append(("semanticsLabel", [dart_str(w.a11y_label)]))
    text = call("Text", args)
    if w.kind == "heading":
        return call("Semantics", [("header", ["true"]), ("child", text)])
    return text


@emitter("image")
def _image(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    fit = "BoxFit.cover" if w.fit == "cover" else "BoxFit.contain"
    label = w.a11y_label or w.alt
    extra: list[tuple[str | None, Lines]] = [("fit", [fit]), ("height", ["160.0"])]
    if label:
        extra.append(("semanticLabel", [dart_str(label)]))
    bound = w.binding("src")
    if bound:
        src = f"str({c.expr(bound, scope.var)})"
        return call("Image.network", [(None, [src]), *extra])
    if w.src.startswith("https://"):
        return call("Image.network", [(None, [dart_str(w.src)]), *extra])
    asset = c.ctx.asset(w.src, (*loc, "src")) if w.src else None
    if asset:
        return call("Image.asset", [(None, [dart_str(asset)]), *extra])
    return ["const SizedBox.shrink()"]


@emitter("icon")
def _icon(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    c.use("../widgets/icons.dart")
    args: list[tuple[str | None, Lines]] = [(None, [f"iconFor({dart_str(w.icon)})"]),
                                            ("size", [num(w.size)])]
    if w.style.text_color:
        args.append(("color", [color(w.style.text_color)]))
    if w.a11y_label:
        args.append(("semanticLabel", [dart_str(w.a11y_label)]))
    icon = call("Icon", args)
    on = tap(c, w, "tap", loc, scope)
    return call("InkWell", [("onTap", [on]), ("child", icon)]) if on else icon


@emitter("divider")
def _divider(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    return ["const Divider(height: 1)"]


@emitter("spacer")
def _spacer(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    side = "width" if parent is not None and parent.kind == "row" else "height"
    return [f"const SizedBox({side}: {num(w.size)})"]


@emitter("button")
def _button(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    c.use("../widgets/common.dart")
    args: list[tuple[str | None, Lines]] = [("title", [c.text(w, "text", w.text, loc, scope)]),
                                            ("variant", [dart_str(w.variant)])]
    if w.icon:
        args.append(("icon", [dart_str(w.icon)]))
    enabled = w.binding("enabled")
    if enabled:
        args.append(("enabled", [f"rt.truthy({c.expr(enabled, scope.var)})"]))
    on = tap(c, w, "tap", loc, scope)
    if on:
        args.append(("onPressed", [on]))
    if w.a11y_label:
        args.append(("semanticLabel", [dart_str(w.a11y_label)]))
    return call("AppButton", args)


@emitter("web_link")
def _link(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    c.use("../widgets/common.dart")
    args: list[tuple[str | None, Lines]] = [("text", [c.text(w, "text", w.text, loc, scope)]),
                                            ("url", [c.text(w, "url", w.url, loc, scope)])]
    on = tap(c, w, "tap", loc, scope)
    if on:
        args.append(("onTap", [on]))
    return _semantic(w, call("WebLinkText", args))


@emitter("map")
def _map(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    c.use("../widgets/common.dart")
    args: list[tuple[str | None, Lines]] = [("address", [c.text(w, "address", w.address, loc, scope)]),
                                            ("height", [num(w.height)])]
    coords = w.binding("coordinates")
    if coords:
        args.append(("coordinates", [f"str({c.expr(coords, scope.var)})"]))
    return _semantic(w, call("MapPreview", args))


@emitter("chart")
def _chart(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    c.use("../widgets/common.dart")
    items_src = c.expr(w.binding("items"), scope.var)
    args: list[tuple[str | None, Lines]] = [
        ("title", [c.text(w, "title", w.title, loc, scope)]), ("items", [f"list({items_src})"]),
        ("labelField", [dart_str(w.label_field)]), ("valueField", [dart_str(w.value_field)])]
    if w.a11y_label:
        args.append(("semanticLabel", [dart_str(w.a11y_label)]))
    return call("ChartView", args)


# -- inputs -----------------------------------------------------------------------------------

_INPUT = {
    "text_input": ("../widgets/fields.dart", "TextFieldInput", "str"),
    "number_input": ("../widgets/fields.dart", "NumberFieldInput", "asNumber"),
    "date_input": ("../widgets/fields.dart", "DateTimeFieldInput", "asString"),
    "time_input": ("../widgets/fields.dart", "DateTimeFieldInput", "asString"),
    "dropdown": ("../widgets/fields.dart", "SelectFieldInput", "asString"),
    "radio_group": ("../widgets/fields.dart", "RadioGroupInput", "asString"),
    "checkbox": ("../widgets/fields.dart", "ToggleInput", "rt.truthy"),
    "switch": ("../widgets/fields.dart", "ToggleInput", "rt.truthy"),
    "slider": ("../widgets/fields.dart", "SliderInput", "asNumber"),
    "camera_photo": ("../widgets/device/camera.dart", "PhotoInput", "rt.plain"),
    "barcode_scanner": ("../widgets/device/camera.dart", "BarcodeInput", "asString"),
    "signature": ("../widgets/device/signature.dart", "SignatureInput", "asString"),
    "location": ("../widgets/device/location.dart", "LocationInput", "asString"),
}


@emitter(*_INPUT)
def _input(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> Lines:
    module, cls, convert = _INPUT[w.kind]
    c.use(module)
    bound = w.binding("value")
    parts = c.path_of(bound) if bound else [f"${w.name}"]
    writable = parts is not None and parts[0] not in scope.aliases
    value_src = (c.expr(bound, scope.var) if bound
                 else f"rt.get({scope.var}, [{dart_str(parts[0])}])")
    args: list[tuple[str | None, Lines]] = [("label", [c.text(w, "label", w.label, loc, scope)]),
                                            ("value", [f"{convert}({value_src})"])]
    if writable and parts is not None:
        path = ", ".join(dart_str(p) for p in parts)
        change = w.actions.get("change")
        if change:
            handler = c.handler(f"{w.name}_change", change, (*loc, "actions", "change"), scope)
            args.append(("onChanged", [f"(v) => {handler}(screen.set([{path}], v))"]))
        else:
            args.append(("onChanged", [f"(v) => screen.set([{path}], v)"]))
    else:
        args.append(("onChanged", ["(_) {}"]))
    if not scope.in_list and writable:
        key = dart_str(w.name)
        args.append(("error", [f"screen.errors[{key}]"]))
        c.validators.append(_validator(c, w, key, value_src, loc, scope))
    if w.help_text:
        args.append(("helpText", [dart_str(w.help_text)]))
    enabled = w.binding("enabled")
    if w.read_only or not writable:
        args.append(("readOnly", ["true"]))
    elif enabled:
        args.append(("readOnly", [f"!rt.truthy({c.expr(enabled, scope.var)})"]))
    args += _extras(c, w, loc, scope)
    return _semantic(w, call(cls, args))


def _extras(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope) -> list[tuple[str | None, Lines]]:
    k = w.kind
    if k == "text_input":
        return [("inputType", [dart_str(w.input_type)]), ("placeholder", [dart_str(w.placeholder)])]
    if k == "number_input":
        return [("decimals", [str(w.decimals)]), ("placeholder", [dart_str(w.placeholder)])]
    if k in ("date_input", "time_input"):
        return [("mode", [dart_str("date" if k == "date_input" else "time")])]
    if k in ("dropdown", "radio_group"):
        bound = w.binding("options")
        if bound:
            options = [f"optionsOf({c.expr(bound, scope.var)})"]
        else:
            options = items([[f"(value: {dart_str(o.value)}, label: {dart_str(o.label or o.value)})"]
                             for o in w.options])
        out: list[tuple[str | None, Lines]] = [("options", options)]
        if k == "dropdown":
            out.append(("placeholder", [dart_str(w.placeholder)]))
        return out
    if k in ("checkbox", "switch"):
        return [("kind", [dart_str(k)])]
    if k == "slider":
        return [("min", [num(w.min)]), ("max", [num(w.max)]), ("step", [num(w.step)])]
    if k == "signature":
        return [("penColor", [f"const {color(w.pen_color)}"])]
    if k == "location":
        return [("highAccuracy", ["true" if w.high_accuracy else "false"])]
    if k == "camera_photo" and w.max_photos != 1:
        return [("maxPhotos", [str(w.max_photos)])]
    if k == "barcode_scanner" and w.formats:
        return [("formats", ["const [" + ", ".join(dart_str(f) for f in w.formats) + "]"])]
    return []


def _validator(c: ScreenCompiler, w: Any, key: str, value_src: str, loc: Loc,
               scope: Scope) -> Lines:
    conditions = list(scope.visible)
    if w.visible_when:
        conditions.append(f"rt.truthy({c.expr(w.visible_when)})")
    rules = []
    for i, r in enumerate(w.validation):
        msg = dart_str(r.message)
        if r.rule == "required":
            rules.append([f"Rule.required({msg})"])
        elif r.rule in ("min", "max"):
            rules.append([f"Rule.{r.rule}({num(r.value)}, {msg})"])
        elif r.rule == "length":
            top = "null" if r.max is None else str(r.max)
            rules.append([f"Rule.length({r.min}, {top}, {msg})"])
        elif r.rule == "pattern":
            rules.append([f"Rule.pattern({dart_str(r.pattern)}, {msg})"])
        elif r.rule == "expression":
            test = c.expr(r.expression)
            rules.append([f"Rule.expression((s) => rt.truthy({test}), {msg})"])
    visible = " && ".join(conditions) or "true"
    body = call("Validator", [("value", [f"(s) => {value_src}"]),
                              ("visible", [f"({'s' if conditions else '_'}) => {visible}"]),
                              ("rules", items(rules))])
    body = [f"{key}: {body[0]}", *body[1:]]
    body[-1] += ","
    return body
