// Options of dropdowns and radio groups: literal, or bound to a list of values/records.

import { text } from "../shared/rt.js";

export function optionsOf(w, ctx) {
  const raw = ctx.value(w, "options");
  if (!Array.isArray(raw)) return [];
  return raw.map((o) => {
    if (o && typeof o === "object") {
      const value = text(o.value !== undefined ? o.value : (o.id !== undefined ? o.id : o.name));
      const label = text(o.label !== undefined && o.label !== "" ? o.label : (o.name !== undefined ? o.name : value));
      return { value: value || "", label: label || value || "" };
    }
    const value = text(o) || "";
    return { value, label: value };
  });
}
