import { h } from "../ui.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";
import { optionsOf } from "./_options.js";

export default function dropdown(w, ctx) {
  const control = h("select", { class: "fc-input fc-select" });
  let signature = "";
  const { wrap, changed } = field(w, ctx, control, {
    read: () => (control.value === "" ? null : control.value),
    show: (v) => {
      const options = optionsOf(w, ctx);
      const sig = JSON.stringify(options);
      if (sig !== signature) {
        signature = sig;
        control.replaceChildren(h("option", { value: "", text: w.p.placeholder || "" }),
          ...options.map((o) => h("option", { value: o.value, text: o.label })));
      }
      control.value = text(v) || "";
    },
  });
  control.addEventListener("change", changed);
  return wrap;
}
