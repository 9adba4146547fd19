export function isRunningInExpoGo(): boolean {
  return false;
}
export function registerRootComponent(): void {}
