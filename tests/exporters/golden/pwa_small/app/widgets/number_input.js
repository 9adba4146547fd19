import { h } from "../ui.js";
import { field } from "./_field.js";

export default function numberInput(w, ctx) {
  const decimals = Number(w.p.decimals) || 0;
  const control = h("input", { class: "fc-input", type: "number", inputMode: decimals ? "decimal" : "numeric" });
  control.step = String(w.p.step || (decimals ? 10 ** -decimals : 1));
  if (w.p.placeholder) control.placeholder = w.p.placeholder;
  const { wrap, changed } = field(w, ctx, control, {
    read: () => (control.value.trim() === "" || Number.isNaN(control.valueAsNumber) ? null : control.valueAsNumber),
    show: (v) => { control.value = typeof v === "number" && Number.isFinite(v) ? String(v) : ""; },
  });
  control.addEventListener("input", changed);
  return wrap;
}
