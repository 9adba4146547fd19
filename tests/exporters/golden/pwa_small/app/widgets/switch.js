import { h } from "../ui.js";
import { field } from "./_field.js";

export default function switchWidget(w, ctx) {
  const control = h("input", { class: "fc-switch", type: "checkbox", role: "switch" });
  const { wrap, changed } = field(w, ctx, control, {
    read: () => control.checked, show: (v) => { control.checked = v === true; }, inlineLabel: true,
  });
  wrap.classList.add("fc-field-switch");
  control.addEventListener("change", changed);
  return wrap;
}
