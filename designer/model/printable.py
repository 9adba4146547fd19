"""Model text made safe for a terminal (and for ``git diff``, which shows textconv output).

A key like ``k\\x1b[2K\\rhidden`` erases its own line, and a bidi override (U+202E) reorders
what a reviewer reads. Every piece of model text the CLI prints goes through ``printable``;
``designer.cli.main`` also writes stdout and stderr through ``escape_stream_text`` as a net
for text that reaches a stream some other way. Escapes are JSON escapes (``\\u001b``, ``\\r``),
so a JSON or SARIF document stays valid and means the same after the net.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls and the bidi embeddings/overrides/isolates.
_CONTROL = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_ALL = re.compile(f"[{_CONTROL}]")
_STREAM = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def printable(text: object) -> str:
    """``text`` with every control character (newlines included) written as an escape."""
    return _ALL.sub(_escape, str(text))


def printable_lines(text: str) -> str:
    """``printable`` line by line: the line breaks of ``text`` are kept, nothing else."""
    return "\n".join(printable(line) for line in text.split("\n"))


def escape_stream_text(text: str) -> str:
    """``printable`` for a whole stream write: newlines and tabs are kept."""
    return _STREAM.sub(_escape, text)


__all__ = ["escape_stream_text", "printable", "printable_lines"]
