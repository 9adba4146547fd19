"""One TSX emitter per widget kind: ``WIDGETS[kind](compiler, widget, loc, scope, parent)``.

Adding a widget kind to the React Native target = one emitter here (plus, usually, one
component in ``templates/src/components``). The exporter's capabilities are the keys of WIDGETS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..escaping import js_str
from ..ir import Widget

if TYPE_CHECKING:
    from .compile import Loc, Scope, ScreenCompiler

Emitter = Callable[["ScreenCompiler", Any, "Loc", "Scope", "Widget | None"], list[str]]
WIDGETS: dict[str, Emitter] = {}
_WEIGHTS = {"normal": '"400"', "medium": '"500"', "bold": '"700"'}
_ALIGN_TEXT = {"start": '"left"', "center": '"center"', "end": '"right"'}
_ALIGN_SELF = {"start": '"flex-start"', "center": '"center"', "end": '"flex-end"'}
_INPUTS = {"text_input", "number_input", "date_input", "time_input", "dropdown", "checkbox",
           "switch", "radio_group", "slider", "camera_photo", "barcode_scanner", "signature",
           "location"}


def emitter(*kinds: str) -> Callable[[Emitter], Emitter]:
    def register(func: Emitter) -> Emitter:
        for kind in kinds:
            WIDGETS[kind] = func
        return func
    return register


def _n(value: float) -> str:
    from .compile import num
    return num(value)


def box_style(w: Widget, parent: Widget | None) -> dict[str, str]:
    """StyleSheet properties (TS source) for how ``w`` sits in ``parent`` and its overrides."""
    lay, st, out = w.layout, w.style, {}
    row = parent is not None and parent.kind == "row"
    if parent is not None and parent.kind == "free" and lay.frame is not None:
        f = lay.frame
        out.update(position='"absolute"', left=_n(f.x), top=_n(f.y), width=_n(f.w), height=_n(f.h))
    else:
        if lay.width == "fixed" and lay.fixed_width is not None:
            out["width"] = _n(lay.fixed_width)
        elif lay.width == "hug" and not row:
            out["alignSelf"] = '"flex-start"'
        elif lay.width == "fill" and row:
            out["flex"] = "1"
        if lay.height == "fixed" and lay.fixed_height is not None:
            out["height"] = _n(lay.fixed_height)
        elif lay.height == "fill" and not row:
            out["flex"] = "1"
        if lay.grow:
            out["flexGrow"] = _n(lay.grow)
            out["flexShrink"] = "1"
        if lay.align != "stretch":
            out["alignSelf"] = _ALIGN_SELF[lay.align]
    for name, attr in (("minWidth", "min_width"), ("maxWidth", "max_width"),
                       ("minHeight", "min_height"), ("maxHeight", "max_height")):
        if getattr(lay, attr) is not None:
            out[name] = _n(getattr(lay, attr))
    for side in ("top", "right", "bottom", "left"):
        value = getattr(lay.margin, side)
        if value:
            out["margin" + side.title()] = _n(value)
    if st.background:
        out["backgroundColor"] = js_str(st.background)
    if st.border_color:
        out["borderColor"] = js_str(st.border_color)
    if st.border_width is not None:
        out["borderWidth"] = _n(st.border_width)
    if st.corner_radius is not None:
        out["borderRadius"] = _n(st.corner_radius)
    if st.padding is not None:
        out["padding"] = _n(st.padding)
    return out


def text_style(w: Widget) -> dict[str, str]:
    st, out = w.style, {}
    if st.text_color:
        out["color"] = js_str(st.text_color)
    if st.font_size is not None:
        out["fontSize"] = _n(st.font_size)
    if st.font_weight:
        out["fontWeight"] = _WEIGHTS[st.font_weight]
    if st.text_align:
        out["textAlign"] = _ALIGN_TEXT[st.text_align]
    return out


def container_style(w: Widget) -> dict[str, str]:
    out: dict[str, str] = {}
    if w.gap:
        out["gap"] = _n(w.gap)
    pad = w.padding
    if pad.top == pad.right == pad.bottom == pad.left:
        if pad.top:
            out["padding"] = _n(pad.top)
    else:
        for side in ("top", "right", "bottom", "left"):
            if getattr(pad, side):
                out["padding" + side.title()] = _n(getattr(pad, side))
    return out


def style_attr(c: ScreenCompiler, w: Widget, props: dict[str, str]) -> str:
    ref = c.style(w.name, props)
    return f" style={{{ref}}}" if ref else ""


def a11y(c: ScreenCompiler, w: Widget, prop: str = "accessibilityLabel") -> str:
    return f" {prop}={_attr(w.a11y_label)}" if w.a11y_label else ""


def events(c: ScreenCompiler, w: Widget, event: str, loc: Loc, scope: Scope) -> str | None:
    """``() => void handler(s)`` for the widget's actions on ``event``, or None."""
    actions = w.actions.get(event)  # type: ignore[call-overload]
    if not actions:
        return None
    handler = c.handler(f"{w.name}_{event}", actions, (*loc, "actions", event), scope)
    arg = "screen.current()" if scope.var == "s" and not scope.aliases else scope.var
    if scope.aliases:
        c.use("../runtime/screen", "rescope")
        aliases = ", ".join(js_str(a) for a in scope.aliases)
        arg = f"rescope(screen.current(), {scope.var}, [{aliases}])"
    return f"() => void {handler}({arg})"


