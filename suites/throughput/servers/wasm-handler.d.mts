/** Types of wasm-handler.mjs. */
export declare function loadWasmHandler(
  wasmPath: string,
  strategy: string,
): (body: Uint8Array, rounds: number) => string;
