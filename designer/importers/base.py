"""Shared parts of every importer: the result and error types, input limits, name sanitizing.

Importers are pure functions ``import_xxx(path, name=None) -> ImportResult``. They never touch a
model; the CLI / data panel add the returned ``DataSource`` with a command. Bad or hostile input
raises ``SpecError`` naming the file and a location (line, JSON pointer, XML line or CSV row).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from designer.model.data import DataSource
from designer.model.input_file import not_regular
from designer.model.names import unreserved
from designer.model.problems import Problem
from designer.model.secrets_scan import find_secret

#: Largest input file read (bytes).
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: Rows of a CSV/JSON sample scanned for type inference.
MAX_SCANNED_ROWS = 200_000
#: Sample rows kept per entity.
MAX_SAMPLE_ROWS = 200
#: Entities and fields per entity accepted from one contract.
MAX_ENTITIES = 2_000
MAX_FIELDS = 1_000
#: Longest text kept from a contract for labels and enum values.
MAX_LABEL = 200
MAX_ENUM_VALUES = 500

#: Words that cannot be model names because the expression language reserves them.
RESERVED = frozenset({"and", "or", "not", "true", "false", "null"})


class SpecError(Exception):
    """An input cannot be imported: ``file``, a ``location`` inside it (may be "") and why."""

    def __init__(self, file: str, message: str, location: str | int = "") -> None:
        super().__init__(message)
        self.file = str(file)
        self.message = message
        self.location = str(location) if location not in (None, "") else ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.location}" if self.location else self.file
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """What an importer produced: the new data source and warnings about what it could not map."""

    source: DataSource
    warnings: list[Problem] = field(default_factory=list)
    file: str = ""

    def summary(self) -> str:
        """One line such as ``3 entities, 12 fields, 9 operations``."""
        entities = self.source.entities
        nf = sum(len(e.fields) for e in entities)
        no = sum(len(e.operations) for e in entities)
        return (f"{len(entities)} entit{'y' if len(entities) == 1 else 'ies'}, {nf} fields, "
                f"{no} operation{'' if no == 1 else 's'}")


class Warnings:
    """Collects located warnings for one input file (duplicates dropped, count bounded).

    Past ``LIMIT`` warnings are counted, not kept; ``items`` then ends with one warning saying
    how many were left out, so a report never looks complete when it is not."""

    LIMIT = 500

    def __init__(self, file: str) -> None:
        self.file = file
        self.kept: list[Problem] = []
        self.omitted = 0
        self._seen: set[tuple[str, str]] = set()

    def add(self, message: str, location: str | int | None = None, code: str = "import") -> None:
        """Record a warning at ``location`` (an int is a line number, a str a pointer/row)."""
        key = (str(location), message)
        if key in self._seen:
            return
        self._seen.add(key)
        if len(self.kept) >= self.LIMIT:
            self.omitted += 1
            return
        line = location if isinstance(location, int) else None
        path: tuple[str | int, ...] = (location,) if isinstance(location, str) and location else ()
        self.kept.append(Problem(message, path, "warning", code, file=self.file, line=line))

    @property
    def items(self) -> list[Problem]:
        """The kept warnings, then one naming how many more were omitted (if any)."""
        if not self.omitted:
            return list(self.kept)
        more = f"{self.omitted:,} more warning{'' if self.omitted == 1 else 's'}"
        return [*self.kept, Problem(f"{more} omitted (only the first {self.LIMIT} are listed)",
                                    (), "warning", "import.omitted", file=self.file)]


def read_input(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file; SpecError if missing, a folder, unreadable or too large."""
    file = str(path)
    why = not_regular(file)
    if why:
        raise SpecError(file, why)
    try:
        size = os.stat(file).st_size
        if size > limit:
            raise SpecError(file, f"file is {size:,} bytes; the limit is {limit:,}")
        with open(file, "rb") as fh:
            data = fh.read(min(size, limit) + 1)   # not limit+1: that preallocates 50 MB
            if len(data) > size and len(data) <= limit:
                data += fh.read(limit + 1 - len(data))
    except OSError as exc:
        raise SpecError(file, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise SpecError(file, f"file is larger than the limit of {limit:,} bytes")
    return data


def decode_text(data: bytes, file: str, warnings: Warnings | None = None) -> str:
    """Text of a file: UTF-8 (BOM stripped) or UTF-16 with BOM; Windows-1252/Latin-1 detected.

    A legacy 8-bit file is decoded (with a warning) rather than refused, since spreadsheets
    exported on Windows are often Windows-1252. NUL bytes in 8-bit text mean a binary file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SpecError(file, f"invalid UTF-16 text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise SpecError(file, "this is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            text = data.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "Latin-1 (ISO-8859-1)"
        if warnings is not None:
            warnings.add(f"the file is not UTF-8 (first non-UTF-8 byte on line {line}); "
                         f"it was read as {encoding}; save it as UTF-8 to be sure", line,
                         "import.encoding")
        return text


def fold_ascii(text: str) -> str:
    """Accents folded to ASCII (``Straße`` → ``Strasse``, ``Ångström`` → ``Angstrom``)."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "SS"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def to_identifier(text: str, fallback: str = "field") -> str:
    """``text`` as a model name ``[A-Za-z_][A-Za-z0-9_]*`` (≤ 64 chars, not a reserved word).

    Deterministic: the same text always gives the same name.
    """
    ident = re.sub(r"[^A-Za-z0-9_]+", "_", fold_ascii(str(text))).strip("_")
    ident = re.sub(r"_{2,}", "_", ident) or fallback
    if ident[0].isdigit():
        ident = "_" + ident
    ident = ident[:60]
    if ident.lower() in RESERVED:
        ident += "_"
    return unreserved(ident)  # `constructor` → `constructor_` (designer.model.names)


def wire_of(name: str, original: str) -> str:
    """The ``wire_name`` of a field called ``name`` after the back end's ``original`` name:
    ``""`` when they are the same, else the original (so exports read and send the real key)."""
    return "" if name == original else str(original)[:256]


def pascal_case(text: str, fallback: str = "Item") -> str:
    """``order-line item`` → ``OrderLineItem`` (an identifier)."""
    words = re.split(r"[^A-Za-z0-9]+", fold_ascii(str(text)))
    joined = "".join(w[:1].upper() + w[1:] for w in words if w)
    return to_identifier(joined or fallback, fallback)


def snake_case(text: str, fallback: str = "source") -> str:
    """``Swagger Petstore v2`` → ``swagger_petstore_v2`` (an identifier)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", fold_ascii(str(text)))
    return to_identifier(spaced.lower(), fallback)


def humanize(name: str) -> str:
    """A label from a name: ``credit_limit`` / ``creditLimit`` → ``Credit limit``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(name))
    spaced = re.sub(r"[_\-.]+", " ", spaced).strip()
    if not spaced:
        return str(name)
    words = spaced.split()
    out = [words[0][:1].upper() + words[0][1:]]
    out += [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]]
    return " ".join(out)[:MAX_LABEL]


