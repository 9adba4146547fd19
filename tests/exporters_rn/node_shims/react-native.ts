// Test stand-in for react-native in node: the data layer listens to AppState and builds
// multipart bodies as on the web (node has FormData and Blob).
export const AppState = {
  addEventListener: (_type: string, _fn: (state: string) => void) => ({ remove: () => undefined }),
};
export const Platform = { OS: "web" as const };
