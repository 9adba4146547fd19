// Signature pad on a canvas (pointer events: finger, pen or mouse); the value is a PNG data URL.

import { h } from "../ui.js";
import { icon } from "../icons.js";
import { t } from "../i18n.js";
import { field } from "./_field.js";
import { safeImageSrc } from "./image.js";

export default function signature(w, ctx) {
  const canvas = h("canvas", { class: "fc-signature-pad", tabindex: "0", role: "img" });
  const clear = h("button", { type: "button", class: "fc-btn fc-btn-text" }, icon("delete", 18), h("span", { text: t("fc.clear") }));
  const control = h("div", { class: "fc-signature" }, canvas, h("div", { class: "fc-signature-bar" }, h("span", { class: "fc-help", text: t("fc.sign_here") }), clear));
  canvas.id = ctx.domId(w, "-pad");
  let value = null, drawing = false, shown = null;
  const g = () => canvas.getContext("2d");
  const resize = () => {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 300;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(160 * ratio);
    g().setTransform(ratio, 0, 0, ratio, 0, 0);
    shown = null;
    paint(value);
  };
  const paint = (v) => {
    if (v === shown) return;
    shown = v;
    g().clearRect(0, 0, canvas.width, canvas.height);
    const src = safeImageSrc(v);
    if (src) { const img = new Image(); img.onload = () => g().drawImage(img, 0, 0, canvas.clientWidth, 160); img.src = src; }
  };
  const { wrap, changed, required } = field(w, ctx, control, {
    focusTarget: canvas,
    requiredAttr: false,  // role=img allows no aria-required: the name says it
    read: () => value,
    show: (v) => { value = v || null; paint(value); },
  });
  wrap.querySelector("label").setAttribute("for", canvas.id);
  canvas.setAttribute("aria-label", `${ctx.text(w, "label")}: ${t("fc.signature_pad")}`
    + (required ? ` (${t("fc.required")})` : ""));
  const point = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener("pointerdown", (e) => {
    drawing = true; canvas.setPointerCapture(e.pointerId);
    const c = g(); c.strokeStyle = w.p.pen_color || "#000000"; c.lineWidth = 2.5; c.lineCap = "round"; c.lineJoin = "round";
    c.beginPath(); c.moveTo(...point(e)); c.lineTo(...point(e)); c.stroke();
  });
  canvas.addEventListener("pointermove", (e) => { if (drawing) { const c = g(); c.lineTo(...point(e)); c.stroke(); } });
  const end = () => { if (!drawing) return; drawing = false; value = canvas.toDataURL("image/png"); shown = value; changed(); };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  clear.addEventListener("click", () => { value = null; shown = undefined; paint(null); changed(); });
  requestAnimationFrame(resize);
  window.addEventListener("resize", () => { if (canvas.isConnected) resize(); });
  return wrap;
}
