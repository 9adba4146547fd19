"""React Native: fields marked pii are encrypted before the data layer writes its cache or outbox.

The generated ``src/data`` modules are bundled with esbuild and run in node against in-memory
stand-ins for AsyncStorage, expo-secure-store and expo-crypto (``node_shims/``); @noble/ciphers
is the real package from the test toolchain. The test reads what landed in device storage.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .helpers import example, export
from .toolchain import Toolchain, link_modules

SHIMS = Path(__file__).parent / "node_shims"
CUSTOMER = {"id": "C-1", "name": "Acme Ltd", "contact_name": "Jane Roe",
            "phone": "+44 20 7946 0958", "email": "jane.roe@acme.example", "city": "Leeds"}
NEW_PHONE = "+44 7700 900123"
PII_VALUES = ("Jane Roe", "+44 20 7946 0958", "jane.roe@acme.example", NEW_PHONE,
              "7946 0958", "jane.roe")

ENTRY = """\
import { flush } from "./src/data/core";
import { crm } from "./src/data/crm";
import { items as stored } from "@shims/async-storage";
import { items as keystore, state } from "@shims/secure-store";

const server = [%(customer)s];
let online = true;
(globalThis as { fetch: unknown }).fetch = async () => {
  if (!online) throw new TypeError("network down");
  return new Response(JSON.stringify(server), { status: 200, headers: { "Content-Type": "application/json" } });
};

async function main(): Promise<void> {
  state.available = process.argv[2] !== "no-keystore";
  const fetched = await crm.list("Customer");
  online = false;
  await crm.write("Customer", "update", { ...fetched[0], phone: %(phone)s }, fetched[0]);
  await flush(true);
  const readBack = await crm.list("Customer");
  process.stdout.write(JSON.stringify({
    storage: Object.fromEntries(stored), keystore: Object.fromEntries(keystore), readBack,
  }));
}
main().catch((e: unknown) => { console.error(e); process.exit(1); });
"""


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory, rn_toolchain: Toolchain) -> Path:
    project = tmp_path_factory.mktemp("rn") / "app"
    export("react-native", example(), project)
    link_modules(project, rn_toolchain)
    entry = project / "pii-check.ts"
    entry.write_text(ENTRY % {"customer": json.dumps(CUSTOMER), "phone": json.dumps(NEW_PHONE)})
    out = project / "pii-check.cjs"
    built = subprocess.run(
        [str(rn_toolchain.esbuild), str(entry), "--bundle", "--platform=node", "--format=cjs",
         f"--outfile={out}", "--log-level=error",
         f"--alias:@react-native-async-storage/async-storage={SHIMS / 'async-storage.ts'}",
         f"--alias:expo-secure-store={SHIMS / 'secure-store.ts'}",
         f"--alias:expo-crypto={SHIMS / 'expo-crypto.ts'}",
         f"--alias:expo-constants={SHIMS / 'expo-constants.ts'}",
         f"--alias:react-native={SHIMS / 'react-native.ts'}",
         f"--alias:@shims={SHIMS}"],
        cwd=project, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    return out


def _run(bundle: Path, *args: str) -> dict[str, Any]:
    # the base URL is a run-time setting (EXPO_PUBLIC_<SOURCE>_BASE_URL), as in a real build
    env = {**os.environ, "EXPO_PUBLIC_CRM_BASE_URL": "https://crm.example.test/api"}
    ran = subprocess.run(["node", str(bundle), *args], capture_output=True, text=True,
                         timeout=60, encoding="utf-8", env=env)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def test_pii_is_encrypted_in_cache_and_outbox(bundled: Path) -> None:
    result = _run(bundled)
    storage = result["storage"]
    cache = json.loads(storage["fc/app_field_sales/crm/rows/Customer"])
    outbox = json.loads(storage["fc/app_field_sales/crm/outbox"])
    dumped = json.dumps(storage, ensure_ascii=False)
    for value in PII_VALUES:
        assert value not in dumped, f"{value!r} stored in plain text"
    # pii fields are sealed boxes; the other fields stay readable (keys, names for the cache)
    row = cache["rows"][0]
    assert row["name"] == "Acme Ltd" and row["city"] == "Leeds"
    for name in ("contact_name", "phone", "email"):
        assert set(row[name]) == {"$enc"} and len(row[name]["$enc"]) > 20
    assert len(outbox) == 1 and outbox[0]["status"] == "pending"
    for rec in (outbox[0]["record"], outbox[0]["base"]):
        assert rec["id"] == "C-1" and set(rec["phone"]) == {"$enc"}
    assert outbox[0]["record"]["phone"] != outbox[0]["base"]["phone"]
    assert cache["rows"][0]["phone"] != outbox[0]["base"]["phone"]   # a fresh IV every time
    # one 256-bit key per install, kept in the keystore, not in AsyncStorage
    (key_name, key), = result["keystore"].items()
    assert key_name == "fc.pii.app_field_sales" and len(key) == 44
    assert key not in dumped
    # the app reads its own data back in clear text (offline: cache + outbox overlay)
    back = result["readBack"][0]
    assert back["phone"] == NEW_PHONE and back["contact_name"] == "Jane Roe"
    assert back["email"] == "jane.roe@acme.example"


def test_without_a_keystore_pii_is_not_stored(bundled: Path) -> None:
    result = _run(bundled, "no-keystore")
    dumped = json.dumps(result["storage"], ensure_ascii=False)
    for value in PII_VALUES:
        assert value not in dumped
    row = json.loads(result["storage"]["fc/app_field_sales/crm/rows/Customer"])["rows"][0]
    assert "phone" not in row and row["name"] == "Acme Ltd"
    assert result["keystore"] == {}
