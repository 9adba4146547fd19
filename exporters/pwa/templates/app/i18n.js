// Localization from the model's string tables: the user's language, else the app default.

import APP from "./model/app.js";
import { configure } from "./shared/rt.js";
import { fill } from "./shared/validate.js";

let table = {};

export function chooseLocale(preferred) {
  const available = Object.keys(APP.strings);
  const wanted = [preferred, ...(navigator.languages || [navigator.language])].filter(Boolean);
  for (const tag of wanted) {
    const lower = String(tag).toLowerCase();
    const exact = available.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const base = available.find((l) => l.toLowerCase() === lower.split("-")[0]);
    if (base) return base;
  }
  return APP.defaultLocale;
}

export function setLocale(locale) {
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  table = Object.assign(Object.create(null), own(APP.strings, APP.defaultLocale) ? APP.strings[APP.defaultLocale] : {},
    own(APP.strings, locale) ? APP.strings[locale] : {});
  configure({ strings: table });
  document.documentElement.lang = locale;
}

/** A built-in text by key (e.g. "fc.offline"; the model's string tables may reword it), with
 * `{name}` placeholders filled from `values`. The English defaults come with the tables. */
export function t(key, values = {}) {
  const text = Object.prototype.hasOwnProperty.call(table, key) ? String(table[key]) : key;
  return fill(text, values);
}
