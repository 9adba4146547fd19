"""A static check of the calls in a generated Flutter project (no Dart SDK can be installed here).

Every call of a class (``Text(...)``, ``const SizedBox(...)``, ``EdgeInsets.all(...)``,
``Theme.of(...)``) and every call of a top-level function with named arguments is resolved
against either the project's own declarations (parsed from the generated ``lib/``) or the
reviewed table of Flutter, package and Dart SDK signatures in ``api_signatures.json``. A call
fails the check when it names a parameter the callee lacks, leaves out a required one, passes
the wrong number of positional arguments, passes ``null`` or a literal of the wrong kind to a
parameter that cannot take it, or constructs a class that is not the parameter's type (e.g.
``cardTheme: CardTheme(...)`` where ``CardThemeData?`` is wanted). The project's own
constructors and functions fail when an optional parameter of a non-nullable type has no
default (not valid Dart with null safety). Instance methods (``controller.dispose()``) are not
checked: without type inference their receiver's class is unknown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tree_sitter import Node

from .dart_parse import parser

TABLE = Path(__file__).with_name("api_signatures.json")
_ANY = {"Object", "Object?", "dynamic", "T", "T?"}
_CTOR_SIGS = {"constructor_signature", "constant_constructor_signature",
              "factory_constructor_signature", "redirecting_factory_constructor_signature"}


@dataclass
class Param:
    type: str
    required: bool = False
    has_default: bool = False


@dataclass
class Callable:
    """A constructor or function: positional arity and named parameters."""
    where: str
    positional_min: int = 0
    positional_max: int = 0
    named: dict[str, Param] = field(default_factory=dict)


@dataclass
class Api:
    """Callables by ``Class`` / ``Class.member`` / ``function``, and each class's supertypes."""
    callables: dict[str, Callable] = field(default_factory=dict)
    supertypes: dict[str, set[str]] = field(default_factory=dict)

    def ancestry(self, name: str) -> set[str]:
        seen, todo = {name}, [name]
        while todo:
            for sup in self.supertypes.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def known_types(self) -> set[str]:
        out = set(self.supertypes)
        for sups in self.supertypes.values():
            out |= sups
        return out


def _param(spec: str) -> Param:
    required = spec.startswith("required ")
    return Param(spec.removeprefix("required "), required=required)


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TABLE.read_text("utf-8"))
    return data


def table_api() -> Api:
    api = Api()
    for group in ("flutter", "packages", "dart"):
        for cls, entry in table()[group].items():
            if cls.startswith("_"):
                continue
            api.supertypes[cls] = set(entry.get("is", []))
            for member, spec in entry.get("calls", {}).items():
                pos = spec.get("positional", 0)
                lo, hi = (pos, pos) if isinstance(pos, int) else pos
                key = cls if member == "" else f"{cls}.{member}"
                if entry.get("function"):
                    key = cls
                api.callables[key] = Callable(
                    f"{group} table", lo, hi, {n: _param(s) for n, s in spec.get("named", {}).items()})
    return api


# --- the project's own declarations ------------------------------------------------------------

def _text(node: Node) -> str:
    return node.text.decode("utf-8")


def _children(node: Node, kind: str) -> list[Node]:
    return [c for c in node.children if c.type == kind]


def _field_types(body: Node) -> dict[str, str]:
    """Declared types of a class's fields (``final String? error;``)."""
    out: dict[str, str] = {}
    for decl in _children(body, "declaration"):
        names = _children(decl, "initialized_identifier_list")
        if not names:
            continue
        kids = [c for c in decl.children if c.type not in ("final_builtin", "const_builtin",
                                                           "static", "late", "covariant")]
        type_nodes = kids[:kids.index(names[0])]
        if not type_nodes:
            continue
        source = decl.text[type_nodes[0].start_byte - decl.start_byte:
                           type_nodes[-1].end_byte - decl.start_byte].decode()
        for ident in _children(names[0], "initialized_identifier"):
            out[_text(ident.children[0])] = source
    return out


