"""The exporter framework: registry, capabilities, escaping, identifiers, safe atomic output,
template overrides and strictness, determinism and progress."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from designer.model import App
from exporters import (Capabilities, ExportFailed, ExportOptions, UnknownTargetError, get, names,
                       register, targets)
from exporters.escaping import (css_color, css_str, html_attr, html_text, js_str, json_value,
                                md_text, safe_url)
from exporters.identifiers import DART_RESERVED, IdentifierMap, sanitize
from exporters.output import MARKER, OutputTree, UnsafePathError, check_relative
from exporters.pwa import PwaExporter

from .helpers import small_app, tree

EVIL = "</script><img src=x onerror=alert(1)>`${x}`\u2028\u202e'\"&"


# -- registry & capabilities ---------------------------------------------------------------

def test_registry_lists_and_finds_targets() -> None:
    assert "pwa" in names()
    assert any(t.name == "pwa" and t.title == "Progressive Web App" for t in targets())
    assert isinstance(get("pwa"), PwaExporter)
    with pytest.raises(UnknownTargetError, match="did you mean `pwa`"):
        get("pwx")
    with pytest.raises(ValueError, match="already registered"):
        register("pwa", PwaExporter)


def test_pwa_supports_every_catalog_widget_and_action() -> None:
    from designer.model.actions import ACTION_TYPES
    from widgets import CATALOG

    caps = PwaExporter.capabilities
    assert set(CATALOG.ids()) <= caps.widgets
    # OData actions/functions (call operations) included: the PWA runs them (issue 13)
    assert set(ACTION_TYPES) <= caps.actions


class TinyExporter(PwaExporter):
    """A target lacking some features, as a React Native/Flutter target might at first."""

    name = "tiny"
    capabilities = Capabilities(widgets=frozenset({"column", "heading"}),
                                actions=frozenset({"go_back"}))


def test_unsupported_features_fail_with_a_located_list_or_warn_when_partial(tmp_path: Path) -> None:
    app = small_app()
    with pytest.raises(ExportFailed) as info:
        TinyExporter().export(app, tmp_path / "out")
    found = {(p.path_text, p.message) for p in info.value.problems}
    assert ("screens[0].root.children[1]",
            "widget kind `label` is not supported by the tiny exporter") in found
    assert ("screens[0].root.children[2].actions.tap[0]",
            "action `navigate` is not supported by the tiny exporter") in found
    assert not (tmp_path / "out").exists()
    result = TinyExporter().export(app, tmp_path / "out", ExportOptions(allow_partial=True))
    assert {p.severity for p in result.warnings} == {"warning"}
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_body_encoding_a_target_cannot_send_is_refused_at_its_operation(tmp_path: Path) -> None:
    """A multipart create is located at its operation for a target that only sends JSON (the
    export would otherwise post JSON to an upload API), and exported by one that sends it."""
    from tests.conftest import EXAMPLE
    from tests.conformance.targets import with_multipart_visits
    from designer.model import load

    app = with_multipart_visits(load(EXAMPLE))
    with pytest.raises(ExportFailed) as info:
        get("flutter").export(app, tmp_path / "flutter")
    source = app.data_sources[0]
    ei = next(i for i, e in enumerate(source.entities) if e.name == "Visit")
    oi = next(i for i, o in enumerate(source.entities[ei].operations) if o.kind == "create")
    assert {(p.path_text, p.message) for p in info.value.problems} == {
        (f"data_sources[0].entities[{ei}].operations[{oi}].body",
         "request body encoding `multipart` is not supported by the flutter exporter")}
    get("pwa").export(app, tmp_path / "pwa")
    assert '"body":"multipart"' in (tmp_path / "pwa" / "app" / "model" / "app.js").read_text()


def test_invalid_model_is_refused(tmp_path: Path) -> None:
    data = small_app().model_dump(mode="json", by_alias=True)
    data["screens"][0]["root"]["children"][1]["bindings"]["text"] = "nosuchroot.name"
    with pytest.raises(ExportFailed) as info:
        get("pwa").export(App.model_validate(data), tmp_path / "out")
    assert "screens[0].root.children[1].bindings.text" in {p.path_text for p in info.value.problems}


# -- escaping & identifiers ----------------------------------------------------------------

def test_escaping_per_context() -> None:
    assert "</" not in js_str(EVIL) and "\u2028" not in js_str(EVIL) and "\u202e" not in js_str(EVIL)
    j = json_value({"k": EVIL})
    assert "<" not in j and ">" not in j and "&" not in j and "\u2028" not in j
    import json
    assert json.loads(j) == {"k": EVIL}
    assert "<" not in html_text(EVIL) and '"' not in html_attr(EVIL) and "'" not in html_attr(EVIL)
    assert css_str('a"b</style>') == '"a\\22 b\\3c \\2f style\\3e "'
    with pytest.raises(ValueError):
        css_color("red;}body{display:none")
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url(" JaVa\tscript:alert(1)") == "#"
    assert safe_url("//evil.example/x") == "#"
    assert safe_url("../../etc/passwd") == "#"
    assert safe_url("https://example.com/a b") == "https://example.com/a%20b"
    assert safe_url("mailto:a@b.c") == "mailto:a@b.c"
    assert md_text("# *x* <b>") == "\\# \\*x\\* \\<b\\>"


def test_identifiers_are_sanitized_once_and_reused() -> None:
    assert sanitize("class") == "class_"
    assert sanitize("3rd party") == "_3rd_party"
    assert sanitize("Straße-Ölpreis") == "Strasse_Olpreis"
    assert sanitize("日本") == "x"
    assert sanitize("switch", DART_RESERVED) == "switch_"
    ids = IdentifierMap(case_insensitive=True)
    first = ids(("screen", "a"), "home")
    assert ids(("screen", "b"), "Home") == "Home_2"
    assert ids(("screen", "c"), "home!") == "home_3"
    assert ids(("screen", "a"), "ignored") == first == "home"


# -- output safety -------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a/../../x", "a//b", "a\\b", "C:/x", "",
                                 "a/./b", "con", "x\x00y", "dir/ trailing "])
def test_unsafe_output_paths_are_refused(bad: str) -> None:
    with pytest.raises(UnsafePathError):
        check_relative(bad)


def test_case_clashing_outputs_are_refused() -> None:
    out = OutputTree()
    out.add("a/Readme.md", "x")
    with pytest.raises(UnsafePathError, match="differ beyond case"):
        out.add("a/README.md", "y")


def test_reexport_replaces_cleanly_and_failure_keeps_the_old_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    get("pwa").export(small_app(), out)
    (out / "stale.txt").write_text("left from an old export")
    get("pwa").export(small_app(), out)
    assert not (out / "stale.txt").exists()
    before = tree(out)
    overrides = tmp_path / "tpl"
    overrides.mkdir()
    (overrides / "README.md.jinja").write_text("{{ app.name }}")  # unescaped: refused
    with pytest.raises(ExportFailed, match="unescaped value"):
        get("pwa").export(small_app(), out, ExportOptions(templates=overrides))
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_output_refuses_foreign_folders_and_symlinks(tmp_path: Path) -> None:
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("precious")
    with pytest.raises(ExportFailed, match="not empty"):
        get("pwa").export(small_app(), foreign)
    assert (foreign / "thesis.txt").read_text() == "precious"
    link = tmp_path / "link"
    os.symlink(tmp_path / "elsewhere", link)
    with pytest.raises(ExportFailed, match="symbolic link"):
        get("pwa").export(small_app(), link)
    assert not (tmp_path / "elsewhere").exists()


def test_a_symlinked_marker_does_not_make_a_foreign_folder_replaceable(tmp_path: Path) -> None:
    get("pwa").export(small_app(), tmp_path / "old")
    foreign = tmp_path / "thesis"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("precious")
    os.symlink(tmp_path / "old" / MARKER, foreign / MARKER)
    with pytest.raises(ExportFailed, match="not empty"):
        get("pwa").export(small_app(), foreign)
    (foreign / MARKER).unlink()
    (foreign / MARKER).write_text("{}")  # not a marker an export wrote
    with pytest.raises(ExportFailed, match="not empty"):
        get("pwa").export(small_app(), foreign)
    assert (foreign / "thesis.txt").read_text() == "precious"


def test_symlinks_inside_a_previous_export_are_removed_not_followed(tmp_path: Path) -> None:
    out, precious = tmp_path / "out", tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("mine")
    get("pwa").export(small_app(), out)
    os.symlink(precious, out / "app2")
    os.symlink(precious, out / "app" / "model" / "screens" / "linked")
    get("pwa").export(small_app(), out)
    assert not (out / "app2").exists() and not (out / "app" / "model" / "screens" / "linked").exists()
    assert (precious / "keep.txt").read_text() == "mine" and len(list(precious.iterdir())) == 1


def test_a_symlinked_parent_of_out_is_followed_and_nothing_lands_beside_it(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "link")  # e.g. /tmp -> /private/tmp on macOS
    get("pwa").export(small_app(), tmp_path / "link" / "out")
    get("pwa").export(small_app(), tmp_path / "link" / "out")
    assert [p.name for p in real.iterdir()] == ["out"]  # no temp or old folders left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]
    assert all(p.resolve().is_relative_to((real / "out").resolve())
               for p in (real / "out").rglob("*"))


def test_assets_outside_the_assets_folder_are_refused(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.png").write_bytes(b"\x89PNG logo")
    (tmp_path / "secret.png").write_bytes(b"TOP-SECRET-BYTES")
    os.symlink(tmp_path / "secret.png", assets / "sneaky.png")
    data = small_app().model_dump(mode="json", by_alias=True)
    data["theme"] = {"logo": "logo.png"}
    data["screens"][0]["root"]["children"] += [
        {"kind": "image", "id": "w_i1", "name": "i1", "src": "sneaky.png"},
        {"kind": "image", "id": "w_i2", "name": "i2", "src": "../secret.png"}]
    out = tmp_path / "out"
    result = get("pwa").export(App.model_validate(data), out, ExportOptions(assets_dir=assets))
    files = tree(out)
    assert files["assets/logo.png"] == b"\x89PNG logo"
    assert b"TOP-SECRET-BYTES" not in b"".join(files.values())
    codes = [p.code for p in result.warnings]
    assert "asset-outside" in codes and "asset.name" in codes


# -- templates -----------------------------------------------------------------------------

def test_single_templates_can_be_overridden(tmp_path: Path) -> None:
    overrides = tmp_path / "tpl"
    overrides.mkdir()
    (overrides / "README.md.jinja").write_text("# {{ app.name | md_text }} by ACME\n")
    out = tmp_path / "out"
    get("pwa").export(small_app(name="Small <app>"), out, ExportOptions(templates=overrides))
    assert (out / "README.md").read_text() == "# Small \\<app\\> by ACME\n"
    assert (out / "index.html").is_file()
    (overrides / "READMEE.md.jinja").write_text("x")
    with pytest.raises(ExportFailed, match="no built-in template `READMEE.md.jinja`"):
        get("pwa").export(small_app(), out, ExportOptions(templates=overrides))


def test_templates_use_strict_undefined(tmp_path: Path) -> None:
    overrides = tmp_path / "tpl"
    overrides.mkdir()
    (overrides / "README.md.jinja").write_text("{{ app.nmae | md_text }}")
    with pytest.raises(ExportFailed, match="nmae"):
        get("pwa").export(small_app(), tmp_path / "out", ExportOptions(templates=overrides))


# -- determinism & progress ----------------------------------------------------------------

def test_export_is_deterministic(tmp_path: Path) -> None:
    get("pwa").export(small_app(), tmp_path / "a")
    get("pwa").export(small_app(), tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_progress_reaches_the_total_monotonically(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    get("pwa").export(small_app(), tmp_path / "out",
                      ExportOptions(progress=lambda d, t, m: seen.append((d, t))))
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] and len(seen) > 5


def test_no_secret_reaches_the_export(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE
    from designer.model import load

    out = tmp_path / "out"
    get("pwa").export(load(EXAMPLE), out)
    config = (out / "config.json").read_text()
    assert '"token": ""' in config and "crm_api_token" in config
    assert "sample" not in (out / "app" / "model" / "app.js").read_text()
    assert "julia.berger" not in "".join(p.read_text("utf-8", "ignore") for p in out.rglob("*.js"))


def _with_sign_in(sign_in: dict) -> App:
    from tests.conftest import EXAMPLE

    data = App.model_validate_json(EXAMPLE.read_text("utf-8")).model_dump(mode="json",
                                                                           by_alias=True)
    data["sign_in"] = sign_in
    return App.model_validate(data)


@pytest.mark.parametrize("target,method", [("react-native", "oidc"), ("flutter", "oidc"),
                                           ("pwa", "password")])
def test_a_sign_in_a_target_cannot_perform_is_refused_at_export_not_dropped(
        target: str, method: str, tmp_path: Path) -> None:
    """A target without the declared sign-in (issue 15) refuses the app with an error at
    ``sign_in.method``, never exports an app anyone can open."""
    from tests.model.test_signin import OIDC

    sign_in = OIDC if method == "oidc" else {"method": "password",
                                             "token_endpoint": "https://login.example.com/token"}
    with pytest.raises(ExportFailed) as failed:
        get(target).export(_with_sign_in(sign_in), tmp_path / "out")
    assert [(p.path_text, p.severity) for p in failed.value.problems
            if "sign-in method" in p.message] == [("sign_in.method", "error")]
    assert not (tmp_path / "out").exists()


def test_the_pwa_exports_oidc_sign_in_and_says_what_redirect_uri_to_register(
        tmp_path: Path) -> None:
    """The PWA signs in with OpenID Connect: the public client data reach app.js (never a
    secret), the README names the redirect URI and client to register."""
    from tests.model.test_signin import OIDC

    out = tmp_path / "out"
    get("pwa").export(_with_sign_in(OIDC), out)
    app_js = (out / "app" / "model" / "app.js").read_text("utf-8")
    assert ('"signIn":{"method":"oidc","issuer":"https://login.example.com/realms/field",'
            '"clientId":"field-sales"') in app_js
    readme = (out / "README.md").read_text("utf-8")
    assert "**redirect URI**" in readme and "`field-sales`" in readme
    assert "`https://api.example.com`" in readme  # the resource the tokens are for
    assert (out / "app" / "auth.js").is_file() and (out / "styles" / "signin.css").is_file()
    plain = get("pwa")
    none = tmp_path / "none"
    plain.export(_with_sign_in({"method": "none"}), none)
    assert '"signIn":null' in (none / "app" / "model" / "app.js").read_text("utf-8")
    assert "Sign-in (OpenID Connect)" not in (none / "README.md").read_text("utf-8")


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_a_device_policy_is_refused_at_export_not_dropped(target: str, tmp_path: Path) -> None:
    """No target locks, wipes or blocks screenshots yet (issue 15): a device policy that asks
    for one is refused at its field, never exported as an app that silently does not lock."""
    from tests.conftest import EXAMPLE

    data = App.model_validate_json(EXAMPLE.read_text("utf-8")).model_dump(mode="json",
                                                                           by_alias=True)
    data["device_policy"] = {"idle_lock_minutes": 5, "block_screenshots": True}
    with pytest.raises(ExportFailed) as failed:
        get(target).export(App.model_validate(data), tmp_path / "out")
    assert sorted((p.path_text, p.severity) for p in failed.value.problems
                  if "device protection" in p.message) == [
        ("device_policy.block_screenshots", "error"), ("device_policy.idle_lock_minutes", "error")]
    assert not (tmp_path / "out").exists()
