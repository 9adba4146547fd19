import { box } from "./_container.js";

export default function tabPage(w, ctx) { return box(w, ctx, "div", "column"); }
