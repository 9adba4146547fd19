"""SARIF 2.1.0 output for lint findings (accepted by GitHub code scanning)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from designer.model.problems import Problem

from .rules import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS_URI = "https://fieldcraft.dev/docs/lint-rules"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub ranks security alerts by this score (0-10) per rule severity.
_SECURITY_SCORE = {"error": "8.0", "warning": "5.0", "info": "2.0"}


def artifact_uri(file: str, root: str | None = None) -> str:
    """The file as a URI relative to ``root`` (default: the current folder) when inside it."""
    path = Path(file)
    base = Path(root or os.getcwd()).resolve()
    try:
        rel = path.resolve().relative_to(base)
        return quote(rel.as_posix())
    except ValueError:
        return path.resolve().as_uri() if path.is_absolute() or path.exists() else quote(file)


def _rule_json(rule: Rule) -> dict[str, Any]:
    props: dict[str, Any] = {"tags": [rule.category, "fieldcraft"], "precision": "high"}
    if rule.category in ("security", "privacy"):
        if "security" not in props["tags"]:
            props["tags"].append("security")
        props["security-severity"] = _SECURITY_SCORE[rule.severity]
    return {
        "id": rule.id,
        "name": "".join(part.title() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": f"{rule.rationale}\n\nFix: {rule.fix}",
                 "markdown": f"{rule.rationale}\n\n**Fix:** {rule.fix}"},
        "helpUri": f"{DOCS_URI}#{rule.id.lower()}",
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": props,
    }


def to_sarif(by_file: list[tuple[str, list[Problem]]], rules: list[Rule], version: str,
             root: str | None = None) -> dict[str, Any]:
    """A SARIF log with one run: the tool's rules, the linted files, one result per finding."""
    index = {r.id: i for i, r in enumerate(rules)}
    uris = [artifact_uri(file, root) for file, _ in by_file]
    results = []
    for (file_index, (_file, findings)), uri in zip(enumerate(by_file), uris):
        results.extend(_results(findings, uri, file_index, index))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "fieldcraft", "semanticVersion": version,
                                "informationUri": DOCS_URI,
                                "rules": [_rule_json(r) for r in rules]}},
            "artifacts": [{"location": {"uri": uri}, "mimeType": "application/json"}
                          for uri in uris],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _results(findings: list[Problem], uri: str, file_index: int, index: dict[str, int]
             ) -> list[dict[str, Any]]:
    results = []
    for p in findings:
        message = p.message + (f" (did you mean `{p.suggestion}`?)" if p.suggestion else "")
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": uri, "index": file_index},
                                 "region": {"startLine": p.line or 1}},
        }
        if p.path:
            location["logicalLocations"] = [{"fullyQualifiedName": p.path_text, "kind": "member"}]
        fingerprint = hashlib.sha256(f"{p.code}|{p.path_text}|{p.message}".encode()).hexdigest()
        results.append({
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": _LEVEL.get(p.severity, "warning"),
            "message": {"text": (f"{p.path_text}: " if p.path else "") + message},
            "locations": [location],
            "partialFingerprints": {"fieldcraftFinding/v1": fingerprint[:32]},
        })
    return results


def format_sarif(by_file: list[tuple[str, list[Problem]]], rules: list[Rule], version: str) -> str:
    """``to_sarif`` as indented JSON text."""
    return json.dumps(to_sarif(by_file, rules, version), indent=2, ensure_ascii=False) + "\n"
