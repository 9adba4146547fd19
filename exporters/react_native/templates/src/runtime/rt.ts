// The expression runtime is shared with the PWA: src/shared/rt.ts (copied from Fieldcraft).
export * from "../shared/rt";
