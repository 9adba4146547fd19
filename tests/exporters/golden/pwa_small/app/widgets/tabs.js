// Tabs: an ARIA tablist; arrow keys move between tabs, one panel visible at a time.

import { h } from "../ui.js";
import { icon } from "../icons.js";

export default function tabs(w, ctx) {
  const el = h("div", { class: "fc-tabs-wrap" });
  const list = h("div", { class: "fc-tablist", role: "tablist" });
  const panels = [];
  const buttons = [];
  const select = (index, focus) => {
    buttons.forEach((b, i) => { b.setAttribute("aria-selected", String(i === index)); b.tabIndex = i === index ? 0 : -1; });
    panels.forEach((p, i) => { p.hidden = i !== index; });
    if (focus) buttons[index].focus();
  };
  (w.c || []).forEach((page, i) => {
    const tabId = ctx.domId(page, "-tab"), panelId = ctx.domId(page, "-panel");
    const button = h("button", { type: "button", role: "tab", id: tabId, "aria-controls": panelId, class: "fc-tab" },
      page.p.icon ? icon(page.p.icon, 20) : null, h("span", { text: page.p.title || "" }));
    button.addEventListener("click", () => select(i, false));
    button.addEventListener("keydown", (e) => {
      const n = buttons.length;
      if (e.key === "ArrowRight") select((i + 1) % n, true);
      else if (e.key === "ArrowLeft") select((i - 1 + n) % n, true);
      else if (e.key === "Home") select(0, true);
      else if (e.key === "End") select(n - 1, true);
    });
    const panel = ctx.mount(page, "tabs");
    panel.setAttribute("role", "tabpanel");
    panel.id = panelId;
    panel.setAttribute("aria-labelledby", tabId);
    buttons.push(button);
    panels.push(panel);
    list.append(button);
  });
  el.append(list, ...panels);
  if (buttons.length) select(0, false);
  return el;
}
