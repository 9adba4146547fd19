// Current position through the Geolocation API; the value is "lat,lon" text. The field label
// names the group; the button is named by its action ("Use current location", `fc.use_location`).

import { h } from "../ui.js";
import { icon } from "../icons.js";
import { t } from "../i18n.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";

export default function location(w, ctx) {
  const button = h("button", { type: "button", class: "fc-btn fc-btn-secondary" }, icon("my_location", 20), h("span", { text: t("fc.use_location") }));
  const out = h("div", { class: "fc-location-value", "aria-live": "polite" });
  const control = h("div", { class: "fc-location" }, out, button);
  button.id = ctx.domId(w, "-btn");
  let value = null;
  const { wrap, changed } = field(w, ctx, control, {
    group: true, focusTarget: button,
    read: () => value,
    show: (v) => { value = text(v) || null; out.textContent = value || t("fc.no_location"); },
  });
  button.addEventListener("click", () => {
    if (!navigator.geolocation) { out.textContent = t("fc.no_geolocation"); return; }
    out.textContent = t("fc.locating");
    navigator.geolocation.getCurrentPosition((pos) => {
      value = `${pos.coords.latitude.toFixed(6)},${pos.coords.longitude.toFixed(6)}`;
      changed();
      out.textContent = `${value} (±${Math.round(pos.coords.accuracy)} m)`;
    }, (err) => {
      out.textContent = err.code === 1 ? t("fc.location_denied") : t("fc.location_failed");
    }, { enableHighAccuracy: Boolean(w.p.high_accuracy), timeout: 20000, maximumAge: 60000 });
  });
  return wrap;
}
