/**
 * How each server variant is started: the argv of its process. Shared by the
 * suite and `wasmbench serve`, so a server started by hand is the one measured.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThroughputVariant } from '../../core/config/types.ts';
import type { Fixture } from '../../core/workloads/manifest.ts';
import { which } from '../../runners/which.ts';
import type { AvailableRuntime, RunSpec, RuntimeAdapter, SampleCommand } from '../../runners/types.ts';
import type { ServerSpec } from './server-process.ts';

export const NODE_SERVER_SCRIPT = fileURLToPath(new URL('./servers/node-server.mjs', import.meta.url));
export const CGI_SERVER_SCRIPT = fileURLToPath(new URL('./servers/cgi-server.mjs', import.meta.url));

/** Variants served by the Node server script (the node runtime only). */
export const NODE_HOSTED = ['node-js', 'node-wasm-reuse', 'node-wasm-fresh'] as const;
export type NodeHostedVariant = (typeof NODE_HOSTED)[number];

export function isNodeHosted(variant: ThroughputVariant): variant is NodeHostedVariant {
  return (NODE_HOSTED as readonly string[]).includes(variant);
}

export interface ServeLimits {
  /** 0: no limit (a server started by hand). */
  maxLifetimeMs: number;
  /** Stop when the parent closes our stdin (the suite's servers). */
  exitOnStdinClose: boolean;
  port: number;
  requestTimeoutMs: number;
}

function common(limits: ServeLimits): string[] {
  const args = ['--host', '127.0.0.1', '--port', String(limits.port)];
  if (limits.maxLifetimeMs > 0) args.push('--max-lifetime-ms', String(limits.maxLifetimeMs));
  if (limits.exitOnStdinClose) args.push('--exit-on-stdin-close');
  return args;
}

/** node-js / node-wasm-reuse / node-wasm-fresh; v8Flags select the V8 tier. */
export function nodeServerSpec(
  variant: NodeHostedVariant,
  fixture: Fixture,
  rounds: number,
  v8Flags: string[],
  limits: ServeLimits,
): ServerSpec {
  const wasm = variant === 'node-js' ? [] : ['--wasm', fixture.wasmPath];
  return {
    argv: [
      process.execPath,
      '--no-warnings',
      ...v8Flags,
      NODE_SERVER_SCRIPT,
      '--variant',
      variant,
      '--rounds',
      String(rounds),
      ...wasm,
      ...common(limits),
    ],
    readiness: 'announce',
  };
}

/** One process per request: `handler` is the adapter's command for `handler cgi ROUNDS`. */
export function cgiServerSpec(handler: SampleCommand, cwd: string, limits: ServeLimits): ServerSpec {
  return {
    argv: [
      process.execPath,
      '--no-warnings',
      CGI_SERVER_SCRIPT,
      '--command',
      JSON.stringify(handler.argv),
      '--env',
      JSON.stringify(handler.env ?? {}),
      '--cwd',
      handler.cwd ?? cwd,
      '--request-timeout-ms',
      String(limits.requestTimeoutMs),
      // A container per request: each run gets its own name, and a killed one is removed.
      ...(handler.instanceToken ? ['--instance-token', handler.instanceToken] : []),
      ...(handler.cleanupArgv ? ['--cleanup', JSON.stringify(handler.cleanupArgv)] : []),
      ...common(limits),
    ],
    readiness: 'announce',
  };
}

/**
 * The cgi server around an adapter's command for one case: prepares the case
 * (untimed) and serves its command, one process per request. `cwd` (a
 * workload's) wins over the adapter's: every runtime preopens its cwd as the
 * guest's `.`.
 */
export async function adapterCgiServer(
  adapter: RuntimeAdapter,
  runtime: AvailableRuntime,
  spec: RunSpec,
  limits: { maxLifetimeMs: number; requestTimeoutMs: number },
  cwd?: string,
): Promise<ServerSpec> {
  const prepared = await adapter.prepare(runtime, spec);
  const handler = adapter.command(runtime, spec, prepared);
  return cgiServerSpec({ ...handler, cwd: cwd ?? handler.cwd }, spec.workDir, {
    maxLifetimeMs: limits.maxLifetimeMs,
    exitOnStdinClose: true,
    port: 0,
    requestTimeoutMs: limits.requestTimeoutMs,
  });
}

/** The wasi-http component `wasmtime serve` needs; not built by this repo's clang 14 toolchain. */
export function wasmtimeComponentPath(fixture: Fixture): string {
  return join(fixture.dir, `${fixture.name}.component.wasm`);
}

export type WasmtimeServe = { ok: true; wasmtime: string; component: string } | { ok: false; reason: string };

export async function findWasmtimeServe(fixture: Fixture): Promise<WasmtimeServe> {
  const wasmtime = await which('wasmtime');
  if (!wasmtime)
    return {
      ok: false,
      reason:
        'skipped: not installed: the wasmtime CLI is not on PATH (https://wasmtime.dev; `wasmtime serve` needs the CLI, the Python bindings have no HTTP server)',
    };
  const component = wasmtimeComponentPath(fixture);
  if (!existsSync(component)) {
    return {
      ok: false,
      reason: `skipped: no wasi-http component of the handler at ${component}: building one needs a wasm32-wasip2 toolchain (wasi-sdk >= 22 or cargo-component), which this repo's fixture build does not have`,
    };
  }
  return { ok: true, wasmtime, component };
}

/** `wasmtime serve` binds the address it is given; the port is chosen free just before. */
export function wasmtimeServeSpec(found: { wasmtime: string; component: string }, port: number): ServerSpec {
  return { argv: [found.wasmtime, 'serve', '--addr', `127.0.0.1:${port}`, found.component], readiness: port };
}
