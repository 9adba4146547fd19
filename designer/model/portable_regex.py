"""Validation-rule patterns in the dialect every exporter compiles (Qt-free).

The exported apps compile a ``pattern`` rule with JavaScript ``new RegExp(p, "u")`` (React
Native), Dart ``RegExp(p, unicode: true)`` (Flutter) and ``new RegExp(p)`` (PWA). Dart's
unicode mode follows ECMAScript's, and a pattern valid in unicode mode is valid without it, so
the portable dialect is ECMAScript's unicode-mode grammar. ``pattern_error`` parses it and
names the first problem with its 0-based position; Python-only syntax (``(?P<name>…)``,
inline flags, ``\\A``/``\\Z``, atomic groups) and what unicode mode forbids (a lone ``{``,
``\\-`` outside a class, identity escapes such as ``\\a``) are refused with a hint, and so are
shapes that take exponential time in the apps' backtracking engines (``regex_redos``).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import regex_redos as rx
from .regex_redos import Alt, Chars, Empty, Node, Repeat, Seq

SYNTAX = frozenset("^$\\.*+?()[]{}|/")
CONTROL = {"f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
CLASS_ESCAPES = frozenset("dDsSwW")
PYTHON_ONLY = {"A": "use `^`", "Z": "use `$`", "z": "use `$`", "G": "", "h": "", "e": "use `\\x1B`"}
#: Unicode property names ECMAScript accepts in ``\p{…}`` (with their aliases).
GENERAL_CATEGORY = frozenset("""
C Other Cc Control cntrl Cf Format Cn Unassigned Co Private_Use Cs Surrogate L Letter LC
Cased_Letter Ll Lowercase_Letter Lm Modifier_Letter Lo Other_Letter Lt Titlecase_Letter Lu
Uppercase_Letter M Mark Combining_Mark Mc Spacing_Mark Me Enclosing_Mark Mn Nonspacing_Mark N
Number Nd Decimal_Number digit Nl Letter_Number No Other_Number P Punctuation punct Pc
Connector_Punctuation Pd Dash_Punctuation Pe Close_Punctuation Pf Final_Punctuation Pi
Initial_Punctuation Po Other_Punctuation Ps Open_Punctuation S Symbol Sc Currency_Symbol Sk
Modifier_Symbol Sm Math_Symbol So Other_Symbol Z Separator Zl Line_Separator Zp
Paragraph_Separator Zs Space_Separator""".split())
BINARY_PROPERTIES = frozenset("""
ASCII ASCII_Hex_Digit AHex Alphabetic Alpha Any Assigned Bidi_Control Bidi_C Bidi_Mirrored
Bidi_M Case_Ignorable CI Cased Changes_When_Casefolded CWCF Changes_When_Casemapped CWCM
Changes_When_Lowercased CWL Changes_When_NFKC_Casefolded CWKCF Changes_When_Titlecased CWT
Changes_When_Uppercased CWU Dash Default_Ignorable_Code_Point DI Deprecated Dep Diacritic Dia
Emoji Emoji_Component EComp Emoji_Modifier EMod Emoji_Modifier_Base EBase Emoji_Presentation
EPres Extended_Pictographic ExtPict Extender Ext Grapheme_Base Gr_Base Grapheme_Extend Gr_Ext
Hex_Digit Hex IDS_Binary_Operator IDSB IDS_Trinary_Operator IDST ID_Continue IDC ID_Start IDS
Ideographic Ideo Join_Control Join_C Logical_Order_Exception LOE Lowercase Lower Math
Noncharacter_Code_Point NChar Pattern_Syntax Pat_Syn Pattern_White_Space Pat_WS
Quotation_Mark QMark Radical Regional_Indicator RI Sentence_Terminal STerm Soft_Dotted SD
Terminal_Punctuation Term Unified_Ideograph UIdeo Uppercase Upper Variation_Selector VS
White_Space space XID_Continue XIDC XID_Start XIDS""".split())
CATEGORY_KEYS = frozenset({"General_Category", "gc"})
SCRIPT_KEYS = frozenset({"Script", "sc", "Script_Extensions", "scx"})


@dataclass(frozen=True)
class PatternError:
    """Why a pattern does not compile in the exported apps, and where (0-based)."""

    message: str
    position: int

    def __str__(self) -> str:
        return f"{self.message} (at {self.position + 1})"


class _Fail(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.error = PatternError(message, position)


_CLASS = -1  # a class atom that is a set (\d, \p{L}), not one character


class _Parser:
    """Recursive descent over ECMAScript's unicode-mode Pattern grammar."""

    def __init__(self, text: str) -> None:
        self.s, self.i = text, 0
        self.universe = rx.alphabet(text)
        self.class_set: frozenset[str] = frozenset()
        self.groups = 0
        self.names: dict[str, int] = {}
        self.backrefs: list[tuple[int, int]] = []
        self.named_refs: list[tuple[str, int]] = []

    # ----------------------------------------------------------------- helpers
    def fail(self, message: str, position: int | None = None) -> None:
        raise _Fail(message, self.i if position is None else position)

    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.s[j] if j < len(self.s) else ""

    def take(self, text: str) -> bool:
        if self.s.startswith(text, self.i):
            self.i += len(text)
            return True
        return False

    def hex_digits(self, count: int, what: str, start: int) -> int:
        digits = self.s[self.i:self.i + count]
        if len(digits) != count or any(c not in "0123456789abcdefABCDEF" for c in digits):
            self.fail(f"`{what}` needs {count} hex digits", start)
        self.i += count
        return int(digits, 16)

    # ----------------------------------------------------------------- grammar
    def pattern(self) -> Node:
        root = self.disjunction()
        if self.i < len(self.s):  # only an unmatched ')' stops a top-level disjunction
            self.fail("unmatched `)`")
        for number, at in self.backrefs:
            if number > self.groups:
                self.fail(f"back-reference `\\{number}` but the pattern has "
                          f"{self.groups} group{'s' if self.groups != 1 else ''}", at)
        for name, at in self.named_refs:
            if name not in self.names:
                self.fail(f"`\\k<{name}>` names no group", at)
        return root

    def disjunction(self) -> Node:
        start = self.i
        branches = [self.alternative()]
        while self.take("|"):
            branches.append(self.alternative())
        return branches[0] if len(branches) == 1 else Alt(start, self.i, branches)

    def alternative(self) -> Node:
        start, items = self.i, []
        while self.i < len(self.s) and self.peek() not in "|)":
            items.append(self.term())
        return Seq(start, self.i, items)

    def term(self) -> Node:
        start = self.i
        c = self.peek()
        if c in "^$" or (c == "\\" and self.peek(1) in ("b", "B")):
            self.i += 1 if c != "\\" else 2
            return self.quantifier(False, start, Empty(start, self.i))
        if self.s.startswith(("(?=", "(?!", "(?<=", "(?<!"), self.i):
            self.i += 3 if self.peek(2) in "=!" else 4
            self.group_body(start)
            return self.quantifier(False, start, Empty(start, self.i))
        return self.quantifier(True, start, self.atom())

    def quantifier(self, allowed: bool, start: int, node: Node) -> Node:
        c, at = self.peek(), self.i
        low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}.get(c, (0, 0))
        if c in ("*", "+", "?"):
            self.i += 1
        elif c == "{":
            low, high = self.braces()
            if high is not None and low > high:
                self.fail(f"numbers out of order in `{{{low},{high}}}`", at)
        else:
            return node
        if not allowed:
            self.fail("nothing to repeat", at)
        if self.peek() in ("+",):
            self.fail("possessive quantifiers (`*+`, `++`) are Python-only", self.i)
        self.take("?")
        return Repeat(start, self.i, node, low, high)

    def braces(self) -> tuple[int, int | None]:
        at = self.i
        self.i += 1
        low = self.number()
        high: int | None = low
        if low is not None and self.take(","):
            high = self.number()
        if low is None or not self.take("}"):
            self.fail("incomplete quantifier: write `{` as `\\{` when it is not `{n}`, `{n,}` "
                      "or `{n,m}`", at)
        return low, high  # type: ignore[return-value]

    def number(self) -> int | None:
        start = self.i
        while self.peek().isdigit() and self.peek().isascii():
            self.i += 1
        return int(self.s[start:self.i]) if self.i > start else None

    def atom(self) -> Node:
        c, at = self.peek(), self.i
        if c == "(":
            return self.group()
        if c == "[":
            return Chars(at, self.i, self.char_class())
        if c == "\\":
            return self.atom_escape()
        if c in ("*", "+", "?"):
            self.fail("nothing to repeat", at)
        elif c == "{":
            self.fail("nothing to repeat" if _brace_quantifier(self.s, at)
                      else "lone `{`: write `\\{`", at)
        elif c in ("}", "]"):
            self.fail(f"lone `{c}`: write `\\{c}`", at)
        self.i += 1
        return Chars(at, self.i, rx.dot_set(self.universe) if c == "." else frozenset(c))

    def group(self) -> Node:
        start = self.i
        self.i += 1
        if self.take("?:"):
            pass
        elif self.take("?<"):
            name = self.group_name(start)
            if name in self.names:
                self.fail(f"duplicate group name `{name}`", start)
            self.groups += 1
            self.names[name] = self.groups
        elif self.peek() == "?":
            self.fail(_python_group_hint(self.s, start), start)
        else:
            self.groups += 1
        return self.group_body(start)

    def group_body(self, start: int) -> Node:
        node = self.disjunction()
        if not self.take(")"):
            self.fail("unclosed group: add `)`", start)
        return node

    def group_name(self, start: int) -> str:
        end = self.s.find(">", self.i)
        if end < 0:
            self.fail("group name without a closing `>`", start)
        name = self.s[self.i:end]
        if not name or not name.replace("$", "_").isidentifier():
            self.fail(f"invalid group name `{name}`", self.i)
        self.i = end + 1
        return name

    def atom_escape(self) -> Node:
        at = self.i
        self.i += 1
        c = self.peek()
        if not c:
            self.fail("`\\` at the end of the pattern", at)
        if c in "123456789":
            self.backrefs.append((self.number() or 0, at))
            return Empty(at, self.i)
        if c == "k":
            self.i += 1
            if not self.take("<"):
                self.fail("`\\k` must be followed by `<name>`", at)
            self.named_refs.append((self.group_name(at), at))
            return Empty(at, self.i)
        if c in CLASS_ESCAPES:
            self.i += 1
            return Chars(at, self.i, rx.escape_set(c, self.universe))
        if c in "pP":
            body = self.property_escape(at)
            return Chars(at, self.i, rx.property_set(body, c == "P", self.universe))
        code = self.character_escape(at, in_class=False)
        return Chars(at, self.i, frozenset(chr(code)))

    def character_escape(self, at: int, in_class: bool) -> int:
        """The code point of the escape at ``self.i`` (after the backslash)."""
        c = self.peek()
        self.i += 1
        if c in CONTROL:
            return CONTROL[c]
        if c == "c":
            letter = self.peek()
            if not (letter.isascii() and letter.isalpha()):
                self.fail("`\\c` must be followed by a letter A-Z", at)
            self.i += 1
            return ord(letter) % 32
        if c == "0":
            if self.peek().isdigit():
                self.fail("octal escapes are not allowed (write `\\x..` or `\\u....`)", at)
            return 0
        if c == "x":
            return self.hex_digits(2, "\\x", at)
        if c == "u":
            return self.unicode_escape(at)
        if c in SYNTAX or (in_class and c == "-"):
            return ord(c)
        if c in PYTHON_ONLY:
            hint = f"; {PYTHON_ONLY[c]}" if PYTHON_ONLY[c] else ""
            self.fail(f"`\\{c}` is Python-only syntax{hint}", at)
        self.fail(f"`\\{c}` is not a valid escape in JavaScript/Dart unicode patterns "
                  f"(escape only ^ $ \\ . * + ? ( ) [ ] {{ }} | /)", at)
        return 0  # not reached

    def unicode_escape(self, at: int) -> int:
        if self.take("{"):
            end = self.s.find("}", self.i)
            digits = self.s[self.i:end] if end >= 0 else ""
            if not digits or any(ch not in "0123456789abcdefABCDEF" for ch in digits) or \
                    int(digits, 16) > 0x10FFFF:
                self.fail("`\\u{…}` needs hex digits up to 10FFFF", at)
            self.i = end + 1
            return int(digits, 16)
        value = self.hex_digits(4, "\\u", at)
        if 0xD800 <= value <= 0xDBFF and self.s.startswith("\\u", self.i):
            save = self.i
            self.i += 2
            low = self.hex_digits(4, "\\u", save)
            if 0xDC00 <= low <= 0xDFFF:
                return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            self.i = save
        return value

    def property_escape(self, at: int) -> str:
        self.i += 1
        end = self.s.find("}", self.i)
        if not self.take("{") or end < 0:
            self.fail("`\\p` needs a property in braces, e.g. `\\p{L}`", at)
        body = self.s[self.i:end]
        key, eq, value = body.partition("=")
        if not eq:
            ok = body in GENERAL_CATEGORY or body in BINARY_PROPERTIES
        elif key in CATEGORY_KEYS:
            ok = value in GENERAL_CATEGORY
        else:  # script names are not listed here: the form is checked, not the name
            ok = key in SCRIPT_KEYS and value.replace("_", "").isalnum() and value.isascii()
        if not ok:
            self.fail(f"unknown Unicode property `{body}`", at)
        self.i = end + 1
        return body

    def char_class(self) -> frozenset[str]:
        """Parse ``[…]``; the (sampled) set of characters it matches."""
        start = self.i
        self.i += 1
        negated = self.take("^")
        found: set[str] = set()
        while True:
            if self.i >= len(self.s):
                self.fail("unclosed character class: add `]`", start)
            if self.take("]"):
                return self.universe - found if negated else frozenset(found)
            first_at = self.i
            first = self.class_atom()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                last = self.class_atom()
                if first == _CLASS or last == _CLASS:
                    self.fail("a class escape such as `\\d` cannot end a range "
                              "(write `-` as `\\-`)", first_at)
                if first > last:
                    self.fail("range out of order in character class", first_at)
                found.update(c for c in self.universe if first <= ord(c) <= last)
            else:
                found.update(self.class_set if first == _CLASS else chr(first))

    def class_atom(self) -> int:
        c, at = self.peek(), self.i
        if c != "\\":
            self.i += 1
            return ord(c)
        self.i += 1
        d = self.peek()
        if not d:
            self.fail("`\\` at the end of the pattern", at)
        if d == "b":
            self.i += 1
            return 8
        if d in CLASS_ESCAPES:
            self.i += 1
            self.class_set = rx.escape_set(d, self.universe)
            return _CLASS
        if d in "pP":
            self.class_set = rx.property_set(self.property_escape(at), d == "P", self.universe)
            return _CLASS
        if d in "123456789":
            self.fail("back-references are not allowed in a character class", at)
        return self.character_escape(at, in_class=True)


