export const Asset = {
  fromModule(module: unknown): { uri: string } {
    return { uri: String(module) };
  },
};
