// A small built-in icon set (24×24, stroked), so no icon font is fetched from the network.

const P = {
  add: "M12 5v14M5 12h14",
  arrow_back: "M19 12H5M11 18l-6-6 6-6",
  chevron_right: "M9 6l6 6-6 6",
  check: "M5 12.5l4.5 4.5L19 7",
  close: "M6 6l12 12M18 6L6 18",
  search: "M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L20 20",
  sync: "M20 11a8 8 0 0 0-14.3-4.3L4 8.5M4 4v4.5h4.5M4 13a8 8 0 0 0 14.3 4.3L20 15.5M20 20v-4.5h-4.5",
  cloud_done: "M7 18.5h10a4.5 4.5 0 0 0 .5-9 6 6 0 0 0-11.5 1.5A3.8 3.8 0 0 0 7 18.5zM9 13.5l2 2 4-4",
  cloud_off: "M7 18.5h10.5M20.5 16a4.5 4.5 0 0 0-3-6.5 6 6 0 0 0-8-4.3M6.3 8.3A5.8 5.8 0 0 0 6 11a3.8 3.8 0 0 0 1 7.5M3 3l18 18",
  cloud_upload: "M7 18.5h10a4.5 4.5 0 0 0 .5-9 6 6 0 0 0-11.5 1.5A3.8 3.8 0 0 0 7 18.5zM12 16v-6M9.5 12.5L12 10l2.5 2.5",
  warning: "M12 4l9 16H3zM12 10v4.5M12 17.3v.2",
  error: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7.5v5.5M12 16.3v.2",
  info: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v5.5M12 7.7v.2",
  phone: "M6.5 3.5h3l1.5 4-2 1.5a11 11 0 0 0 6 6l1.5-2 4 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 4.5 5.5a2 2 0 0 1 2-2z",
  email: "M3.5 6h17v12h-17zM3.5 6.5l8.5 6.5 8.5-6.5",
  directions: "M12 2.8l9.2 9.2-9.2 9.2-9.2-9.2zM9 14v-3h5.5M12.5 8.5l2.5 2.5-2.5 2.5",
  place: "M12 21s-6.5-6.2-6.5-11a6.5 6.5 0 0 1 13 0c0 4.8-6.5 11-6.5 11zM12 12.3a2.3 2.3 0 1 0 0-4.6 2.3 2.3 0 0 0 0 4.6z",
  map: "M9 4.5l-5.5 2v13l5.5-2 6 2 5.5-2v-13l-5.5 2zM9 4.5v13M15 6.5v13",
  my_location: "M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M12 13.3a1.3 1.3 0 1 0 0-2.6 1.3 1.3 0 0 0 0 2.6z",
  add_shopping_cart: "M3 4h2.5l2.3 11h10.4l2-8H9M12 8v4M10 10h4M9 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2zM17 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2z",
  shopping_cart: "M3 4h2.5l2.3 11h10.4l2-8H6.3M9 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2zM17 20a1 1 0 1 0 0-2 1 1 0 0 0 0 2z",
  photo_camera: "M4 7.5h3.5L9 5h6l1.5 2.5H20v11H4zM12 16a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4z",
  qr_code_scanner: "M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M7 12h10",
  draw: "M4 20c3-1 4-4 6-4s1.5 3 4 3 3-2 6-2M14.5 4.5l3 3-8 8H6.5v-3z",
  event: "M4.5 6h15v14h-15zM4.5 10h15M8.5 3.5v4M15.5 3.5v4",
  schedule: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5.5l3.5 2",
  delete: "M5 7h14M10 7V4.5h4V7M7 7l1 13h8l1-13",
  edit: "M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4",
  refresh: "M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4.5v4.5H15",
  person: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 20.5a7.5 7.5 0 0 1 15 0",
  home: "M4 11l8-7 8 7M6 9.5V20h12V9.5",
  settings: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM12 2.5v3M12 18.5v3M4.6 4.6l2.1 2.1M17.3 17.3l2.1 2.1M2.5 12h3M18.5 12h3M4.6 19.4l2.1-2.1M17.3 6.7l2.1-2.1",
  star: "M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.8z",
  link: "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
  open_in_new: "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
  list: "M8 6h12M8 12h12M8 18h12M4 6h.1M4 12h.1M4 18h.1",
  inbox: "M4 13l2.5-8h11l2.5 8v6H4zM4 13h5l1 2h4l1-2h5",
};

const SVG_NS = "http://www.w3.org/2000/svg";

/** An inline SVG icon (decorative: hidden from screen readers). Unknown names draw a dot. */
export function icon(name, size = 24) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.classList.add("fc-icon");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", Object.prototype.hasOwnProperty.call(P, name) ? P[name] : "M12 14a2 2 0 1 0 0-4 2 2 0 0 0 0 4z");
  svg.appendChild(path);
  return svg;
}
