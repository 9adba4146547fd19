// Test stand-in for expo-crypto: node's CSPRNG.
import { randomBytes } from "node:crypto";

export function getRandomBytes(count: number): Uint8Array {
  return new Uint8Array(randomBytes(count));
}
