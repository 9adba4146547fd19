"""Export targets as lint sees them: registered exporters, their capabilities, offline encryption.

The ``unsupported-by-target`` rule asks each chosen exporter (``exporters.registry``) which of
the model's features its ``capabilities`` lack, so lint and ``fieldcraft export`` agree.
"""

from __future__ import annotations

from typing import Iterator

from .rules import Hit, LintContext, rule

ALIASES: dict[str, str] = {"react_native": "react-native", "rn": "react-native",
                           "expo": "react-native", "web": "pwa"}

#: Targets known to encrypt fields marked ``pii`` before storing them on the device, and how.
#: An exporter class can declare it itself with ``encrypts_pii_offline = True``.
ENCRYPTS_PII_OFFLINE: dict[str, str] = {
    "pwa": "AES-GCM with a non-extractable device key (exporters/pwa/templates/app/crypto.js)",
    "react-native": "AES-256-GCM (@noble/ciphers) with a per-install key in the OS keystore "
                    "(expo-secure-store); on the web a non-extractable Web Crypto key "
                    "(exporters/react_native/templates/src/data/secure.ts)",
    "flutter": "AES-256-GCM (package:cryptography) with a per-install key in the OS keystore "
               "(flutter_secure_storage) (exporters/flutter/templates/lib/data/[secure].dart.jinja)",
}


def known_targets() -> list[str]:
    """Names of the registered export targets."""
    from exporters import names
    return names()


def canonical_target(name: str) -> str:
    """``rn`` / ``react_native`` → ``react-native`` (the registered name); others lower-cased."""
    key = name.strip().lower()
    return ALIASES.get(key, key)


def encrypts_offline(target: str) -> bool:
    """True if ``target`` encrypts personal data in its offline store."""
    from exporters import UnknownTargetError, exporter_class

    try:
        declared = getattr(exporter_class(canonical_target(target)), "encrypts_pii_offline", None)
    except UnknownTargetError:
        return False
    if declared is not None:
        return bool(declared)
    return canonical_target(target) in ENCRYPTS_PII_OFFLINE


@rule("FC501", "unsupported-by-target", "Feature not supported by an export target", "error",
      "export",
      """Each export target implements a set of widget kinds, actions, validation rules, data
      source kinds, auth schemes and offline policies (e.g. a browser cannot open SQLite files).
      The targets are chosen in the policy's `export_targets` or with `fieldcraft lint --target`;
      exporting a model that uses anything else fails (or, with `--allow-partial`, silently
      drops the feature).""",
      """Replace the feature with one the target supports, or export to a target that has it
      (`fieldcraft export --list-targets`).""", needs_policy="export_targets")
def unsupported_by_target(ctx: LintContext) -> Iterator[Hit]:
    from exporters import UnknownTargetError, exporter_class, unsupported

    for target in ctx.targets:
        try:
            caps = exporter_class(target).capabilities
        except UnknownTargetError:
            continue        # the CLI and the policy loader refuse unknown names up front
        for problem in unsupported(ctx.app, caps, target):
            group = problem.code.removeprefix("unsupported-").replace("-", "_")
            note = caps.notes.get(group, "")
            yield Hit(problem.message + (f" ({note})" if note else ""), problem.path)
