// Run-time settings from the Expo config (app.json + app.config.js), not compiled into the code.
import Constants from "expo-constants";

interface SourceSettings {
  baseUrl?: string;
  /** run-time values of the operations' configured parameters (a tenant header) */
  params?: Record<string, string>;
}

const extra = (Constants.expoConfig?.extra ?? {}) as {
  fieldcraft?: { dataSources?: Record<string, SourceSettings> };
};

/** The base URL of data source ``name``: ``fromEnv`` (its EXPO_PUBLIC_<SOURCE>_BASE_URL,
 * which Expo reads when it starts or builds the app) when set, else app.json's setting. */
export function baseUrl(name: string, fromEnv: string | undefined): string {
  return fromEnv || extra.fieldcraft?.dataSources?.[name]?.baseUrl || "";
}

/** The configured parameter values of data source ``name`` (app.json / app.config.js
 * ``extra.fieldcraft.dataSources.<name>.params``). */
export function sourceParams(name: string): Record<string, string> {
  return extra.fieldcraft?.dataSources?.[name]?.params ?? {};
}
