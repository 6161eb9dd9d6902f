/**
 * Every runtime id wasmbench knows, in display order. Config validation
 * checks names against this list without loading the adapters.
 */
export const RUNTIME_IDS = [
  'node',
  'native',
  'container',
  'wasmtime',
  'wasmer',
  'wasmedge',
  'wasm3',
  'iwasm',
  'wazero',
] as const;
export type RuntimeId = (typeof RUNTIME_IDS)[number];
