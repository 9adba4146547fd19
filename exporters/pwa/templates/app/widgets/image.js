import { h } from "../ui.js";
import { icon } from "../icons.js";
import { text } from "../shared/rt.js";

/** Image sources the app shows: exported assets, https URLs and captured data: images. */
export function safeImageSrc(value) {
  const src = text(value) || "";
  if (/^assets\/[A-Za-z0-9_][A-Za-z0-9_. \/-]*$/.test(src) && !src.includes("..")) return src;
  if (/^https:\/\//i.test(src)) return src;
  if (/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+\/=]+$/.test(src)) return src;
  return "";
}

export default function image(w, ctx) {
  const el = h("div", { class: "fc-image-box" });
  const img = h("img", { class: "fc-img", loading: "lazy", decoding: "async" });
  img.style.objectFit = w.p.fit === "contain" ? "contain" : "cover";
  img.alt = w.p.alt || w.al || "";
  const placeholder = h("div", { class: "fc-img-placeholder", role: "img", "aria-label": img.alt || "Image" }, icon("photo_camera", 32));
  ctx.bind(() => {
    const src = safeImageSrc(ctx.value(w, "src"));
    if (src) { if (img.getAttribute("src") !== src) img.src = src; el.replaceChildren(img); }
    else el.replaceChildren(placeholder);
  });
  if (w.a && w.a.tap) {
    el.tabIndex = 0; el.setAttribute("role", "button"); el.setAttribute("aria-label", img.alt || "Image");  // a button needs a name
    el.addEventListener("click", () => ctx.run(w, "tap"));
    el.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); ctx.run(w, "tap"); } });
  }
  return el;
}
