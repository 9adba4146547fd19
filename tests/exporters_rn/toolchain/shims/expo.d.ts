// Test-only shim: the `expo` package (with @expo/cli and metro) is too heavy for the test
// toolchain. Generated projects import only this from it (index.ts), with this signature in
// expo 52.0.46 (build/launch/registerRootComponent.d.ts).
declare module "expo" {
  import type { ComponentType } from "react";

  export function registerRootComponent<P extends object>(component: ComponentType<P>): void;
}
