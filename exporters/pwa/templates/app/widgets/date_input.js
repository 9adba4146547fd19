import { h } from "../ui.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";

export default function dateInput(w, ctx) {
  const control = h("input", { class: "fc-input", type: "date" });
  const { wrap, changed } = field(w, ctx, control, {
    read: () => control.value || null,
    show: (v) => { control.value = (text(v) || "").slice(0, 10); },
  });
  control.addEventListener("change", changed);
  return wrap;
}
