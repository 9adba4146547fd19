"""Material icon names the model uses, mapped to members of Flutter's ``Icons`` class."""

from __future__ import annotations

from ..ir import App

#: Icon names known to exist as ``Icons.<name>`` in Flutter's Material icons (others fall back
#: to ``Icons.circle`` at run time, so an unknown name can never break the build).
KNOWN = frozenset("""
add add_a_photo add_shopping_cart alarm apps arrow_back arrow_forward assignment attach_file
attach_money badge bookmark build calendar_today call camera camera_alt cancel chat check
check_circle chevron_left chevron_right close cloud cloud_off cloud_upload comment contacts
dashboard delete description directions directions_car done download edit email error event
explore favorite filter_list flag folder home image info inventory label language link list
local_shipping location_on lock logout map menu mic more_vert my_location notifications
payment people person phone photo photo_camera place print qr_code qr_code_scanner receipt
refresh save search send settings share shopping_cart signature sort star store sync
thumb_up timer today upload visibility warning work
""".split())


def icon_members(app: App) -> list[tuple[str, str]]:
    """(model name, Icons member) for every known icon name the model uses, sorted."""
    used = set()
    for widget in app.widgets():
        name = widget.props.raw().get("icon", "")
        if isinstance(name, str) and name:
            used.add(name)
    return sorted((name, name) for name in used if name in KNOWN)
