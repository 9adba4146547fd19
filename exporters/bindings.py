"""Binding expressions as every exporter compiles them: located failures, plain paths, names."""

from __future__ import annotations

from typing import Literal

from designer.expressions import ExpressionError, Path, compile_expr, parse

from .base import ExportFailed


def compile_binding(text: str, target: Literal["js", "ts", "dart"], var: str,
                    loc: tuple[str | int, ...]) -> str:
    """``text`` compiled for ``target`` over state ``var``; ExportFailed names ``loc``."""
    try:
        return compile_expr(text, target, var)
    except (ExpressionError, ValueError, TypeError) as exc:
        raise ExportFailed(f"{'.'.join(map(str, loc))}: cannot compile `{text}`: {exc}") from exc


def plain_path(text: str) -> list[str] | None:
    """The field path ``text`` names if it is a plain path (what a two-way binding writes)."""
    try:
        node = parse(text)
    except ExpressionError:
        return None
    return list(node.parts) if isinstance(node, Path) else None


def camel_case(parts: tuple[str, ...]) -> str:
    """``("on", "sync_button", "tap")`` → ``onSyncButtonTap``."""
    words = [w for p in parts for w in p.split("_") if w]
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
