import { h } from "../ui.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";

const TYPES = { text: "text", email: "email", phone: "tel", password: "password" };
const AUTOCOMPLETE = { email: "email", phone: "tel", password: "current-password" };

export default function textInput(w, ctx) {
  const multiline = w.p.input_type === "multiline";
  const control = multiline ? h("textarea", { class: "fc-input fc-textarea", rows: 3 })
    : h("input", { class: "fc-input", type: TYPES[w.p.input_type] || "text" });
  if (w.p.placeholder) control.placeholder = w.p.placeholder;
  if (AUTOCOMPLETE[w.p.input_type]) control.autocomplete = AUTOCOMPLETE[w.p.input_type];
  if (w.p.input_type === "email") control.inputMode = "email";
  if (w.p.input_type === "phone") control.inputMode = "tel";
  const { wrap, changed } = field(w, ctx, control, {
    read: () => (control.value === "" ? null : control.value),
    show: (v) => { const s = text(v); control.value = s === null ? "" : s; },
  });
  control.addEventListener("input", changed);
  return wrap;
}