def _formal_params(plist: Node, fields: dict[str, str], where: str,
                   problems: list[str]) -> Callable:
    call = Callable(where)

    def one(param: Node, required: bool, has_default: bool, named: bool) -> None:
        inner = param.children[0]
        if inner.type == "super_formal_parameter":
            name, ptype = _text(inner.children[-1]), "Key?" if _text(inner.children[-1]) == "key" \
                else "Object?"
        elif inner.type == "constructor_param":
            name = _text(inner.children[-1])
            ptype = fields.get(name, "")
            if not ptype:
                problems.append(f"{where}: this.{name} has no declared field type")
        else:
            name = _text(param.children[-1])
            ptype = param.text[:param.children[-1].start_byte - param.start_byte].decode().strip()
        if named:
            call.named[name] = Param(ptype, required, has_default)
        optional = not required
        if optional and not has_default and ptype and not _nullable(ptype):
            problems.append(f"{where}: optional parameter {name!r} of non-nullable type "
                            f"{ptype} has no default value")

    for child in plist.children:
        if child.type == "formal_parameter":
            call.positional_min += 1
            call.positional_max += 1
            one(child, True, False, named=False)
        elif child.type == "optional_formal_parameters":
            named = _text(child.children[0]) == "{"
            kids = child.children
            for i, p in enumerate(kids):
                if p.type != "formal_parameter":
                    continue
                required = i > 0 and kids[i - 1].type == "required"
                has_default = i + 1 < len(kids) and kids[i + 1].type == "="
                if not named:
                    call.positional_max += 1
                one(p, required, has_default, named=named)
    return call


def _nullable(ptype: str) -> bool:
    return ptype.endswith("?") or ptype in ("dynamic", "void", "Null") or ptype == "T"


def project_api(lib: Path) -> tuple[Api, list[str]]:
    """Constructors, static methods and top-level functions declared in ``lib/``, and the
    declaration problems found on the way."""
    api, problems = Api(), []
    for path in sorted(lib.rglob("*.dart")):
        rel = path.relative_to(lib.parent).as_posix()
        root = parser().parse(path.read_bytes()).root_node
        for sig in _children(root, "function_signature"):
            name = _text(sig.child_by_field_name("name") or _children(sig, "identifier")[0])
            api.callables[name] = _formal_params(_children(sig, "formal_parameter_list")[0], {},
                                                 f"{rel}: {name}", problems)
        for cls in _children(root, "class_definition"):
            name = _text(cls.child_by_field_name("name"))
            sups = set()
            for clause in ("superclass", "interfaces", "mixins"):
                for node in _children(cls, clause):
                    sups |= {_text(t) for t in _children(node, "type_identifier")}
                    for mix in _children(node, "mixins"):
                        sups |= {_text(t) for t in _children(mix, "type_identifier")}
            api.supertypes[name] = sups
            body = cls.child_by_field_name("body")
            fields = _field_types(body)
            has_ctor = False
            for holder in body.children:
                sigs = [holder] if holder.type in _CTOR_SIGS else [
                    c for c in holder.children if c.type in _CTOR_SIGS | {"function_signature"}]
                for sig in sigs:
                    if sig.type == "function_signature":
                        member = _text(_children(sig, "identifier")[0])
                        plists = _children(sig, "formal_parameter_list")
                        method = _formal_params(plists[0], fields, f"{rel}: {name}.{member}",
                                                problems) if plists else None
                        if method is not None:  # a bare call inside the class
                            api.callables.setdefault(member, method)
                        if not any(c.type == "static" for c in holder.children):
                            continue
                    else:
                        idents = _children(sig, "identifier")
                        member = _text(idents[1]) if len(idents) > 1 else ""
                        has_ctor = True
                    key = name if member == "" else f"{name}.{member}"
                    plists = _children(sig, "formal_parameter_list")
                    if plists:
                        api.callables[key] = _formal_params(plists[0], fields, f"{rel}: {key}",
                                                            problems)
            if not has_ctor:
                api.callables[name] = Callable(f"{rel}: {name} (implicit)")
    return api, problems


