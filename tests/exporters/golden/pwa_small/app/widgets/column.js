import { box } from "./_container.js";

export default function column(w, ctx) { return box(w, ctx, "div", "column"); }
