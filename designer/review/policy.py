"""IT policy files (YAML): rule severities, allowed hosts, blocked source kinds, pii handling.

A data-loss-prevention style policy, e.g.::

    # fieldcraft-policy.yaml
    allowed_hosts: [api.example-crm.com, "*.corp.example"]
    blocked_source_kinds: [sqlite]
    pii:
      offline: encrypted     # allow | encrypted | forbid
      display: masked        # allow | masked
    export_targets: [pwa, flutter]
    rules:
      FC402: error           # error | warning | info | off (by id or name)
    disable: [unused-data-source]
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping

import yaml

from designer.model.input_file import not_regular
from designer.model.problems import Severity

RuleLevel = Literal["error", "warning", "info", "off"]
PiiOffline = Literal["allow", "encrypted", "forbid"]
PiiDisplay = Literal["allow", "masked"]
SOURCE_KINDS = ("rest", "odata", "csv", "json", "sqlite", "local")
_KEYS = ("version", "rules", "disable", "allowed_hosts", "blocked_source_kinds", "pii",
         "export_targets")


class PolicyError(Exception):
    """The policy file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Policy:
    """What lint enforces beyond its defaults. ``allowed_hosts=None`` means any host."""

    levels: dict[str, RuleLevel] = field(default_factory=dict)
    allowed_hosts: tuple[str, ...] | None = None
    blocked_source_kinds: tuple[str, ...] = ()
    pii_offline: PiiOffline = "allow"
    pii_display: PiiDisplay = "allow"
    export_targets: tuple[str, ...] = ()
    file: str = ""

    def level(self, rule_id: str, default: Severity) -> RuleLevel:
        """The severity a rule's findings get (or ``off``)."""
        return self.levels.get(rule_id, default)

    def host_allowed(self, host: str) -> bool:
        """True if ``host`` matches an allowed entry (``*.example.com`` matches subdomains)."""
        if self.allowed_hosts is None:
            return True
        host = host.lower().rstrip(".")
        for entry in self.allowed_hosts:
            entry = entry.lower().rstrip(".")
            if entry.startswith("*."):
                if host.endswith(entry[1:]) and host != entry[2:]:
                    return True
            elif host == entry:
                return True
        return False


def load_policy(path: str | os.PathLike[str], known_rules: Mapping[str, str],
                known_targets: set[str] | None = None) -> Policy:
    """Read and check a policy file; raise PolicyError naming the file and the bad key."""
    file = str(path)
    why = not_regular(file)
    if why:
        raise PolicyError(f"{file}: cannot read policy: {why}")
    try:
        with open(file, "rb") as fh:
            text = fh.read(1_000_001)
    except OSError as exc:
        raise PolicyError(f"{file}: cannot read policy: {exc.strerror or exc}") from None
    if len(text) > 1_000_000:
        raise PolicyError(f"{file}: policy file is larger than 1 MB")
    try:
        data = yaml.safe_load(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise PolicyError(f"{file}: policy file is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{file}:{mark.line + 1}" if mark is not None else file
        raise PolicyError(f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    return parse_policy(data if data is not None else {}, file, known_rules, known_targets)


def parse_policy(data: Any, file: str, known_rules: Mapping[str, str],
                 known_targets: set[str] | None = None) -> Policy:
    """Build a Policy from parsed YAML/JSON data (see ``load_policy``); a bad policy raises one
    PolicyError listing every problem, so a fix-and-retry loop is not needed per key."""
    if not isinstance(data, dict):
        raise PolicyError(f"{file}: a policy must be a mapping of settings")
    problems: list[str] = []

    def fail(key: str, message: str) -> None:
        problems.append(f"{file}: {key}: {message}")

    for key in data:
        if key not in _KEYS:
            fail(str(key), "unknown setting" + _hint(str(key), _KEYS))
    if data.get("version", 1) != 1:
        fail("version", f"unsupported policy version {data.get('version')!r} (this reads 1)")
    levels: dict[str, RuleLevel] = {}
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        fail("rules", "must map rule ids to error, warning, info or off")
        rules = {}
    for rule_id, level in rules.items():
        found = _rule_id(str(rule_id), known_rules, fail, "rules")
        if level is False:
            level = "off"
        if level not in ("error", "warning", "info", "off"):
            fail(f"rules.{found or rule_id}", f"{level!r} is not one of error, warning, info, off")
        elif found:
            levels[found] = level
    for rule_id in _str_list(data.get("disable") or [], fail, "disable"):
        found = _rule_id(rule_id, known_rules, fail, "disable")
        if found:
            levels[found] = "off"
    hosts = data.get("allowed_hosts")
    allowed = None if hosts is None else tuple(_str_list(hosts, fail, "allowed_hosts"))
    for host in allowed or ():
        if "/" in host or ":" in host or " " in host or not host.strip("*."):
            fail("allowed_hosts", f"{host!r} is not a host name (no scheme, port or path; "
                                  "use *.example.com for subdomains)")
    kinds = tuple(_str_list(data.get("blocked_source_kinds") or [], fail, "blocked_source_kinds"))
    for kind in kinds:
        if kind not in SOURCE_KINDS:
            fail("blocked_source_kinds", f"unknown source kind {kind!r}" + _hint(kind, SOURCE_KINDS))
    pii = data.get("pii") or {}
    if not isinstance(pii, dict):
        fail("pii", "must be a mapping with `offline` and/or `display`")
        pii = {}
    for key in pii:
        if key not in ("offline", "display"):
            fail(f"pii.{key}", "unknown setting" + _hint(str(key), ("offline", "display")))
    offline = pii.get("offline", "allow")
    if offline not in ("allow", "encrypted", "forbid"):
        fail("pii.offline", f"{offline!r} is not one of allow, encrypted, forbid")
    display = pii.get("display", "allow")
    if display not in ("allow", "masked"):
        fail("pii.display", f"{display!r} is not one of allow, masked")
    targets = tuple(_str_list(data.get("export_targets") or [], fail, "export_targets"))
    for target in targets:
        if known_targets is not None and target not in known_targets:
            fail("export_targets", f"unknown target {target!r}" + _hint(target, known_targets))
    if problems:
        raise PolicyError("\n".join(problems))
    return Policy(levels, allowed, kinds, offline, display, targets, file)


def _str_list(value: Any, fail: Callable[[str, str], None], key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(key, "must be a list of strings")
        return []
    return value


def _rule_id(rule_id: str, known: Mapping[str, str], fail: Callable[[str, str], None],
             key: str) -> str | None:
    """``known`` maps lower-case ids and names (``fc302``, ``insecure-endpoint``) to ids."""
    found = known.get(rule_id.strip().lower())
    if found is None:
        fail(key, f"unknown rule {rule_id!r}" + _hint(rule_id.lower(), known))
    return found


def _hint(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
