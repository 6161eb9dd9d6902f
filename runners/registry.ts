/**
 * Adapters registered by id. Adding a runtime: write runners/<id>.ts, add it
 * here and to RUNTIME_IDS (runners/ids.ts).
 */
import { unknownName } from '../core/errors.ts';
import { RUNTIME_IDS } from './ids.ts';
import { nativeAdapter } from './native.ts';
import { containerAdapter } from './container/adapter.ts';
import { nodeAdapter } from './node.ts';
import type { RuntimeAdapter } from './types.ts';
import { wasmtimeAdapter } from './wasmtime/adapter.ts';
import { wasm3Adapter } from './wasm3.ts';
import { iwasmAdapter } from './iwasm.ts';
import { wasmerAdapter } from './wasmer.ts';
import { wasmedgeAdapter } from './wasmedge.ts';
import { wazeroAdapter } from './wazero.ts';

const ADAPTERS: RuntimeAdapter[] = [
  nodeAdapter,
  nativeAdapter,
  containerAdapter,
  wasmtimeAdapter,
  wasmerAdapter,
  wasmedgeAdapter,
  wasm3Adapter,
  iwasmAdapter,
  wazeroAdapter,
];

export function allAdapters(): RuntimeAdapter[] {
  return RUNTIME_IDS.map((id) => ADAPTERS.find((a) => a.id === id)).filter((a): a is RuntimeAdapter => a !== undefined);
}

export function adapterFor(id: string): RuntimeAdapter {
  const adapter = ADAPTERS.find((a) => a.id === id);
  if (!adapter)
    throw unknownName(
      'runtime',
      id,
      allAdapters().map((a) => a.id),
    );
  return adapter;
}
