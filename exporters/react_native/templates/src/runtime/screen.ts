// Screen state for generated screens: parameters, variables and loaded data as one scope that
// compiled expressions read, plus validation of the screen's inputs.

import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { onChange, onRekey } from "../data/core";
import { replaceKeys } from "../shared/sync";
import { strings } from "../strings";
import { check as checkRules, fill, type Rule } from "../shared/validate";
import { get, isRecord, scope, setPath, text, type Rec, type Value } from "./rt";

export interface Query {
  name: string;
  source: string;
  entity: string;
  load: (s: Rec) => Promise<Value>;
}

export type { Rule } from "../shared/validate";

/** How to check one input: its value, whether it is shown, and its rules. */
export interface Validator {
  value: (s: Rec) => Value;
  visible: (s: Rec) => boolean;
  rules: readonly Rule[];
}

export interface ScreenModel {
  params: Rec;
  variables: (s: Rec) => Rec;
  queries: readonly Query[];
  validators: Readonly<Record<string, Validator>>;
}

export interface ScreenController {
  /** The state to render with. */
  s: Rec;
  loading: boolean;
  error: string | null;
  errors: Readonly<Record<string, string | null>>;
  /** The latest state (use inside event handlers). */
  current: () => Rec;
  /** Write a screen variable (or a field of one); returns the new state. */
  set: (parts: readonly string[], value: Value) => Rec;
  /** Check every visible input; shows the messages and returns whether all passed. */
  validate: () => boolean;
  reload: () => Promise<void>;
}

/** The message of the first rule `value` breaks, or null. */
export function check(value: Value, s: Rec, rules: readonly Rule[]): string | null {
  return checkRules(value, s, rules, (key, values) => fill(strings.t(key), values));
}

/** Rows of `rows` for which `test` holds, with the row visible as `row`. */
export function where(rows: Value, s: Rec, test: (r: Rec) => boolean): Rec[] {
  return (Array.isArray(rows) ? rows : []).filter(isRecord).filter((row) => test(scope(s, { row })));
}

/** Rows sorted by a field; a leading `-` sorts descending. Nulls sort last. */
export function sortBy(rows: Value, field: string): Rec[] {
  const list = (Array.isArray(rows) ? rows : []).filter(isRecord);
  const descending = field.startsWith("-");
  const name = descending ? field.slice(1) : field;
  return list.slice().sort((a, b) => {
    const x = get(a, [name]);
    const y = get(b, [name]);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number"
      ? x - y : (text(x) ?? "").localeCompare(text(y) ?? "");
    return descending ? -order : order;
  });
}

export function useScreen(model: ScreenModel): ScreenController {
  const [vars, setVars] = useState<Rec>(() => model.variables(scope(model.params, {})));
  const [data, setData] = useState<Rec>({});
  const [loading, setLoading] = useState(model.queries.length > 0);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  // temporary keys of records created offline → the server's, once it gave them (the
  // navigation parameters keep the temporary ones; the screen reads the server's)
  const [keys, setKeys] = useState<Readonly<Record<string, Value>>>({});
  const params = useMemo(() => replaceKeys(model.params, keys) as Rec, [model.params, keys]);
  // What event handlers read: set() and reload() update it before React re-renders
  const latest = useRef({ vars, data, params });
  useEffect(() => {
    latest.current = { ...latest.current, params };
  }, [params]);
  const current = useCallback(() => scope(scope(latest.current.params, latest.current.vars), latest.current.data),
    []);

  const reload = useCallback(async (): Promise<void> => {
    if (!model.queries.length) return;
    const loaded: Rec = {};
    let problem: string | null = null;
    for (const q of model.queries) {
      try {
        loaded[q.name] = await q.load(scope(scope(latest.current.params, latest.current.vars), loaded));
      } catch {
        loaded[q.name] = null;
        problem = strings.t("fc.load_failed");
      }
    }
    setData(loaded);
    latest.current = { ...latest.current, data: loaded };
    setError(problem);
    setLoading(false);
  }, [model]);

  useEffect(() => {
    // load after the commit: reload's state updates come from a promise, as for any fetch
    void Promise.resolve().then(reload);
    const entities = new Set(model.queries.map((q) => `${q.source}/${q.entity}`));
    const stopChanges = onChange((source, entity) => {
      if (entities.has(`${source}/${entity}`)) void reload();
    });
    const stopRekey = onRekey((aliases) => {
      const next = { vars: replaceKeys(latest.current.vars, aliases) as Rec,
        data: replaceKeys(latest.current.data, aliases) as Rec,
        params: replaceKeys(latest.current.params, aliases) as Rec };
      if (JSON.stringify(next) === JSON.stringify(latest.current)) return;
      latest.current = next;
      setVars(next.vars);
      setData(next.data);
      setKeys((old) => ({ ...old, ...aliases }));
      void reload();
    });
    return () => {
      stopChanges();
      stopRekey();
    };
  }, [reload, model.queries]);

  const validateOne = (name: string, s: Rec): string | null => {
    const v = model.validators[name];
    return v && v.visible(s) ? check(v.value(s), s, v.rules) : null;
  };

  const set = (parts: readonly string[], value: Value): Rec => {
    const [head] = parts;
    if (head !== undefined && Object.prototype.hasOwnProperty.call(latest.current.data, head)) {
      // a field of a loaded record (`customer.phone`): data hides variables of the same name
      const loaded = setPath(latest.current.data, parts, value);
      latest.current = { ...latest.current, data: loaded };
      setData(loaded);
    } else {
      const next = setPath(latest.current.vars, parts, value);
      latest.current = { ...latest.current, vars: next };
      setVars(next);
    }
    const s = current();
    setErrors((old) => {
      const failing = Object.keys(old).filter((k) => old[k]);
      if (!failing.length) return old;
      return Object.fromEntries(failing.map((k) => [k, validateOne(k, s)]));
    });
    return s;
  };

  const validate = (): boolean => {
    const s = current();
    const found = Object.fromEntries(Object.keys(model.validators).map((k) => [k, validateOne(k, s)]));
    setErrors(found);
    return Object.values(found).every((m) => m === null);
  };

  return { s: scope(scope(params, vars), data), loading, error, errors, current, set, validate, reload };
}

/** Run `action` once, when the screen's data has loaded for the first time. */
export function useLoaded(screen: ScreenController, action: (s: Rec) => Promise<void>): void {
  const done = useRef(false);
  useEffect(() => {
    if (screen.loading || done.current) return;
    done.current = true;
    void action(screen.current());
  }, [screen, action]);
}

/** The latest screen state with the list aliases of `old` (e.g. `item`) kept in scope. */
export function rescope(next: Rec, old: Rec, aliases: readonly string[]): Rec {
  return scope(next, Object.fromEntries(aliases.map((a) => [a, get(old, [a])])));
}

/** Options of a dropdown bound to data: records with value/label, or plain values. */
export function optionsOf(v: Value): { value: string; label: string }[] {
  return (Array.isArray(v) ? v : []).map((o) => {
    if (isRecord(o)) {
      const value = text(get(o, ["value"])) ?? "";
      return { value, label: text(get(o, ["label"])) || value };
    }
    const value = text(o) ?? "";
    return { value, label: value };
  });
}
