// Expo reads app.json, then this file. A data source's base URL is a run-time setting, not part
// of the code: EXPO_PUBLIC_<SOURCE>_BASE_URL (read when `expo start`, `expo export` or an EAS
// build runs) or else app.json's expo.extra.fieldcraft.dataSources.<source>.baseUrl. This file
// shows the effective values in `npx expo config`; the app reads them in src/config.ts.
module.exports = ({ config }) => {
  const fieldcraft = config.extra?.fieldcraft ?? {};
  const dataSources = {};
  for (const [name, settings] of Object.entries(fieldcraft.dataSources ?? {})) {
    const fromEnv = settings.env ? process.env[settings.env] : undefined;
    dataSources[name] = { ...settings, baseUrl: fromEnv || settings.baseUrl };
  }
  return { ...config, extra: { ...config.extra, fieldcraft: { ...fieldcraft, dataSources } } };
};
