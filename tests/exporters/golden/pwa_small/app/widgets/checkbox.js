import { h } from "../ui.js";
import { field } from "./_field.js";

export default function checkbox(w, ctx) {
  const control = h("input", { class: "fc-check", type: "checkbox" });
  const { wrap, changed } = field(w, ctx, control, {
    read: () => control.checked, show: (v) => { control.checked = v === true; }, inlineLabel: true,
  });
  control.addEventListener("change", changed);
  return wrap;
}
