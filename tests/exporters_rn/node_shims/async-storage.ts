// Test stand-in for @react-native-async-storage/async-storage: an in-memory map the test can read.
export const items = new Map<string, string>();

const AsyncStorage = {
  getItem: async (key: string): Promise<string | null> => items.get(key) ?? null,
  setItem: async (key: string, value: string): Promise<void> => {
    items.set(key, value);
  },
};
export default AsyncStorage;
