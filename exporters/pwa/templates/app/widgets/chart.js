// Bar, line and pie charts drawn as SVG from a bound collection, with a data table for
// screen readers.

import { h } from "../ui.js";
import { get, number, text } from "../shared/rt.js";
import { t } from "../i18n.js";

const NS = "http://www.w3.org/2000/svg";
const PALETTE = ["var(--fc-primary)", "var(--fc-secondary)", "#f9a825", "#8e24aa", "#e53935", "#3949ab", "#00acc1", "#6d4c41"];

function s(tag, attrs = {}, textContent = null) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (textContent !== null) el.textContent = textContent;
  return el;
}

function short(v) {
  const n = Math.abs(v);
  if (n >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function draw(svg, kind, points, width, height) {
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!points.length) return;
  if (kind === "pie") {
    const total = points.reduce((a, p) => a + Math.max(0, p.value), 0) || 1;
    const r = Math.min(height / 2 - 8, width / 4), cx = r + 8, cy = height / 2;
    let angle = -Math.PI / 2;
    points.forEach((p, i) => {
      const part = Math.max(0, p.value) / total, next = angle + part * 2 * Math.PI;
      const large = part > 0.5 ? 1 : 0;
      const d = part >= 0.9999 ? `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`
        : `M${cx},${cy}L${cx + r * Math.cos(angle)},${cy + r * Math.sin(angle)}A${r},${r} 0 ${large} 1 ${cx + r * Math.cos(next)},${cy + r * Math.sin(next)}Z`;
      svg.append(s("path", { d, fill: PALETTE[i % PALETTE.length] }));
      const ly = 16 + i * 20;
      if (ly < height - 4) {
        svg.append(s("rect", { x: 2 * r + 24, y: ly - 10, width: 12, height: 12, rx: 3, fill: PALETTE[i % PALETTE.length] }));
        svg.append(s("text", { x: 2 * r + 42, y: ly, class: "fc-chart-label" }, `${p.label} (${Math.round(part * 100)}%)`));
      }
      angle = next;
    });
    return;
  }
  const pad = { l: 8, r: 8, t: 18, b: 26 };
  const max = Math.max(0, ...points.map((p) => p.value)), min = Math.min(0, ...points.map((p) => p.value));
  const span = max - min || 1;
  const plotH = height - pad.t - pad.b, plotW = width - pad.l - pad.r;
  const y = (v) => pad.t + plotH * (1 - (v - min) / span);
  const step = plotW / points.length;
  svg.append(s("line", { x1: pad.l, x2: width - pad.r, y1: y(0), y2: y(0), class: "fc-chart-axis" }));
  const every = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    const x = pad.l + step * i + step / 2;
    if (i % every === 0) svg.append(s("text", { x, y: height - 8, "text-anchor": "middle", class: "fc-chart-label" }, p.label.slice(0, 12)));
  });
  if (kind === "line") {
    const coords = points.map((p, i) => `${pad.l + step * i + step / 2},${y(p.value)}`);
    svg.append(s("polyline", { points: coords.join(" "), fill: "none", stroke: PALETTE[0], "stroke-width": 2.5, "stroke-linejoin": "round" }));
    points.forEach((p, i) => svg.append(s("circle", { cx: pad.l + step * i + step / 2, cy: y(p.value), r: 3.5, fill: PALETTE[0] })));
  } else {
    const bw = Math.max(2, Math.min(48, step * 0.6));
    points.forEach((p, i) => {
      const x = pad.l + step * i + (step - bw) / 2;
      const top = Math.min(y(p.value), y(0)), hgt = Math.max(1, Math.abs(y(p.value) - y(0)));
      svg.append(s("rect", { x, y: top, width: bw, height: hgt, rx: 4, fill: PALETTE[0] }));
      if (points.length <= 12) svg.append(s("text", { x: x + bw / 2, y: top - 4, "text-anchor": "middle", class: "fc-chart-value" }, short(p.value)));
    });
  }
}

export default function chart(w, ctx) {
  const title = h("h3", { class: "fc-chart-title" });
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("role", "img");
  svg.classList.add("fc-chart-svg");
  const table = h("table", { class: "fc-visually-hidden" });
  const none = h("p", { class: "fc-chart-empty", text: t("fc.no_data") });
  const el = h("figure", { class: "fc-chart" }, title, svg, none, table);
  const height = Number(w.p.height) || 200;
  svg.style.height = `${height}px`;
  ctx.bind(() => {
    const heading = ctx.text(w, "title");
    title.textContent = heading;
    title.hidden = !heading;
    const raw = ctx.value(w, "items");
    const points = (Array.isArray(raw) ? raw : []).map((item) => ({
      label: text(w.p.label_field ? get(item, [w.p.label_field]) : "") || "",
      value: number(w.p.value_field ? get(item, [w.p.value_field]) : item) ?? 0,
    })).slice(0, 200);
    draw(svg, w.p.chart_type, points, 360, height);
    svg.style.display = points.length ? "" : "none";
    none.hidden = points.length > 0;
    svg.setAttribute("aria-label", `${w.al || heading || "Chart"}: ${points.map((p) => `${p.label} ${p.value}`).join(", ")}`);
    table.replaceChildren(h("caption", { text: heading || w.al || "" }),
      ...points.map((p) => h("tr", {}, h("th", { scope: "row", text: p.label }), h("td", { text: String(p.value) }))));
  });
  return el;
}
