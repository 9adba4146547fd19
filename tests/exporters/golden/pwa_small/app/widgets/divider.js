import { h } from "../ui.js";

export default function divider() { return h("hr", { class: "fc-hr" }); }
