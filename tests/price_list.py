"""A CSV price list beside a model, made as a user makes it: ``fieldcraft new``, ``import
--csv``, ``scaffold`` (list → detail, and edit when the device may change the rows)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 450


def fieldcraft(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def price_list(folder: Path, mode: str = "cached_read") -> Path:
    """A model with a CSV price list of ``ROWS`` rows beside it, scaffolded list → detail."""
    with (folder / "prices.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["SKU", "Product name", "Price"])
        for i in range(1, ROWS + 1):
            out.writerow([f"P{i:04d}", f"Bolt <b>{i}</b>", f"${i * 1.5:,.2f}"])
    model = folder / "app.fieldcraft.json"
    fieldcraft("new", str(model))
    fieldcraft("import", str(model), "--csv", str(folder / "prices.csv"))
    if mode != "cached_read":
        data = json.loads(model.read_text("utf-8"))
        data["data_sources"][0]["offline"] = {"mode": mode}
        model.write_text(json.dumps(data), "utf-8")
    fieldcraft("scaffold", str(model), "--source", "prices", "--entity", "Price")
    data = json.loads(model.read_text("utf-8"))
    data["start_screen"] = "priceList"  # the app opens on the price list
    model.write_text(json.dumps(data), "utf-8")
    return model
