import { h } from "../ui.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";
import { optionsOf } from "./_options.js";

export default function radioGroup(w, ctx) {
  const list = h("div", { class: "fc-radios", role: "radiogroup" });
  const name = ctx.domId(w, "-group");
  let signature = "";
  const radios = () => [...list.querySelectorAll("input")];
  let changed = () => {};
  const made = field(w, ctx, list, {
    group: true,
    focusTarget: list,
    read: () => { const on = radios().find((r) => r.checked); return on ? on.value : null; },
    show: (v) => {
      const options = optionsOf(w, ctx);
      const sig = JSON.stringify(options);
      if (sig !== signature) {
        signature = sig;
        list.replaceChildren(...options.map((o, i) => {
          const input = h("input", { type: "radio", name, value: o.value, id: `${name}-${i}`, class: "fc-radio" });
          input.addEventListener("change", () => changed());
          return h("label", { class: "fc-radio-row", for: `${name}-${i}` }, input, h("span", { text: o.label }));
        }));
      }
      const wanted = text(v);
      for (const r of radios()) r.checked = r.value === wanted;
    },
  });
  const wrap = made.wrap;
  changed = made.changed;
  list.removeAttribute("aria-describedby");
  return wrap;
}
