import { h } from "../ui.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";

export default function timeInput(w, ctx) {
  const control = h("input", { class: "fc-input", type: "time" });
  const { wrap, changed } = field(w, ctx, control, {
    read: () => control.value || null,
    show: (v) => { const s = text(v) || ""; const m = /(\d{2}:\d{2})/.exec(s); control.value = m ? m[1] : ""; },
  });
  control.addEventListener("change", changed);
  return wrap;
}