# --- call sites ---------------------------------------------------------------------------------

@dataclass
class Call:
    callee: str
    line: int
    positional: list[Node]
    named: dict[str, Node]


def _arguments(args: Node) -> tuple[list[Node], dict[str, Node]]:
    positional, named = [], {}
    for a in args.children:
        if a.type == "argument":
            positional.append(a.children[0])
        elif a.type == "named_argument":
            named[_text(a.children[0].children[0])] = a.children[1]
    return positional, named


def _call_at(kids: list[Node], i: int) -> tuple[str, Node] | None:
    """``Name(...)`` or ``Name.member(...)`` starting at ``kids[i]`` (an identifier)."""
    name, j = _text(kids[i]), i + 1
    if j < len(kids) and kids[j].type == "selector" and kids[j].children[0].type == \
            "unconditional_assignable_selector" and j + 1 < len(kids) and \
            kids[j + 1].type == "selector" and kids[j + 1].children[0].type == "argument_part":
        name += "." + _text(kids[j].children[0].children[-1])
        j += 1
    if j < len(kids) and kids[j].type == "selector" and kids[j].children[0].type == "argument_part":
        return name, _children(kids[j].children[0], "arguments")[0]
    return None


_IMPORT_AS = re.compile(rb"^import\s+'[^']+'\s+as\s+(\w+)\s*;", re.M)


def _import_prefixes(root: Node) -> set[str]:
    """``http`` of ``import 'package:http/http.dart' as http;``."""
    return {m.decode() for m in _IMPORT_AS.findall(root.text)}


_IMPORT_URI_AS = re.compile(rb"^import\s+'([^']+)'\s+as\s+(\w+)\s*;", re.M)


def _project_prefixes(root: Node, package: str | None) -> set[str]:
    """Prefixes of imports of the project's own files (``import '../runtime/sync.dart' as sync;``
    or ``package:<package>/...``): every call through them is checked, functions too."""
    own = f"package:{package}/".encode() if package else None
    return {p.decode() for uri, p in _IMPORT_URI_AS.findall(root.text)
            if b":" not in uri or (own is not None and uri.startswith(own))}


def calls(root: Node, package: str | None = None) -> list[Call]:
    """Calls of classes (capitalized names, with or without ``const``, also through an import
    prefix: ``http.Request(...)``), of bare functions with named arguments, and of every
    function reached through a prefix of the project's own files."""
    prefixes = _import_prefixes(root)
    own = _project_prefixes(root, package)
    out: list[Call] = []
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.children
        stack.extend(kids)
        if node.type == "const_object_expression":
            names = [_text(c) for c in kids if c.type in ("type_identifier", "identifier")]
            args = _children(node, "arguments")
            if args:
                pos, named = _arguments(args[0])
                out.append(Call(".".join(names), node.start_point[0] + 1, pos, named))
            continue
        for i, kid in enumerate(kids):
            if kid.type != "identifier":
                continue
            prev = kids[i - 1] if i else None
            if prev is not None and prev.type in ("selector", "identifier", "."):
                continue  # a member of some receiver, not a class or a top-level function
            through = None
            if _text(kid) in prefixes and i + 1 < len(kids) and kids[i + 1].type == "selector" \
                    and kids[i + 1].children[0].type == "unconditional_assignable_selector":
                # ``prefix.Class(...)`` / ``prefix.Class.member(...)``: drop the prefix
                member = kids[i + 1].children[0].children[-1]
                found = _call_at([member, *kids[i + 2:]], 0)
                through = _text(kid)
            else:
                found = _call_at(kids, i)
            if found is None:
                continue
            name, args = found
            pos, named = _arguments(args)
            if name[0].isupper() or (named and "." not in name) or through in own:
                out.append(Call(name, kid.start_point[0] + 1, pos, named))
    return out


