// Links actions open (call, e-mail, map, web page), shared by every JS target: built from
// untrusted text, so anything but http(s), mailto and tel is refused (null).

/** The schemes a link may use (each platform checks a URL's scheme against these). */
export const SAFE_SCHEMES: readonly string[] = ["https:", "http:", "mailto:", "tel:"];

/** `tel:` with the number's dialable characters, or null when none are left. */
export function telHref(number: string): string | null {
  const digits = number.replace(/[^0-9+*#]/g, "");
  return digits ? `tel:${digits}` : null;
}

/** `mailto:` for one plain address (with an optional subject), or null. */
export function mailHref(to: string, subject: string): string | null {
  const address = to.trim();
  if (!address || /[\s<>"]/.test(address)) return null;
  const query = subject ? `?subject=${encodeURIComponent(subject)}` : "";
  return `mailto:${encodeURIComponent(address).replace(/%40/g, "@")}${query}`;
}

/** A map search for an address, or null for an empty one. */
export function mapHref(address: string): string | null {
  const q = address.trim();
  return q ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(q)}` : null;
}
