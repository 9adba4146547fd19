"""Tokenizer for binding expressions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import ExpressionError

KEYWORDS = frozenset({"and", "or", "not", "true", "false", "null"})
OPERATORS = ("==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "<", ">", "(", ")", ",", ".")
IDENT_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
DIGITS = frozenset("0123456789")
IDENT_CHARS = IDENT_START | DIGITS
WHITESPACE = frozenset(" \t\r\n")
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "t": "\t"}
_HEX = frozenset("0123456789abcdefABCDEF")
# Characters people type from other languages, with what they probably meant.
_MISTAKES = {"=": "==", "!": "not", "&&": "and", "&": "and", "||": "or", "|": "or",
             "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}


@dataclass(frozen=True, slots=True)
class Token:
    """A token; ``kind`` is one of name, keyword, int, decimal, string, op, end."""

    kind: str
    text: str
    value: object
    start: int
    end: int

    def describe(self) -> str:
        """How an error message names this token."""
        if self.kind == "end":
            return "end of expression"
        if self.kind == "name":
            return f"name '{self.text}'"
        if self.kind in ("int", "decimal"):
            return f"number {self.text}"
        if self.kind == "string":
            return f"text {self.text if len(self.text) <= 20 else self.text[:17] + '...'}"
        return f"'{self.text}'"


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``end`` token; raises ExpressionError."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in WHITESPACE:
            i += 1
        elif ch in IDENT_START:
            j = i + 1
            while j < n and text[j] in IDENT_CHARS:
                j += 1
            word = text[i:j]
            tokens.append(Token("keyword" if word in KEYWORDS else "name", word, word, i, j))
            i = j
        elif ch in DIGITS:
            token = _number(text, i)
            tokens.append(token)
            i = token.end
        elif ch in "\"'":
            token = _string(text, i)
            tokens.append(token)
            i = token.end
        elif ch == "." and i + 1 < n and text[i + 1] in DIGITS and not _ends_value(tokens):
            j = i + 1
            while j < n and text[j] in DIGITS:
                j += 1
            raise ExpressionError("a number must start with a digit", i, j, "0" + text[i:j])
        else:
            op = next((o for o in OPERATORS if text.startswith(o, i)), None)
            if op is None:
                bad = text[i:i + 2] if text[i:i + 2] in _MISTAKES else ch
                raise ExpressionError(f"unexpected character '{bad}'", i, i + len(bad),
                                      _MISTAKES.get(bad))
            tokens.append(Token("op", op, op, i, i + len(op)))
            i += len(op)
    tokens.append(Token("end", "", None, n, n))
    return tokens


def _ends_value(tokens: list[Token]) -> bool:
    return bool(tokens) and (tokens[-1].kind == "name" or tokens[-1].text == ")")


def _number(text: str, i: int) -> Token:
    n, j = len(text), i
    while j < n and text[j] in DIGITS:
        j += 1
    kind = "int"
    if j < n and text[j] == "." and not (j + 1 < n and text[j + 1] in IDENT_START):
        if j + 1 >= n or text[j + 1] not in DIGITS:
            raise ExpressionError("expected a digit after '.'", i, j + 1, text[i:j + 1] + "0")
        j += 1
        while j < n and text[j] in DIGITS:
            j += 1
        kind = "decimal"
    if j < n and text[j] in IDENT_START:
        k = j
        while k < n and text[k] in IDENT_CHARS:
            k += 1
        raise ExpressionError(f"invalid number '{text[i:k]}'", i, k)
    if j < n and text[j] == ".":
        raise ExpressionError("a number has no fields", i, j + 1)
    raw = text[i:j]
    value: int | Decimal = Decimal(raw) if kind == "decimal" else int(raw)
    return Token(kind, raw, value, i, j)


def _string(text: str, i: int) -> Token:
    quote, n, j = text[i], len(text), i + 1
    out: list[str] = []
    while j < n:
        ch = text[j]
        if ch == quote:
            return Token("string", text[i:j + 1], _join_surrogates("".join(out)), i, j + 1)
        if ch != "\\":
            out.append(ch)
            j += 1
            continue
        if j + 1 >= n:
            raise ExpressionError("unterminated text", i, n)
        esc = text[j + 1]
        if esc in _ESCAPES:
            out.append(_ESCAPES[esc])
            j += 2
        elif esc == "u":
            digits = text[j + 2:j + 6]
            if len(digits) < 4 or not set(digits) <= _HEX:
                k = j + 2
                while k < min(n, j + 6) and text[k] in _HEX:
                    k += 1
                raise ExpressionError("'\\u' needs exactly 4 hex digits", j, k)
            out.append(chr(int(digits, 16)))
            j += 6
        else:
            raise ExpressionError(f"unknown escape '\\{esc}'", j, j + 2, "\\\\" + esc)
    raise ExpressionError("unterminated text", i, n, text[i:] + quote)


def _join_surrogates(s: str) -> str:
    """Combine surrogate pairs written as two \\u escapes into one character."""
    if not any("\ud800" <= c <= "\udfff" for c in s):
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
