"""Approvals: who approved which content of a model file, kept in a sidecar file next to it.

The content hash is the SHA-256 of the model's canonical bytes, so re-formatting the file does not
invalidate an approval but any change of content does. ``check_approval`` is what
``fieldcraft export --require-approval`` calls.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson

from designer.model import App, dumps, load
from designer.model.fileio import write_atomic
from designer.model.input_file import not_regular

SIDECAR_SUFFIX = ".approval.json"
_NAME = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
_HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


class ApprovalError(Exception):
    """The model has no approval for its current content (the message says who approved what)."""


@dataclass(frozen=True)
class Approval:
    """One recorded approval."""

    hash: str
    by: str
    at: str

    def to_json(self) -> dict[str, str]:
        return {"hash": self.hash, "by": self.by, "at": self.at}


def content_hash(app: App) -> str:
    """``sha256:<hex>`` of the canonical model bytes."""
    return "sha256:" + hashlib.sha256(dumps(app)).hexdigest()


def sidecar_path(model_path: str | os.PathLike[str]) -> Path:
    """``app.fieldcraft.json`` → ``app.fieldcraft.approval.json`` (never matches ``*.fieldcraft.json``)."""
    path = Path(model_path)
    stem = path.name[:-5] if path.name.endswith(".json") else path.name
    return path.with_name(stem + SIDECAR_SUFFIX)


def read_approvals(model_path: str | os.PathLike[str]) -> list[Approval]:
    """Approvals recorded for the model, oldest first ([] if there is no sidecar)."""
    side = sidecar_path(model_path)
    if not side.exists():
        return []
    why = not_regular(side)
    if why:
        raise ApprovalError(f"{side}: cannot read the approval record: {why}")
    try:
        data = orjson.loads(side.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise ApprovalError(f"{side}: cannot read the approval record ({exc})") from None
    items = data.get("approvals") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ApprovalError(f"{side}: not an approval record (expected an object with an "
                            "`approvals` list)")
    out: list[Approval] = []
    for i, item in enumerate(items):
        entry = item if isinstance(item, dict) else {}
        for key, pattern in (("hash", _HASH), ("by", _NAME), ("at", _STAMP)):
            value = entry.get(key)
            if not isinstance(value, str) or not pattern.match(value):
                what = "missing" if value is None else f"invalid ({value!r:.80})"
                raise ApprovalError(f"{side}: approvals[{i}].{key}: {what}; the record was "
                                    "edited by hand or is damaged (restore it from git)")
        out.append(Approval(entry["hash"], entry["by"], entry["at"]))
    return out


def approve(model_path: str | os.PathLike[str], by: str, now: datetime | None = None) -> Approval:
    """Record that ``by`` approved the model's current content; return the approval."""
    by = by.strip()
    if not _NAME.match(by):
        raise ApprovalError("the approver's name must be 1-200 printable characters")
    app = load(model_path)
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    approval = Approval(content_hash(app), by, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    history = read_approvals(model_path)
    data: dict[str, Any] = {
        "model": Path(model_path).name,
        "approvals": [a.to_json() for a in (*history, approval)],
    }
    write_atomic(sidecar_path(model_path), orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n",
                 backup=False)
    return approval


def check_approval(model_path: str | os.PathLike[str]) -> Approval:
    """Return the approval covering the model's current content; raise ApprovalError if none.

    The error names the current hash and who approved which hash last, so the reader knows
    whom to ask.
    """
    app = load(model_path)
    current = content_hash(app)
    history = read_approvals(model_path)
    for approval in reversed(history):
        if approval.hash == current:
            return approval
    if not history:
        raise ApprovalError(f"{model_path}: no approval recorded (expected "
                            f"{sidecar_path(model_path).name}); run `fieldcraft approve "
                            f"{model_path} --by NAME` after review")
    last = history[-1]
    raise ApprovalError(f"{model_path}: the content changed since it was approved: {last.by} "
                        f"approved {last.hash} on {last.at}, the model is now "
                        f"{current}; review it again and run `fieldcraft approve`")