def wrap(tag: str, attrs: str, children: list[str]) -> list[str]:
    if not children:
        return [f"<{tag}{attrs} />"]
    return [f"<{tag}{attrs}>", *("  " + line for line in children), f"</{tag}>"]


# -- containers -------------------------------------------------------------------------------

@emitter("column", "row", "free", "tab_page")
def _stack(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("react-native", "View")
    props = container_style(w)
    if w.kind == "row":
        props = {"flexDirection": '"row"', "alignItems": '"center"', **props}
        if w.wrap:
            props["flexWrap"] = '"wrap"'
    if w.kind == "free":
        props = {"position": '"relative"', "height": _n(w.height), **props}
    props.update(box_style(w, parent))
    return wrap("View", a11y(c, w) + style_attr(c, w, props), c.children(w, loc, scope))


@emitter("scroll")
def _scroll(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("react-native", "ScrollView")
    horizontal = " horizontal" if w.direction == "horizontal" else ""
    outer = box_style(w, parent)
    if parent is None:
        outer = {"flex": "1", "backgroundColor": "theme.colors.background", **outer}
    inner = container_style(w)
    if w.direction == "horizontal":
        inner = {"flexDirection": '"row"', **inner}
    attrs = horizontal + a11y(c, w) + style_attr(c, w, outer)
    inner_ref = c.style(w.name + "_content", inner)
    if inner_ref:
        attrs += f" contentContainerStyle={{{inner_ref}}}"
    return wrap("ScrollView", attrs, c.children(w, loc, scope))


@emitter("card")
def _card(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/Card", "Card")
    attrs = f" title={c.text_prop(w, 'title', w.title, loc, scope)} elevation={{{w.elevation}}}"
    tap = events(c, w, "tap", loc, scope)
    if tap:
        attrs += f" onPress={{{tap}}}"
    props = {**container_style(w), **box_style(w, parent)}
    return wrap("Card", attrs + a11y(c, w) + style_attr(c, w, props), c.children(w, loc, scope))


@emitter("tabs")
def _tabs(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/Tabs", "Tabs")
    c.use("react-native", "View")
    pages: list[str] = []
    for page in w.children:
        body = c.children(page, page.loc, scope)
        ref = c.style(page.name, container_style(page))
        inner = wrap("View", f" style={{{ref}}}" if ref else "", body)
        pages += ["{", f"  title: {js_str(page.title)},"]
        if page.icon:
            pages.append(f"  icon: {js_str(page.icon)},")
        pages += ["  render: () => (", *("    " + line for line in inner), "  ),", "},"]
    attrs = style_attr(c, w, box_style(w, parent))
    return [f"<Tabs{attrs}", "  pages={[", *("    " + line for line in pages), "  ]}", "/>"]


@emitter("list")
def _list(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    from .compile import Scope as S

    c.use("../components/RecordList", "RecordList")
    c.use("../runtime/rt", "list", "scope")
    items = c.expr(w.binding("items"), scope.var)
    depth = len(scope.aliases) + 1
    var = f"s{depth}"
    inner = S(var, (*scope.aliases, w.item_alias), scope.visible, True)
    body = []
    for child in w.children:
        body += c.widget(child, inner, w)
    if len(w.children) != 1 or w.children[0].visible_when:
        body = ["<>", *("  " + line for line in body), "</>"]
    item = f"item{depth}"
    lines = ["<RecordList", f"  items={{list({items})}}"]
    attrs = ["searchable" if w.searchable else "searchable={false}",
             f"searchPlaceholder={_attr(w.search_placeholder)}",
             f"emptyText={_attr(w.empty_text)}",
             "divider" if w.divider else "divider={false}"]
    if w.layout.height == "fixed" or w.layout.max_height is not None:
        attrs.append("scrolls")
    tap = w.actions.get("item_tap")
    if tap:
        handler = c.handler(f"{w.name}_item_tap", tap, (*loc, "actions", "item_tap"), inner)
        attrs.append(f"onItemPress={{({item}) => void {handler}(scope({scope.var}, "
                     f"{{ {_key(w.item_alias)}: {item} }}))}}")
    ref = c.style(w.name, box_style(w, parent))
    if ref:
        attrs.append(f"style={{{ref}}}")
    lines += [f"  {a}" for a in attrs]
    lines.append(f"  renderItem={{({item}) => {{")
    lines.append(f"    const {var} = scope({scope.var}, {{ {_key(w.item_alias)}: {item} }});")
    lines.append("    return (")
    lines += ["      " + line for line in body]
    lines += ["    );", "  }}", "/>"]
    return lines


def _attr(value: str) -> str:
    from .compile import attr
    return attr(value)


def _key(name: str) -> str:
    from .compile import key
    return key(name)


# -- text and media ---------------------------------------------------------------------------

@emitter("label", "heading")
def _text(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("react-native", "Text")
    c.use("../theme", "typography")
    role = ' accessibilityRole="header"' if w.kind == "heading" else ""
    base = f"typography.h{w.level}" if w.kind == "heading" else "typography.body"
    props = {**box_style(w, parent), **text_style(w)}
    ref = c.style(w.name, props)
    style = f" style={{[{base}, {ref}]}}" if ref else f" style={{{base}}}"
    lines_attr = f" numberOfLines={{{w.max_lines}}}" if getattr(w, "max_lines", 0) else ""
    content = c.text_prop(w, "text", w.text, loc, scope)
    if content.startswith('"'):  # plain text reads best as JSX text
        content = content[1:-1] if content[1:-1] == content[1:-1] != "" else "{" + content + "}"
    one = f"<Text{role}{a11y(c, w)}{lines_attr}{style}>{content}</Text>"
    if len(one) <= 100:
        return [one]
    return [f"<Text{role}{a11y(c, w)}{lines_attr}{style}>", f"  {content}", "</Text>"]


@emitter("image")
def _image(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("react-native", "Image")
    bound = w.binding("src")
    if bound:
        c.use("../runtime/rt", "str")
        source = f"{{ uri: str({c.expr(bound, scope.var)}) }}"
    elif w.src.startswith("https://"):
        source = f"{{ uri: {js_str(w.src)} }}"
    else:
        asset = c.ctx.asset(w.src, (*loc, "src")) if w.src else None
        source = f"require({js_str('../../' + asset)})" if asset else "{ uri: \"\" }"
    props = {"width": '"100%"', "height": "160", **box_style(w, parent)}
    alt = w.a11y_label or w.alt
    label = f" accessibilityLabel={_attr(alt)}" if alt else ""
    return [f"<Image source={{{source}}} resizeMode={_attr(w.fit)}{label}"
            f"{style_attr(c, w, props)} />"]


@emitter("icon")
def _icon(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/Icon", "Icon")
    color = js_str(w.style.text_color) if w.style.text_color else "theme.colors.primary"
    tap = events(c, w, "tap", loc, scope)
    icon = (f"<Icon name={_attr(w.icon)} size={{{_n(w.size)}}} color={{{color}}}"
            f"{a11y(c, w)}{style_attr(c, w, box_style(w, parent))} />")
    if not tap:
        return [icon]
    c.use("react-native", "Pressable")
    return [f"<Pressable accessibilityRole=\"button\"{a11y(c, w)} onPress={{{tap}}}>", "  " + icon,
            "</Pressable>"]


@emitter("divider")
def _divider(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/Divider", "Divider")
    return [f"<Divider{style_attr(c, w, box_style(w, parent))} />"]


@emitter("spacer")
def _spacer(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("react-native", "View")
    side = "width" if parent is not None and parent.kind == "row" else "height"
    return [f"<View{style_attr(c, w, {side: _n(w.size), **box_style(w, parent)})} />"]


@emitter("button")
def _button(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/Button", "Button")
    attrs = [f"title={c.text_prop(w, 'text', w.text, loc, scope)}", f"variant={_attr(w.variant)}"]
    if w.icon:
        attrs.append(f"icon={_attr(w.icon)}")
    enabled = w.binding("enabled")
    if enabled:
        attrs.append(f"disabled={{!rt.truthy({c.expr(enabled, scope.var)})}}")
    tap = events(c, w, "tap", loc, scope)
    if tap:
        attrs.append(f"onPress={{{tap}}}")
    if w.a11y_label:
        attrs.append(f"accessibilityLabel={_attr(w.a11y_label)}")
    ref = c.style(w.name, box_style(w, parent))
    if ref:
        attrs.append(f"style={{{ref}}}")
    return _element("Button", attrs)


def _element(tag: str, attrs: list[str]) -> list[str]:
    one = f"<{tag} {' '.join(attrs)} />"
    if len(one) <= 96:
        return [one]
    return [f"<{tag}", *(f"  {a}" for a in attrs), "/>"]


@emitter("web_link")
def _link(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/WebLink", "WebLink")
    attrs = [f"text={c.text_prop(w, 'text', w.text, loc, scope)}",
             f"url={c.text_prop(w, 'url', w.url, loc, scope)}"]
    tap = events(c, w, "tap", loc, scope)
    if tap:
        attrs.append(f"onPress={{{tap}}}")
    if w.a11y_label:
        attrs.append(f"accessibilityLabel={_attr(w.a11y_label)}")
    ref = c.style(w.name, {**box_style(w, parent), **text_style(w)})
    if ref:
        attrs.append(f"style={{{ref}}}")
    return _element("WebLink", attrs)


@emitter("map")
def _map(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/MapPreview", "MapPreview")
    attrs = [f"address={c.text_prop(w, 'address', w.address, loc, scope)}", f"height={{{_n(w.height)}}}"]
    coords = w.binding("coordinates")
    if coords:
        c.use("../runtime/rt", "str")
        attrs.append(f"coordinates={{str({c.expr(coords, scope.var)})}}")
    if w.a11y_label:
        attrs.append(f"accessibilityLabel={_attr(w.a11y_label)}")
    return _element("MapPreview", attrs)


@emitter("chart")
def _chart(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    c.use("../components/Chart", "Chart")
    c.use("../runtime/rt", "list")
    items = c.expr(w.binding("items"), scope.var)
    attrs = [f"type={_attr(w.chart_type)}", f"title={c.text_prop(w, 'title', w.title, loc, scope)}",
             f"items={{list({items})}}", f"labelField={_attr(w.label_field)}",
             f"valueField={_attr(w.value_field)}", f"height={{{_n(w.height)}}}"]
    if w.a11y_label:
        attrs.append(f"accessibilityLabel={_attr(w.a11y_label)}")
    return _element("Chart", attrs)


# -- inputs -----------------------------------------------------------------------------------

_INPUT_COMPONENT = {
    "text_input": ("../components/TextField", "TextField", "str"),
    "number_input": ("../components/NumberField", "NumberField", "as.number"),
    "date_input": ("../components/DateTimeField", "DateTimeField", "as.string"),
    "time_input": ("../components/DateTimeField", "DateTimeField", "as.string"),
    "dropdown": ("../components/Choice", "SelectField", "as.string"),
    "radio_group": ("../components/Choice", "RadioGroup", "as.string"),
    "checkbox": ("../components/Choice", "ToggleField", "rt.truthy"),
    "switch": ("../components/Choice", "ToggleField", "rt.truthy"),
    "slider": ("../components/SliderField", "SliderField", "as.number"),
    "camera_photo": ("../components/PhotoField", "PhotoField", "as.value"),
    "barcode_scanner": ("../components/BarcodeField", "BarcodeField", "as.string"),
    "signature": ("../components/SignatureField", "SignatureField", "as.string"),
    "location": ("../components/LocationField", "LocationField", "as.string"),
}


@emitter(*_INPUT_COMPONENT)
def _input(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope, parent: Any) -> list[str]:
    module, component, convert = _INPUT_COMPONENT[w.kind]
    c.use(module, component)
    if convert.startswith("as."):
        c.use("../runtime/rt", "as")
    elif convert == "str":
        c.use("../runtime/rt", "str")
    bound = w.binding("value")
    parts = c.path_of(bound) if bound else [f"${w.name}"]
    writable = parts is not None and (parts[0] not in scope.aliases)
    value_src = (c.expr(bound, scope.var) if bound
                 else f"rt.get({scope.var}, [{js_str(parts[0])}])")
    attrs = [f"label={c.text_prop(w, 'label', w.label, loc, scope)}", f"value={{{convert}({value_src})}}"]
    if writable and parts is not None:
        path = ", ".join(js_str(p) for p in parts)
        change = w.actions.get("change")
        if change:
            handler = c.handler(f"{w.name}_change", change, (*loc, "actions", "change"), scope)
            attrs.append(f"onChange={{(v) => void {handler}(screen.set([{path}], v))}}")
        else:
            attrs.append(f"onChange={{(v) => screen.set([{path}], v)}}")
    else:
        attrs.append("onChange={() => undefined}")
    enabled = w.binding("enabled")
    read_only = "true" if w.read_only or not writable else None
    if enabled and read_only is None:
        read_only = f"!rt.truthy({c.expr(enabled, scope.var)})"
    if read_only:
        attrs.append(f"readOnly={{{read_only}}}")
    if w.help_text:
        attrs.append(f"helpText={_attr(w.help_text)}")
    if w.a11y_label:
        attrs.append(f"accessibilityLabel={_attr(w.a11y_label)}")
    attrs += _input_extras(c, w, loc, scope)
    if not scope.in_list and writable:
        ident = c.ident("field", w.name)
        attrs.append(f"error={{screen.errors.{ident}}}")
        c.validators += _validator(c, w, ident, value_src, loc, scope)
    ref = c.style(w.name, box_style(w, parent))
    if ref:
        attrs.append(f"style={{{ref}}}")
    return _element(component, attrs)


def _input_extras(c: ScreenCompiler, w: Any, loc: Loc, scope: Scope) -> list[str]:
    k = w.kind
    if k == "text_input":
        out = [f"inputType={_attr(w.input_type)}"]
        return out + ([f"placeholder={_attr(w.placeholder)}"] if w.placeholder else [])
    if k == "number_input":
        out = [f"decimals={{{w.decimals}}}"]
        return out + ([f"placeholder={_attr(w.placeholder)}"] if w.placeholder else [])
    if k in ("date_input", "time_input"):
        return [f"mode={_attr('date' if k == 'date_input' else 'time')}"]
    if k in ("dropdown", "radio_group"):
        bound = w.binding("options")
        if bound:
            c.use("../runtime/screen", "optionsOf")
            options = f"optionsOf({c.expr(bound, scope.var)})"
        else:
            options = "[" + ", ".join(f"{{ value: {js_str(o.value)}, label: {js_str(o.label or o.value)} }}"
                                      for o in w.options) + "]"
        out = [f"options={{{options}}}"]
        if k == "dropdown":
            out.append(f"placeholder={_attr(w.placeholder)}")
        return out
    if k in ("checkbox", "switch"):
        return [f"kind={_attr(k)}"]
    if k == "slider":
        return [f"min={{{_n(w.min)}}}", f"max={{{_n(w.max)}}}", f"step={{{_n(w.step)}}}"]
    if k == "camera_photo":
        return [f"maxPhotos={{{w.max_photos}}}"]
    if k == "barcode_scanner":
        return ["formats={[" + ", ".join(js_str(f) for f in w.formats) + "]}"]
    if k == "signature":
        return [f"penColor={_attr(w.pen_color)}"]
    if k == "location":
        return [f"highAccuracy={{{'true' if w.high_accuracy else 'false'}}}"]
    return []


def _validator(c: ScreenCompiler, w: Any, ident: str, value_src: str, loc: Loc,
               scope: Scope) -> list[str]:
    conditions = list(scope.visible)
    if w.visible_when:
        conditions.append(f"rt.truthy({c.expr(w.visible_when)})")
    rules = []
    for i, r in enumerate(w.validation):
        msg = js_str(r.message)
        if r.rule == "required":
            rules.append(f'{{ rule: "required", message: {msg} }}')
        elif r.rule in ("min", "max"):
            rules.append(f"{{ rule: {js_str(r.rule)}, value: {_n(r.value)}, message: {msg} }}")
        elif r.rule == "length":
            top = "null" if r.max is None else str(r.max)
            rules.append(f'{{ rule: "length", min: {r.min}, max: {top}, message: {msg} }}')
        elif r.rule == "pattern":
            rules.append(f'{{ rule: "pattern", pattern: {js_str(r.pattern)}, message: {msg} }}')
        elif r.rule == "expression":
            test = c.expr(r.expression)
            rules.append(f'{{ rule: "expression", test: (s) => rt.truthy({test}), message: {msg} }}')
    visible = " && ".join(conditions) or "true"
    return [f"{ident}: {{", f"  value: (s) => {value_src},",
            f"  visible: ({'s' if conditions else ''}) => {visible},",
            "  rules: [", *(f"    {r}," for r in rules), "  ],", "},"]