def _brace_quantifier(text: str, at: int) -> bool:
    close = text.find("}", at)
    body = text[at + 1:close] if close > 0 else ""
    low, _, high = body.partition(",")
    return low.isdigit() and (not high or high.isdigit())


def _python_group_hint(text: str, at: int) -> str:
    rest = text[at + 2:at + 4]
    if rest.startswith("P<") or rest.startswith("P="):
        return "`(?P<name>…)` is Python-only: write `(?<name>…)` (and `\\k<name>` for `(?P=name)`)"
    if rest.startswith("#"):
        return "comments `(?#…)` are Python-only"
    if rest.startswith(">"):
        return "atomic groups `(?>…)` are Python-only"
    if rest.startswith("("):
        return "conditional groups `(?(…)…)` are Python-only"
    if rest[:1].isalpha() or rest[:1] == "-":
        return "inline flags such as `(?i)` do not work in JavaScript/Dart patterns"
    return f"invalid group `(?{rest[:1]}`"


def pattern_error(text: str) -> PatternError | None:
    """The first reason ``text`` does not compile in the exported apps (None: it does)."""
    parser = _Parser(text)
    try:
        root = parser.pattern()
        redos = rx.find_redos(root, text)
    except _Fail as exc:
        return exc.error
    except RecursionError:
        return PatternError("too deeply nested", 0)
    return PatternError(redos.message, redos.position) if redos is not None else None
