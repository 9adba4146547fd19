// Shared by input widgets: label, help text, error message, two-way binding and validation.

import { h } from "../ui.js";
import { checkRules } from "../render.js";
import { rt, evaluate } from "../shared/rt.js";

/**
 * Wrap `control` as a labelled form field bound to the widget's `value`.
 * `read()` gives the control's value; `show(v)` puts a model value into the control.
 * `requiredAttr: false` for a target whose role does not allow `aria-required` (the signature
 * pad is an image): it says "required" in its name instead.
 */
export function field(w, ctx, control, { read, show, group = false, inlineLabel = false, focusTarget = null, requiredAttr = true }) {
  const id = ctx.domId(w);
  const required = (w.r || []).some((r) => r.rule === "required");
  const labelText = h("span", { class: "fc-label-text" });
  const mark = required ? h("span", { class: "fc-required", "aria-hidden": "true", text: " *" }) : null;
  const label = group ? h("legend", { class: "fc-label" }, labelText, mark)
    : h("label", { class: "fc-label", for: control.id ? control.id : id }, labelText, mark);
  if (!group && !control.id) control.id = id;
  const err = h("div", { class: "fc-error", id: `${id}-err`, hidden: true });
  const help = w.p.help_text ? h("div", { class: "fc-help", id: `${id}-help`, text: w.p.help_text }) : null;
  const describe = [help ? `${id}-help` : null, `${id}-err`].filter(Boolean).join(" ");
  const target = focusTarget || control;
  target.setAttribute("aria-describedby", describe);
  if (required && requiredAttr) target.setAttribute("aria-required", "true");
  const wrap = group ? h("fieldset", { class: "fc-field fc-fieldset" }, label, control, help, err)
    : inlineLabel ? h("div", { class: "fc-field fc-field-inline" }, control, label, help, err)
      : h("div", { class: "fc-field" }, label, control, help, err);
  if (group) wrap.setAttribute("aria-describedby", describe);

  let local = w.p.value === undefined ? null : w.p.value;  // value of an unbound input
  const current = () => (w.vp ? ctx.value(w, "value") : local);
  const validator = {
    el: wrap,
    check: () => checkRules(w.r, read(), ctx),
    show(message) {
      err.hidden = !message;
      err.textContent = message || "";
      wrap.classList.toggle("fc-invalid", Boolean(message));
      target.setAttribute("aria-invalid", message ? "true" : "false");
    },
    focus: () => target.focus(),
  };
  if (w.r && w.r.length) ctx.view.validators.push(validator);

  const changed = () => {
    const value = read();
    if (w.vp) ctx.write(w, value); else { local = value; ctx.view.refresh(); }
    if (wrap.classList.contains("fc-invalid")) validator.show(validator.check());
    ctx.run(w, "change");
  };
  ctx.bind(() => {
    labelText.textContent = ctx.text(w, "label");
    const enabled = w.b && w.b.enabled ? rt.truthy(evaluate(w.b.enabled, ctx.scope)) : true;
    const disabled = !enabled;
    for (const c of wrap.querySelectorAll("input, select, textarea, button")) c.disabled = disabled;
    if (w.p.read_only) for (const c of wrap.querySelectorAll("input, textarea")) c.readOnly = true;
    if (document.activeElement !== target || read() !== current()) show(current());
  });
  return { wrap, changed, validator, required };
}
