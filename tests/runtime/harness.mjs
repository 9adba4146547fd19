// Runs the runtime behaviour table against the shared runtime as the PWA ships it (compiled ES
// modules). Usage: node harness.mjs <runtime dir> <prepared cases.json>; prints one JSON array
// of results per group. Expression code comes compiled by the Fieldcraft expression compiler.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dir, casesFile] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(join(dir, `${name}.js`)).href);
const rtm = await load("rt");
const validate = await load("validate");
const modules = {
  rt: rtm, validate, wire: await load("wire"), sync: await load("sync"), links: await load("links"),
  request: await load("request"), calls: await load("calls"),
};
const prepared = JSON.parse(readFileSync(casesFile, "utf-8"));

/** A compiled expression as the generated apps hold it: `(rt, s) => value`. */
const compiled = (code) => new Function("rt", "s", `return (${code});`);

function clockAt(iso) {
  const [d, t = "00:00:00"] = iso.split("T");
  const [y, m, day] = d.split("-").map(Number);
  const [h, min, s] = t.split(":").map(Number);
  return () => new Date(y, m - 1, day, h, min, s);
}

const runners = {
  expression(group) {
    rtm.configure({ strings: group.strings, clock: clockAt(group.now) });
    return group.cases.map((c) => {
      try {
        return { value: rtm.plain(compiled(c.code)(rtm.rt, group.data)) };
      } catch (e) {
        return { error: String(e) };
      }
    });
  },
  validation(group) {
    const say = (key, values) => validate.fill(group.messages[key] ?? key, values);
    return group.cases.map((c) => {
      const rules = c.rules.map((r) => (r.rule === "expression"
        ? { ...r, test: (s) => rtm.rt.truthy(rtm.evaluate(compiled(r.code), s)) } : r));
      return { value: validate.check(c.value, group.scope, rules, say) };
    });
  },
  call(group) {
    const mod = modules[group.module];
    const entities = group.entities ?? {};
    const itemOf = (name) => entities[name];
    /** Arguments as JSON cannot hold them: entities by name, callbacks, `random()`. */
    const adapt = {
      renamed: ([entity, rec, dir, odata]) => [entities[entity], rec, dir, odata, itemOf],
      pathValues: ([entity, rec, odata]) => [entities[entity], rec, odata, itemOf],
      retryDelay: ([attempts, random]) => [attempts, () => random],
    };
    return group.cases.map((c) => {
      try {
        const args = adapt[c.fn] ? adapt[c.fn](c.args) : c.args;
        const value = mod[c.fn](...args);
        return { value: value === undefined ? null : value };
      } catch (e) {
        return { error: String(e) };
      }
    });
  },
};

const out = {};
for (const [name, group] of Object.entries(prepared)) {
  const run = runners[group.kind];
  out[name] = run ? await run(group) : group.cases.map(() => ({ error: `no runner for ${group.kind}` }));
}
process.stdout.write(JSON.stringify(out));
