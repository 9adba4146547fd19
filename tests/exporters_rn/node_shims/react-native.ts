// Test stand-in for react-native: the data layer only listens to AppState.
export const AppState = {
  addEventListener: (_type: string, _fn: (state: string) => void) => ({ remove: () => undefined }),
};
