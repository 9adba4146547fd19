// Photo capture through <input type=file capture>: works on every phone, no permissions prompt.

import { h } from "../ui.js";
import { icon } from "../icons.js";
import { t } from "../i18n.js";
import { field } from "./_field.js";
import { safeImageSrc } from "./image.js";

const MAX_SIDE = 1280;

/** A picked image file as a downscaled JPEG data URL. */
export async function fileToDataUrl(file) {
  if (!file || !/^image\//.test(file.type)) return null;
  const bitmap = await createImageBitmap(file).catch(() => null);
  if (!bitmap) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/jpeg", 0.85);
}

function picker() {
  return h("input", { type: "file", accept: "image/*", capture: "environment", class: "fc-visually-hidden", tabindex: "-1", "aria-hidden": "true" });
}

/** Ask for one photo (the take_photo action). */
export function pickPhoto() {
  return new Promise((resolve) => {
    const input = picker();
    input.addEventListener("change", async () => { resolve(await fileToDataUrl(input.files[0])); input.remove(); });
    input.addEventListener("cancel", () => { resolve(null); input.remove(); });
    document.body.append(input);
    input.click();
  });
}

export default function cameraPhoto(w, ctx) {
  const max = Number(w.p.max_photos) || 1;
  let photos = [];
  const input = picker();
  if (max > 1) input.multiple = true;
  const thumbs = h("div", { class: "fc-thumbs" });
  const take = h("button", { type: "button", class: "fc-btn fc-btn-secondary" }, icon("photo_camera", 20), h("span", { text: t("fc.take_photo") }));
  const control = h("div", { class: "fc-photo" }, thumbs, take, input);
  const value = () => (max > 1 ? photos.slice() : (photos[0] || null));
  let changed = () => {};
  // the thumbnails of `photos`; run after every change here too, since the field only shows a
  // value from outside while its button (which keeps the focus after a tap) is not focused
  const render = () => {
    thumbs.replaceChildren(...photos.map((src, i) => {
      const remove = h("button", { type: "button", class: "fc-thumb-remove", "aria-label": t("fc.remove_photo", { number: i + 1 }) }, icon("close", 16));
      remove.addEventListener("click", () => { photos.splice(i, 1); render(); changed(); });
      return h("div", { class: "fc-thumb" }, h("img", { src, alt: t("fc.photo", { number: i + 1 }) }), remove);
    }));
    take.hidden = photos.length >= max;
  };
  const made = field(w, ctx, control, {
    focusTarget: take,
    read: value,
    show: (v) => {
      photos = (Array.isArray(v) ? v : (v ? [v] : [])).map(safeImageSrc).filter(Boolean);
      render();
    },
  });
  const wrap = made.wrap;
  changed = made.changed;
  take.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    for (const file of [...input.files].slice(0, max - photos.length)) {
      const url = await fileToDataUrl(file);
      if (url) photos.push(url);
    }
    input.value = "";
    render();
    changed();
  });
  const label = wrap.querySelector("label");
  if (label) label.setAttribute("for", take.id = ctx.domId(w, "-take"));
  return wrap;
}
