// Barcode entry: the camera with BarcodeDetector where the browser has it, typing otherwise.

import { h, dialog } from "../ui.js";
import { icon } from "../icons.js";
import { t } from "../i18n.js";
import { text } from "../shared/rt.js";
import { field } from "./_field.js";

export function canScan() {
  return "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
}

/** The manual fallback: the user types the code; resolves to it or null (cancelled / empty). */
export async function typeCodeDialog() {
  const input = h("input", { class: "fc-input", type: "text", autocomplete: "off" });
  input.setAttribute("aria-label", t("fc.barcode_code"));
  const answer = dialog({ title: t("fc.barcode_type_title"), body: [input],
    buttons: [{ text: t("fc.cancel"), value: false }, { text: t("fc.ok"), value: true, variant: "primary" }] });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); input.closest("dialog").querySelector(".fc-btn-primary").click(); }
  });
  input.focus();
  return (await answer) && input.value.trim() ? input.value.trim() : null;
}

/** Scan with the camera; without a detector or camera, let the user type the code. Resolves
 * to the code or null (cancelled). */
export async function scanDialog(formats) {
  if (!canScan()) return typeCodeDialog();
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  } catch (e) {
    return typeCodeDialog();  // camera refused or missing
  }
  const supported = await window.BarcodeDetector.getSupportedFormats().catch(() => []);
  const wanted = (formats || []).filter((f) => supported.includes(f));
  const detector = new window.BarcodeDetector(wanted.length ? { formats: wanted } : undefined);
  const video = h("video", { class: "fc-scan-video", autoplay: true, muted: true, playsInline: true });
  video.srcObject = stream;
  let found = null, stop = false;
  const closing = dialog({ title: t("fc.scan_title"), body: [video],
    buttons: [{ text: t("fc.cancel"), value: null }] });
  const loop = async () => {
    while (!stop) {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) { found = codes[0].rawValue; document.querySelector("dialog.fc-dialog button").click(); break; }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  loop();
  await closing;
  stop = true;
  stream.getTracks().forEach((tr) => tr.stop());
  return found;
}

export default function barcodeScanner(w, ctx) {
  const input = h("input", { class: "fc-input", type: "text", autocomplete: "off", inputMode: "text" });
  input.placeholder = t("fc.barcode_manual");
  const scan = h("button", { type: "button", class: "fc-btn fc-btn-secondary fc-scan-btn", "aria-label": t("fc.scan") }, icon("qr_code_scanner", 20));
  scan.hidden = !canScan();
  const row = h("div", { class: "fc-input-row" }, input, scan);
  input.id = ctx.domId(w, "-input");
  const { wrap, changed } = field(w, ctx, row, {
    focusTarget: input,
    read: () => (input.value.trim() === "" ? null : input.value.trim()),
    show: (v) => { input.value = text(v) || ""; },
  });
  wrap.querySelector("label").setAttribute("for", input.id);
  input.addEventListener("input", changed);
  scan.addEventListener("click", async () => {
    const code = await scanDialog(w.p.formats);
    if (code) { input.value = code; changed(); }
  });
  return wrap;
}
