// In-memory stand-in for expo-constants in node: an Expo config without run-time settings.
const Constants: { expoConfig: { extra: Record<string, unknown> } } = { expoConfig: { extra: {} } };

export default Constants;
