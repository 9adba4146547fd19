"""The generated apps' own texts: one set of keys with English defaults for every target.

A model translates or rewords a text by putting the same key into its string tables (e.g.
``"fc.offline": "Hors ligne"`` under ``"fr"``); ``{name}`` placeholders are filled in at run
time. Every target ships the whole table, so one translation reaches every target. A few
texts belong to UI only some targets have (``targets``); docs/targets.md lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from designer.model import App

PWA, RN, FLUTTER = "pwa", "react-native", "flutter"
ALL = frozenset({PWA, RN, FLUTTER})


@dataclass(frozen=True)
class Text:
    """One built-in text: its English default, where it shows, and which targets show it."""

    text: str
    where: str
    targets: frozenset[str] = ALL


def _only(*targets: str) -> frozenset[str]:
    return frozenset(targets)


#: Every built-in text by key (kept sorted by topic; the tables are emitted sorted by key).
RUNTIME_STRINGS: dict[str, Text] = {
    # validation messages (a rule's own message replaces these)
    "fc.required": Text("This field is required", "validation"),
    "fc.min": Text("Must be at least {value}", "validation"),
    "fc.max": Text("Must be at most {value}", "validation"),
    "fc.length": Text("Must be {min} to {max} characters", "validation"),
    "fc.min_length": Text("Must be at least {min} characters", "validation (no maximum)"),
    "fc.pattern": Text("Invalid format", "validation"),
    "fc.invalid": Text("Invalid value", "validation (expression rule)"),
    "fc.fix_errors": Text("Please correct the highlighted fields", "submit_form with errors"),
    # loading data and running actions
    "fc.load_failed": Text("Could not load data. Check your connection and try again.",
                           "screen data"),
    "fc.retry": Text("Retry", "screen data (load error)", _only(PWA, RN)),
    "fc.last_sync": Text("Last synced {time}", "screen data (load error), sync status",
                         _only(PWA, RN)),
    "fc.never_synced": Text("Not synced yet", "screen data (load error), sync status",
                            _only(PWA, RN)),
    "fc.needs_online": Text("This needs a connection. Try again when online.", "actions"),
    "fc.server_refused": Text("The server refused the change (HTTP {status})", "actions"),
    "fc.read_only": Text("This data comes with the app and can't be changed here.", "actions"),
    "fc.call_done": Text("Done", "call_operation without a target"),
    "fc.call_queued": Text("Saved: it will be sent when the app is online", "call_operation offline",
                           _only(PWA, RN)),
    "fc.call_invalid": Text("Cannot send this: check {names}", "call_operation with a missing or "
                            "invalid value"),
    "fc.action_failed": Text("Something went wrong. Please try again.", "actions"),
    "fc.cancel": Text("Cancel", "dialogs"),
    "fc.ok": Text("OK", "dialogs"),
    "fc.back": Text("Back", "app bar back button", _only(PWA)),
    "fc.screen_unavailable": Text("This screen is not available offline yet.",
                                  "navigation while offline", _only(PWA)),
    # sync status
    "fc.offline": Text("Offline", "sync status"),
    "fc.pending": Text("{count} pending", "sync status"),
    "fc.failed": Text("{count} failed", "sync status"),
    "fc.conflicts": Text("{count} conflict(s)", "sync status", _only(PWA, FLUTTER)),
    "fc.syncing": Text("Syncing…", "sync status", _only(PWA)),
    "fc.synced": Text("Up to date", "sync status", _only(PWA)),
    "fc.not_up_to_date": Text("Not up to date", "sync status (a read failed)", _only(PWA)),
    "fc.sync_status": Text("Sync status", "sync status (accessible name)", _only(PWA, RN)),
    # the pending-changes screen (what waits, in order; the error archive)
    "fc.pending_title": Text("Pending changes", "pending changes", _only(PWA, RN)),
    "fc.change_create": Text("New", "pending changes (a record created)", _only(PWA, RN)),
    "fc.change_update": Text("Edited", "pending changes (a record changed)", _only(PWA, RN)),
    "fc.change_delete": Text("Deleted", "pending changes (a record deleted)", _only(PWA, RN)),
    "fc.change_call": Text("Action", "pending changes (a call operation run offline)",
                           _only(PWA, RN)),
    "fc.waiting": Text("Waiting to be sent", "pending changes", _only(PWA, RN)),
    "fc.held": Text("Waits for a refused change before it", "pending changes", _only(PWA, RN)),
    "fc.refused": Text("The server refused this change", "pending changes", _only(PWA, RN)),
    "fc.refused_status": Text("The server refused this change (HTTP {status})",
                              "pending changes", _only(PWA, RN)),
    "fc.refused_at": Text("Refused {time}", "pending changes", _only(PWA, RN)),
    "fc.fix_change": Text("Fix", "pending changes (open the correction form)", _only(PWA, RN)),
    "fc.fix": Text("Fix and retry", "pending changes (send the corrected change)", _only(PWA, RN)),
    "fc.discard": Text("Discard", "pending changes", _only(PWA, RN)),
    "fc.discard_confirm": Text("Discard this change? It will not be sent, and this cannot be "
                               "undone.", "pending changes", _only(PWA, RN)),
    "fc.nothing_pending": Text("Nothing waits to be sent", "pending changes", _only(PWA, RN)),
    "fc.sync_now": Text("Sync now", "pending changes", _only(PWA, RN)),
    # conflicts (ask_user) and server_wins
    "fc.conflict": Text("{entity} changed on the server ({fields})", "conflict list",
                        _only(RN, FLUTTER)),
    "fc.conflict_title": Text("Changed on the server", "conflict dialog, pending changes",
                              _only(PWA, RN)),
    "fc.conflict_text": Text("{record}: this record was changed on the server while you edited "
                             "it. Which version should be kept?", "conflict dialog", _only(PWA)),
    "fc.field": Text("Field", "conflict dialog", _only(PWA)),
    "fc.yours": Text("Yours", "conflict dialog", _only(PWA)),
    "fc.server": Text("Server", "conflict dialog", _only(PWA)),
    "fc.keep_mine": Text("Keep mine", "conflict resolution"),
    "fc.use_server": Text("Use server version", "conflict resolution"),
    "fc.resolve": Text("Resolve", "sync banner", _only(FLUTTER)),
    "fc.close": Text("Close", "conflict dialog, pending changes"),
    "fc.conflict_server": Text("Your change was replaced by a newer version from the server",
                               "server_wins message", _only(PWA)),
    # sign-in (the app's sign_in) and sign-out
    "fc.sign_in": Text("Sign in", "sign-in screen", _only(PWA)),
    "fc.sign_in_text": Text("Sign in to use {app}.", "sign-in screen", _only(PWA)),
    "fc.signing_in": Text("Opening the sign-in page…", "sign-in screen", _only(PWA)),
    "fc.sign_in_unreachable": Text("The sign-in service cannot be reached. Check your "
                                   "connection and try again.", "sign-in screen", _only(PWA)),
    "fc.sign_in_failed": Text("Sign-in did not complete. Please try again.", "sign-in screen",
                              _only(PWA)),
    "fc.session_ended": Text("Your session has ended. Sign in again: changes not sent yet "
                             "are kept on this device.", "sign-in screen (session ended)",
                             _only(PWA)),
    "fc.sign_out_of": Text("Sign out ({user})", "app bar account button", _only(PWA)),
    "fc.sign_out_pending_title": Text("Changes not sent yet", "sign-out", _only(PWA)),
    "fc.sign_out_pending": Text("{count} change(s) on this device have not been sent. Signing "
                                "out removes this user's data from the device.", "sign-out",
                                _only(PWA)),
    "fc.send_now": Text("Send now", "sign-out", _only(PWA)),
    "fc.keep_for_user": Text("Keep for this user", "sign-out", _only(PWA)),
    "fc.discard_changes": Text("Discard", "sign-out", _only(PWA)),
    "fc.discard_all_confirm": Text("Discard every change not sent yet and sign out? This "
                                   "cannot be undone.", "sign-out", _only(PWA)),
    "fc.sign_out_not_sent": Text("Some changes could not be sent: you are still signed in.",
                                 "sign-out", _only(PWA)),
    # device widgets and actions
    "fc.take_photo": Text("Take photo", "camera_photo"),
    "fc.retake_photo": Text("Retake photo", "camera_photo", _only(RN, FLUTTER)),
    "fc.remove": Text("Remove", "camera_photo", _only(RN, FLUTTER)),
    "fc.remove_photo": Text("Remove photo {number}", "camera_photo (several photos)"),
    "fc.photo": Text("Photo {number}", "camera_photo (several photos)"),
    "fc.scan": Text("Scan", "barcode_scanner"),
    "fc.scan_title": Text("Point the camera at the code", "scan_barcode camera view",
                          _only(PWA, FLUTTER)),
    "fc.barcode_type_title": Text("Type the code", "scan_barcode without a camera"),
    "fc.barcode_code": Text("Code", "scan_barcode without a camera"),
    "fc.barcode_manual": Text("Type the code or scan it", "barcode_scanner input",
                              _only(PWA, RN)),
    "fc.barcode_no_camera": Text("The camera is not available: type the code",
                                 "barcode_scanner without a camera", _only(RN)),
    "fc.clear": Text("Clear", "signature"),
    "fc.sign_here": Text("Sign in the box", "signature"),
    "fc.signed": Text("Signed", "signature", _only(RN, FLUTTER)),
    "fc.not_signed": Text("Not signed yet", "signature", _only(RN, FLUTTER)),
    "fc.signature_pad": Text("signature pad", "signature (accessible name)", _only(PWA)),
    "fc.use_location": Text("Use current location", "location"),
    "fc.locating": Text("Locating…", "location"),
    "fc.no_location": Text("No location yet", "location"),
    "fc.location_denied": Text("Location permission was denied", "location"),
    "fc.location_failed": Text("Could not get the location", "location"),
    "fc.no_geolocation": Text("Location is not available on this device", "location",
                              _only(PWA)),
    "fc.open_map": Text("Open in Maps", "map"),
    "fc.map": Text("Map", "map (accessible name)", _only(PWA)),
    "fc.no_address": Text("No address", "map", _only(PWA)),
    # other widgets
    "fc.no_data": Text("No data yet", "chart", _only(PWA)),
    "fc.search": Text("Search", "list search box (without a placeholder)"),
    "fc.results": Text("{count} results", "list search", _only(PWA)),
    "fc.decrease": Text("Decrease {label}", "slider buttons", _only(RN)),
    "fc.increase": Text("Increase {label}", "slider buttons", _only(RN)),
}


def defaults() -> dict[str, str]:
    """``{key: English text}`` of every built-in text."""
    return {key: t.text for key, t in RUNTIME_STRINGS.items()}


def string_tables(app: App) -> dict[str, dict[str, str]]:
    """The model's string tables with every built-in text added to every locale (the model's
    own entry for a key wins)."""
    tables = {locale: dict(table) for locale, table in app.strings.items()}
    tables.setdefault(app.default_locale, {})
    for table in tables.values():
        for key, text in defaults().items():
            table.setdefault(key, text)
    return tables


def doc_lines() -> list[str]:
    """The Markdown table of built-in texts for docs/targets.md."""
    out = ["| key | English | shown by | where |", "|---|---|---|---|"]
    for key, t in sorted(RUNTIME_STRINGS.items()):
        shown = "all" if t.targets == ALL else ", ".join(f"`{x}`" for x in sorted(t.targets))
        out.append(f"| `{key}` | {t.text} | {shown} | {t.where} |")
    return out