def singular(word: str) -> str:
    """A naive English singular (``customers`` → ``customer``, ``categories`` → ``category``)."""
    lower = word.lower()
    if len(word) <= 3 or lower.endswith(("ss", "us", "is")):
        return word
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    return word


class NameMap:
    """Unique model names for original identifiers, assigned once and stable afterwards.

    Collisions (after sanitizing, case-insensitive so exports to case-insensitive file systems
    stay distinct) get ``_2``, ``_3``… in first-come order.
    """

    def __init__(self, taken: Iterable[str] = (), fallback: str = "field") -> None:
        self._by_original: dict[str, str] = {}
        self._taken_lower = {t.lower() for t in taken}
        self.fallback = fallback

    def __call__(self, original: str, proposed: str | None = None) -> str:
        if original in self._by_original:
            return self._by_original[original]
        base = proposed if proposed is not None else to_identifier(original, self.fallback)
        name, n = base, 2
        while name.lower() in self._taken_lower:
            suffix = f"_{n}"
            name = base[: 64 - len(suffix)] + suffix
            n += 1
        self._taken_lower.add(name.lower())
        self._by_original[original] = name
        return name

    def get(self, original: str) -> str | None:
        """The name given to ``original`` (None if never assigned)."""
        return self._by_original.get(original)


def clean_label(text: Any) -> str:
    """A single-line label from contract text, bounded in length, never a secret."""
    if not isinstance(text, str):
        return ""
    line = " ".join(text.split())[:MAX_LABEL]
    return "" if find_secret(line) else line


_PII_WORDS = re.compile(
    r"(?i)(e_?mail|phone|mobile|fax|first_?name|last_?name|full_?name|surname|given_?name|"
    r"birth|address|street|zip|postal|ssn|social_?security|passport|iban|tax_?id|vat_?id|"
    r"national_?id|contact_?name|ip_?address|signature|gender)")


def looks_pii(name: str) -> bool:
    """True if a field name suggests personal data (e-mail, phone, names, addresses, ids)."""
    return bool(_PII_WORDS.search(name))


def format_from_name(name: str) -> str:
    """A DataField format suggested by the field name alone (``""`` if none)."""
    lower = name.lower()
    if re.search(r"e_?mail", lower):
        return "email"
    if re.search(r"(phone|mobile|^tel|_tel|fax)", lower):
        return "phone"
    if re.search(r"(^url|_url$|website|homepage|^link$|href)", lower):
        return "uri"
    return ""


def looks_image(name: str) -> bool:
    """True if a field name suggests a picture."""
    return bool(re.search(r"(?i)(image|photo|picture|avatar|thumbnail|logo|icon_?url|img)", name))
