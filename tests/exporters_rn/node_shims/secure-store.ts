// Test stand-in for expo-secure-store (the OS keystore): an in-memory map the test can read.
export const items = new Map<string, string>();
export const WHEN_UNLOCKED_THIS_DEVICE_ONLY = 5;
export const state = { available: true };

export async function isAvailableAsync(): Promise<boolean> {
  return state.available;
}
export async function getItemAsync(key: string): Promise<string | null> {
  return items.get(key) ?? null;
}
export async function setItemAsync(key: string, value: string, _options?: object): Promise<void> {
  if (!/^[\w.-]+$/.test(key)) throw new Error(`invalid SecureStore key ${key}`);
  items.set(key, value);
}
