"""``--lan`` needs the random token in every URL; ``--tls`` serves HTTPS or refuses clearly."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .conftest import ROOT, model_file, request

PATHS = ["", "index.html", "config.json", "sw.js", "app/main.js", "api/crm/customers",
         "api/crm/customers/C-1001", "__fieldcraft/state", "__fieldcraft/events",
         "__fieldcraft/reload.js"]


def test_lan_without_the_token_every_path_is_404(serve: Any) -> None:
    s = serve("--lan")
    parts = urlsplit(s.url)
    token = parts.path.strip("/")
    assert len(token) >= 20 and "/" not in token
    assert any(line.startswith("on this network: ") and token in line for line in s.lines)
    origin = f"http://127.0.0.1:{parts.port}/"  # bound to 0.0.0.0: reachable on loopback too
    for rel in PATHS:
        assert request(origin + rel)[0] == 404, rel
        assert request(origin + "x" + token + "/" + rel)[0] == 404, rel
        assert request(origin + token[:-1] + "/" + rel)[0] == 404, rel
    for method in ("POST", "PATCH", "DELETE"):
        assert request(origin + "api/crm/orders", method=method, body={})[0] == 404
    assert request(origin + "__fieldcraft/switches", method="POST", body={"offline": True})[0] == 404
    assert s.get("api/crm/customers")[0] == 200  # with the token it works
    for rel in [r for r in PATHS if r != "__fieldcraft/events"]:
        assert s.get(rel)[0] == 200, rel
    assert s.state()["switches"]["offline"] is False


def test_default_binds_to_localhost_only(serve: Any) -> None:
    s = serve()
    assert urlsplit(s.url).hostname == "127.0.0.1" and urlsplit(s.url).path == "/"
    port = urlsplit(s.url).port
    rows = [ln.split() for ln in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    listening = [r[1] for r in rows if r[3] == "0A" and int(r[1].split(":")[1], 16) == port]
    assert listening == [f"0100007F:{port:04X}"]  # 127.0.0.1 only, not 0.0.0.0


def test_tls_serves_https_with_a_self_signed_certificate(serve: Any) -> None:
    s = serve("--tls")
    assert s.url.startswith("https://127.0.0.1:")
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    status, config = request(s.url + "config.json", context=insecure)
    assert status == 200 and config["sources"]["crm"]["base_url"].startswith("https://")
    pem = ssl.get_server_certificate(("127.0.0.1", urlsplit(s.url).port))
    assert "BEGIN CERTIFICATE" in pem


def test_tls_without_cryptography_refuses_with_one_clear_line(tmp_path: Path) -> None:
    shim = tmp_path / "shim" / "cryptography"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('no cryptography here')\n")
    done = subprocess.run(
        [sys.executable, "-m", "designer", "serve", str(model_file(tmp_path)), "--tls", "--port", "0"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={"PYTHONPATH": f"{shim.parent}:{ROOT}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.strip() == "fieldcraft: --tls needs the `cryptography` package (pip install cryptography)"


def test_a_host_other_than_loopback_needs_the_token_too(serve: Any) -> None:
    s = serve("--host", "0.0.0.0")  # the issue's own example, without --lan
    parts = urlsplit(s.url)
    token = parts.path.strip("/")
    assert len(token) >= 20 and any(ln.startswith("on this network: ") for ln in s.lines)
    for rel in PATHS:
        assert request(f"http://127.0.0.1:{parts.port}/{rel}")[0] == 404, rel
    assert s.get("api/crm/customers")[0] == 200
    rows = [ln.split() for ln in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    assert [r[1] for r in rows if r[3] == "0A" and int(r[1].split(":")[1], 16) == parts.port] \
        == [f"00000000:{parts.port:04X}"]
    local = serve("--host", "localhost")  # loopback by name: no token needed
    assert urlsplit(local.url).path == "/"
