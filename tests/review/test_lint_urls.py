"""URL checks read addresses the way the apps build them (base URL + path) and the way a
browser parses them (WHATWG): the allow-list and HTTPS tricks of issue 18 are all caught."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from designer.model.urls import BASE_URL_RE, base_url_problem, join, path_problem, resolve
from designer.model.validate import validate_app
from designer.review.lint import lint
from designer.review.policy import Policy
from designer.review.dataflow import endpoint_of

from .helpers import add_widget, build

ALLOWED = Policy(allowed_hosts=("api.example-crm.com", "api.example.com"))  # base_app: .com
Edit = Callable[[dict[str, Any]], Any]


def _source(d: dict[str, Any]) -> dict[str, Any]:
    return d["data_sources"][0]


def _base(url: str) -> Edit:
    return lambda d: _source(d).update(base_url=url)


def _path(path: str, base: str = "https://api.example-crm.com") -> Edit:
    def edit(d: dict[str, Any]) -> None:
        _source(d)["base_url"] = base
        _source(d)["entities"][0]["operations"][0]["path"] = path
    return edit


def _link(url: str) -> Edit:
    return lambda d: add_widget(d, {"kind": "web_link", "id": "w_l", "name": "site", "url": url})


def _image_binding(expr: str) -> Edit:
    return lambda d: add_widget(d, {"kind": "image", "id": "w_i", "name": "photo",
                                    "a11y_label": "Photo", "bindings": {"src": expr}})


def _open_url(expr: str) -> Edit:
    return lambda d: add_widget(d, {"kind": "button", "id": "w_b", "name": "go", "text": "Go",
                                    "actions": {"tap": [{"type": "open_url", "url": expr}]}})


def _findings(edit: Edit, policy: Policy = ALLOWED) -> list[tuple[str, str, str]]:
    return [(p.code, p.path_text, p.message) for p in lint(build(edit), policy)
            if p.code in ("FC107", "FC302", "FC303")]


TRICKS = {  # edit, the host the browser would really reach
    "scheme-relative base": (_base("//evil.example/v1"), "evil.example"),
    "backslash before @": (_base("https://evil.example\\@api.example-crm.com/v1"), "evil.example"),
    "path continues the host": (_path(".evil.example/customers"), "api.example-crm.com.evil.example"),
    "user info": (_base("https://api.example-crm.com@evil.example/v1"), "evil.example"),
    "slash-backslash base": (_base("/\\evil.example/v1"), "evil.example"),
    "scheme-relative link": (_link("//evil.example/x"), "evil.example"),
    "scheme-relative image binding": (_image_binding('"//evil.example/p.png"'), "evil.example"),
    "scheme-relative open_url": (_open_url('"//evil.example/" + "x"'), "evil.example"),
}


@pytest.mark.parametrize("name", sorted(TRICKS))
def test_each_trick_names_the_host_the_browser_reaches(name: str) -> None:
    edit, host = TRICKS[name]
    found = _findings(edit)
    assert any(code == "FC303" and f"`{host}`" in msg for code, _p, msg in found), found


@pytest.mark.parametrize("url,scheme", [("javascript:alert(1)", "javascript"),
                                        ("file:///etc/passwd", "file")])
def test_non_web_base_urls_are_findings(url: str, scheme: str) -> None:
    found = _findings(_base(url), Policy())
    assert ("FC302", "data_sources[0].base_url",
            f"data source `crm` uses `{scheme}:` ({url}), not an https:// address") in found
    assert any(code == "FC107" and path == "data_sources[0].base_url" for code, path, _m in found)


def test_scheme_relative_link_is_insecure_even_without_policy() -> None:
    found = _findings(_link("//evil.example/x"), Policy())
    assert [c for c, _p, _m in found] == ["FC302"]
    assert "scheme-relative" in found[0][2]


def test_findings_are_located_once_per_cause() -> None:
    found = _findings(_base("//evil.example/v1"))
    assert {path for _c, path, _m in found} == {"data_sources[0].base_url"}
    found = _findings(_path(".evil.example/customers"))
    assert {path for _c, path, _m in found} == {"data_sources[0].entities[0].operations[0].path"}


def test_validate_refuses_bad_paths_and_base_urls_located() -> None:
    problems = validate_app(build(_path(".evil.example/customers")))
    assert [(p.code, p.path_text) for p in problems] == [
        ("url.path", "data_sources[0].entities[0].operations[0].path")]
    for url in ("//evil.example/v1", "https://evil.example\\@api.example-crm.com/v1",
                "javascript:alert(1)", "file:///etc/passwd", "https://u@api.example-crm.com",
                "https://api.example-crm.com/v1?key=1", "api.example-crm.com/v1",
                " https://api.example-crm.com"):
        problems = validate_app(build(_base(url)))
        assert [(p.code, p.path_text) for p in problems] == [
            ("url.base", "data_sources[0].base_url")], url


def test_good_addresses_stay_clean() -> None:
    for edit in (_base("https://api.example-crm.com/v1/"), _path("/customers"),
                 _link("https://api.example-crm.com/help"), _link("mailto:sales@example.com"),
                 _image_binding('"https://api.example-crm.com/img/" + "a.png"'),
                 _image_binding('"assets/logo.png"')):
        assert _findings(edit) == []
        assert validate_app(build(edit)) == []


def test_one_join_rule() -> None:
    assert join("https://h.example/v1//", "/c/{id}") == "https://h.example/v1/c/{id}"
    assert join("https://h.example/v1", "") == "https://h.example/v1"
    app = build(_base("https://api.example-crm.com/v1/"))
    source = app.data_sources[0]
    assert endpoint_of(source, source.entities[0], "get") == \
        "GET https://api.example-crm.com/v1/customers/{id}"


def test_base_url_pattern_agrees_with_the_browser() -> None:
    """Whatever the pattern accepts, a WHATWG parser reads with the host the pattern saw."""
    for url in ("https://api.example-crm.com", "http://127.0.0.1:8080/api", "https://[::1]/x",
                "https://xn--bcher-kva.example/a/b"):
        assert BASE_URL_RE.match(url) and base_url_problem(url) is None
        host = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[0] if "[" not in url \
            else "[::1]"
        assert resolve(url + "/x").host == host
    assert path_problem("customers") is not None and path_problem("/customers") is None


def test_every_runtime_refuses_with_the_same_pattern() -> None:
    """PWA, React Native and Flutter check base URLs at request time with the validator's
    pattern (JS regex literals escape `/`)."""
    from designer.model.urls import BASE_URL_PATTERN
    from tests.conftest import ROOT

    for rel in ("exporters/pwa/templates/app/http.js",
                "exporters/react_native/templates/src/data/core.ts",
                "exporters/flutter/templates/lib/data/core.dart"):
        text = (ROOT / rel).read_text("utf-8").replace("\\/", "/")
        assert BASE_URL_PATTERN in text, rel
