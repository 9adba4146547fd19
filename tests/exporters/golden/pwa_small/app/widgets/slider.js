import { h } from "../ui.js";
import { field } from "./_field.js";

export default function slider(w, ctx) {
  const control = h("input", { class: "fc-range", type: "range" });
  control.min = String(w.p.min); control.max = String(w.p.max); control.step = String(w.p.step);
  const output = h("output", { class: "fc-range-value" });
  const row = h("div", { class: "fc-range-row" }, control, output);
  control.id = ctx.domId(w, "-input");
  output.setAttribute("for", control.id);
  const { wrap, changed } = field(w, ctx, row, {
    focusTarget: control,
    read: () => control.valueAsNumber,
    show: (v) => { control.value = String(typeof v === "number" ? v : w.p.min); output.textContent = control.value; },
  });
  wrap.querySelector("label").setAttribute("for", control.id);
  control.addEventListener("input", () => { output.textContent = control.value; changed(); });
  return wrap;
}
