"""Sign-in of the exported PWA against a real OpenID Connect provider (``oidc-provider``) on
127.0.0.1, in chromium: Authorization Code + PKCE, per-user rows (the back end checks each JWT
against the provider's JWKS and filters by subject), silent refresh, a revoked refresh token,
and sign-out that leaves nothing of the user on the device."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from designer.model import load
from designer.model.signin import SignIn
from widgets.leaves import Label
from exporters import ExportOptions, get
from tests.browser_gate import ConsoleGate
from tests.conftest import EXAMPLE

from .backend import Server, point_config_at
from .conftest import PIXEL
from .oidc import JwtCheck, Provider

pytestmark = pytest.mark.browser

AUDIENCE = "https://api.fieldcraft.test"
CLIENT = "fieldcraft-field-sales"
TTL = 6  # seconds an access token lasts: the app refreshes it silently before that
USERS = {"alice": {"password": "alice-pw", "name": "Alice Field", "email": "alice@example.test"},
         "bob": {"password": "bob-pw", "name": "Bob Road", "email": "bob@example.test"}}
ALICE = ["Alpine Outdoor GmbH", "Bäckerei Sonnenschein", "Café Riviera"]
BOB = ["Delta Hardware Ltd", "Épicerie du Port", "Fjord Fisk AS"]

DUMP = """async () => {
  const out = {};
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((ok, no) => { const r = indexedDB.open(info.name);
      r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
    const stores = {};
    for (const name of db.objectStoreNames) {
      stores[name] = await new Promise((ok) => { const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result.map((v) => v instanceof CryptoKey ? "CryptoKey" : v)); });
    }
    db.close();
    out[info.name] = stores;
  }
  return { idb: out, local: { ...localStorage }, session: { ...sessionStorage } };
}"""


class Rig:
    """The export (sign_in oidc, every source of auth scheme `user`) served with the mock back
    end, the provider, and a chromium context."""

    def __init__(self, browser: Any, out: Path) -> None:
        app = load(EXAMPLE)
        out.mkdir(parents=True)
        self.server = Server(app, out).__enter__()
        self.provider = Provider(client_id=CLIENT, redirect_uri=self.server.url, audience=AUDIENCE,
                                 access_ttl=TTL, users=USERS)
        app.sign_in = SignIn(method="oidc", issuer=self.provider.issuer, client_id=CLIENT,
                             scopes=["openid", "profile", "email", "api"], audience=AUDIENCE)
        for source in app.data_sources:
            source.auth.scheme = "user"
        start = next(sc for sc in app.screens if sc.name == "customers")
        start.root.children.insert(0, Label(  # type: ignore[attr-defined]
            kind="label", id="w_whoami", name="whoAmI", text="",
            bindings={"text": '"Signed in as " + user.name + " (" + user.id + ")"'}))
        get("pwa").export(app, out, ExportOptions(assets_dir=out.parent / "assets"))
        point_config_at(out, self.server.url + "api")
        self.backend = self.server.backend
        self.check = JwtCheck(self.provider.issuer, AUDIENCE)
        self.backend.authorize = self.check
        owner = {"C-1001": "alice", "C-1002": "alice", "C-1003": "alice",
                 "C-1004": "bob", "C-1005": "bob", "C-1006": "bob"}
        self.backend.owners = {
            "Customer": owner, "Product": {r["sku"]: "*" for r in self.backend.rows["Product"]},
            "Order": {r["id"]: owner[r["customer_id"]] for r in self.backend.rows["Order"]},
            "Visit": {r["id"]: owner[r["customer_id"]] for r in self.backend.rows["Visit"]}}
        self.context = browser.new_context(**PIXEL)
        self.gate = ConsoleGate()
        self.page = self.gate.watch(self.context.new_page())

    def sign_in(self, user: str, screen: str | None = "customers", login: bool = True) -> None:
        """From the app's sign-in screen through the provider's login form (unless the
        provider's session still stands) back to the app."""
        page = self.page
        page.wait_for_selector("#fc-signin")
        page.get_by_role("button", name="Sign in").click()
        if login:
            page.wait_for_url(self.provider.issuer + "/**")
            page.fill("input[name=login]", user)
            page.fill("input[name=password]", USERS[user]["password"])
            page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(self.server.url + "**")
        self.ready(screen)

    def ready(self, screen: str | None) -> None:
        where = f"[data-screen='{screen}']" if screen else ""
        self.page.wait_for_selector(f"main{where} .fc-screen-body[data-ready]", timeout=15000)

    def names(self) -> list[str]:
        self.page.wait_for_selector("[data-fc='customerName']")
        return sorted(self.page.locator("[data-fc='customerName']").all_inner_texts())

    def storage(self) -> dict[str, Any]:
        return self.page.evaluate(DUMP)

    def close(self) -> None:
        self.context.close()
        self.provider.close()
        self.server.__exit__(None, None, None)


@pytest.fixture
def rig(browser: Any, tmp_path: Path) -> Iterator[Rig]:
    r = Rig(browser, tmp_path / "app")
    try:
        yield r
        r.gate.check()
    finally:
        r.close()


def api(rig: Rig) -> list[dict[str, Any]]:
    return [r for r in rig.backend.requests if r["path"].startswith("/api")]


def test_sign_in_with_pkce_shows_only_the_users_rows_and_refreshes_silently(rig: Rig) -> None:
    page = rig.page
    page.goto(rig.server.url)
    page.wait_for_selector("#fc-signin")
    assert api(rig) == []  # nothing is asked of the API before sign-in
    page.screenshot(path=str(Path(rig.server.backend.root).parent / "signin.png"))

    rig.sign_in("alice")
    assert rig.names() == sorted(ALICE)
    expect(page.locator("[data-fc='whoAmI']")).to_have_text(
        f"Signed in as {USERS['alice']['name']} (alice)")  # user.* from the ID token
    calls = api(rig)
    assert calls and all(r["subject"] == "alice" for r in calls)
    assert {c["sub"] for c in rig.check.seen} == {"alice"}
    assert rig.provider.grants() == ["authorization_code"]

    # PKCE: the provider refuses a client without it, so the code exchange above used S256;
    # the app's address no longer holds the code, and no token is kept in clear
    assert "code=" not in page.url and "state=" not in page.url
    kept = rig.storage()
    text = json.dumps(kept)
    tokens = {r["auth"].split(" ", 1)[1] for r in calls}
    assert not any(t in text for t in tokens)
    assert kept["session"] == {} and set(kept["local"]) <= {"fc-app_field_sales-user", "fc-app_field_sales-sync"}
    [db] = [name for name in kept["idb"]]
    [session] = [v for v in kept["idb"][db]["keys"] if isinstance(v, dict)]
    assert set(session["refresh"]) == {"$enc"}  # sealed with the device key

    # the access token expires after TTL seconds: the app refreshed it before, and requests go on
    first = {c["jti"] for c in rig.check.seen}
    page.wait_for_timeout((TTL + 2) * 1000)
    assert "refresh_token" in rig.provider.grants()
    page.reload()  # memory is gone: the sealed refresh token signs the user back in
    rig.ready("customers")
    assert rig.names() == sorted(ALICE)
    assert {c["jti"] for c in rig.check.seen} - first  # newer tokens were accepted
    assert rig.check.refused == []  # no request went with an expired or forged token

    # the API refuses a token it accepted before: one refresh, the request again, no sign-in
    refreshes = rig.provider.grants().count("refresh_token")
    rig.check.refuse_next = 1
    with rig.gate.expect_network_errors(rig.server.url, codes=("HTTP 401",)):
        page.get_by_role("button", name="Café Riviera").click()
        rig.ready("customerDetail")
    assert page.locator("[data-fc='detailName']").inner_text() == "Café Riviera"
    assert rig.provider.grants().count("refresh_token") == refreshes + 1
    calls = api(rig)
    [refused] = [i for i, r in enumerate(calls) if r["status"] == 401]
    again = next(r for r in calls[refused + 1:] if r["path"] == calls[refused]["path"])
    assert again["status"] == 200 and again["auth"] != calls[refused]["auth"]
    assert page.locator("#fc-signin").count() == 0


def order(rig: Rig) -> None:
    """A new order for the user's first customer (its delivery waits: the API answers 503)."""
    page = rig.page
    page.get_by_role("button", name="Alpine Outdoor GmbH").click()
    rig.ready("customerDetail")
    page.locator("[data-fc='newOrderButton']").click()
    rig.ready("orderEntry")
    page.get_by_role("button", name="Espresso Beans 1kg").click()
    page.get_by_label("Quantity").fill("3")
    page.locator("[data-fc='addLine']").click()
    page.wait_for_selector("[data-fc='lineName']:has-text('3 × Espresso Beans 1kg')")
    page.locator("[data-fc='submitOrder']").click()
    page.wait_for_selector("#fc-sync:has-text('1 pending')", timeout=20000)


def outbox(kept: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for db in kept["idb"].values() for e in db.get("outbox", [])]


def test_revoked_session_keeps_the_outbox_and_sign_out_leaves_nothing_for_the_next_user(
        rig: Rig) -> None:
    page = rig.page
    page.goto(rig.server.url)
    rig.sign_in("alice")
    assert rig.names() == sorted(ALICE)
    expect(page.locator("[data-fc='whoAmI']")).to_have_text(
        f"Signed in as {USERS['alice']['name']} (alice)")  # user.* from the ID token
    rig.backend.fail_writes = 10_000
    with rig.gate.expect_network_errors(rig.server.url, codes=("HTTP 503",)):
        order(rig)
        # an administrator ends Alice's sessions: the silent refresh is refused
        assert rig.provider.revoke("alice") >= 1
        with rig.gate.expect_network_errors(rig.provider.issuer, codes=("HTTP 400",)):
            page.wait_for_selector("#fc-signin .fc-signin-notice", timeout=(TTL + 5) * 1000)
    assert "changes not sent yet are kept" in page.locator(".fc-signin-notice").inner_text()
    kept = rig.storage()
    [entry] = outbox(kept)
    assert entry["op"] == "create" and entry["status"] == "pending"
    assert all(not isinstance(v, dict) for db in kept["idb"].values() for v in db["keys"])
    assert rig.backend.find("Order", "N-1") is None

    # signed in again (the provider's own session still stands): the outbox goes out with
    # the new token
    rig.backend.fail_writes = 0
    rig.sign_in("alice", screen=None, login=False)
    page.wait_for_selector("#fc-sync[data-state='synced']", timeout=20000)
    [post] = [r for r in api(rig) if r["method"] == "POST" and r["status"] == 201]
    assert post["path"] == "/api/orders" and post["subject"] == "alice"
    assert post["body"]["customer_id"] == "C-1001"
    assert outbox(rig.storage()) == []

    # sign-out with a change not sent: the warning, discard (confirmed), nothing of Alice left
    page.goto(rig.server.url + "#/customers")
    rig.ready("customers")
    rig.backend.fail_writes = 10_000
    with rig.gate.expect_network_errors(rig.server.url, codes=("HTTP 503",)):
        order(rig)
        page.locator("#fc-sign-out").click()
        warning = page.get_by_role("dialog", name="Changes not sent yet")
        assert "1 change(s) on this device have not been sent" in warning.inner_text()
        for choice in ("Send now", "Keep for this user", "Discard", "Cancel"):
            assert warning.get_by_role("button", name=choice).is_visible()
        page.screenshot(path=str(Path(rig.backend.root).parent / "signout.png"))
        warning.get_by_role("button", name="Discard").click()
        page.get_by_role("dialog").get_by_role("button", name="OK").click()
        page.wait_for_selector("#fc-signin")
    kept = rig.storage()
    assert kept["idb"] == {} and kept["local"] == {}
    assert "Alpine" not in json.dumps(kept) and "alice" not in json.dumps(kept).lower()

    # Bob signs in on the same device: the provider asks who it is, and he sees his rows only
    rig.backend.fail_writes = 0
    rig.sign_in("bob")
    assert rig.names() == sorted(BOB)
    assert all(r["subject"] == "bob" for r in api(rig)[-3:])
    page.wait_for_selector("#fc-sync[data-state='synced']", timeout=20000)
    text = json.dumps(rig.storage())
    assert not any(name in text for name in ALICE) and "O-5001" not in text