def _literal_kind(node: Node) -> str | None:
    if node.type == "null_literal":
        return "null"
    if node.type == "string_literal":
        return "String"
    if node.type in ("decimal_integer_literal", "hex_integer_literal"):
        return "int"
    if node.type == "decimal_floating_point_literal":
        return "double"
    if node.type in ("true", "false"):
        return "bool"
    return None


_LITERAL_OK = {"String": {"String"}, "int": {"int", "num", "double"},
               "double": {"double", "num"}, "bool": {"bool"}}


def check_call(call: Call, target: Callable, api: Api, where: str) -> list[str]:
    problems = []
    n = len(call.positional)
    if not target.positional_min <= n <= target.positional_max:
        problems.append(f"{where}: {call.callee} takes {target.positional_min}"
                        f"..{target.positional_max} positional arguments, {n} given")
    for name in call.named:
        if name not in target.named:
            problems.append(f"{where}: {call.callee} has no parameter {name!r} ({target.where})")
    for name, param in target.named.items():
        if param.required and name not in call.named:
            problems.append(f"{where}: {call.callee} misses required parameter {name!r}")
    known = api.known_types()
    for name, value in call.named.items():
        param = target.named.get(name)
        if param is None or not param.type or param.type in _ANY:
            continue
        base = param.type.rstrip("?").split("<")[0]
        kind = _literal_kind(value)
        if kind == "null" and not _nullable(param.type):
            problems.append(f"{where}: {call.callee}({name}: null) but {param.type} is not nullable")
        elif kind in _LITERAL_OK and base in known | {"String", "int", "double", "num", "bool"} \
                and base not in _LITERAL_OK[kind]:
            problems.append(f"{where}: {call.callee}({name}: a {kind}) but the type is {param.type}")
        made = constructed_class(value)
        if made and base in known and base not in api.ancestry(made):
            problems.append(f"{where}: {call.callee}({name}: {made}(...)) but {made} is not a "
                            f"{param.type}")
    return problems


def constructed_class(node: Node) -> str | None:
    """The class a named argument's value constructs: ``const X(...)``, ``const X.n(...)`` or a
    plain ``X(...)`` that is the whole value (``Theme.of(c)`` is a static call, not a Theme)."""
    if node.type == "const_object_expression":
        return _text(_children(node, "type_identifier")[0])
    rest = node.parent.children[node.parent.children.index(node) + 1:] if node.parent else []
    if node.type == "identifier" and _text(node)[:1].isupper() and len(rest) == 1 and \
            rest[0].type == "selector" and rest[0].children[0].type == "argument_part":
        return _text(node)
    return None


def check_project(root: Path) -> list[str]:
    """Every problem in the generated project at ``root`` (empty when it passes)."""
    lib = root / "lib"
    project, problems = project_api(lib)
    api = table_api()
    api.supertypes.update(project.supertypes)
    merged = {**api.callables, **project.callables}
    pubspec = root / "pubspec.yaml"
    named = re.search(r"^name:\s*(\w+)", pubspec.read_text("utf-8"), re.M) \
        if pubspec.is_file() else None
    package = named.group(1) if named else None
    files = [*sorted(lib.rglob("*.dart")), *sorted((root / "test").rglob("*.dart"))]
    for path in files:
        rel = path.relative_to(root).as_posix()
        tree = parser().parse(path.read_bytes())
        for call in calls(tree.root_node, package):
            where = f"{rel}:{call.line}"
            target = merged.get(call.callee)
            if target is None:
                problems.append(f"{where}: {call.callee}(...) is neither declared in lib/ nor "
                                f"in {TABLE.name}")
                continue
            problems += check_call(call, target, api, where)
    return problems
