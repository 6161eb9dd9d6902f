/**
 * `wasmbench serve <variant>`: start one throughput server by hand, exactly
 * as the suite starts it, so any load tool (wrk, hey, k6...) can be pointed
 * at it. Runs in the foreground until Ctrl-C; loopback only.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THROUGHPUT_VARIANTS, type ThroughputVariant } from '../../core/config/types.ts';
import { EXIT, type ExitCode, UsageError, unknownName, WasmbenchError } from '../../core/errors.ts';
import { adapterFor } from '../../runners/registry.ts';
import { intFlag } from '../int-flag.ts';
import type { RunSpec } from '../../runners/types.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_ROUNDS } from '../../suites/throughput/options.ts';
import { handlerFixture, REQUEST_BODY } from '../../suites/throughput/expected.ts';
import type { ServerSpec } from '../../suites/throughput/server-process.ts';
import {
  cgiServerSpec,
  findWasmtimeServe,
  isNodeHosted,
  nodeServerSpec,
  wasmtimeServeSpec,
  type ServeLimits,
} from '../../suites/throughput/variants.ts';

export interface ServeFlags {
  port?: string;
  runtime?: string;
  mode?: string;
  rounds?: string;
}

async function cgiSpec(
  runtimeId: string,
  modeName: string | undefined,
  rounds: number,
  workDir: string,
  limits: ServeLimits,
): Promise<ServerSpec> {
  const adapter = adapterFor(runtimeId);
  const detection = await adapter.detect();
  if (!detection.available)
    throw new WasmbenchError(
      `runtime ${runtimeId} is not available: ${detection.reason}`,
      EXIT.usage,
      detection.install,
    );
  const mode = modeName ? detection.modes.find((m) => m.mode === modeName) : detection.modes[0];
  if (!mode)
    throw unknownName(
      `mode of ${runtimeId}`,
      modeName!,
      detection.modes.map((m) => m.mode),
    );
  const cacheState = mode.cacheStates.includes('warm') ? 'warm' : mode.cacheStates[0];
  const fixture = await handlerFixture();
  const runSpec: RunSpec = { fixture, args: ['cgi', String(rounds)], env: {}, mode: mode.mode, cacheState, workDir };
  const prepared = await adapter.prepare(detection, runSpec);
  return cgiServerSpec(adapter.command(detection, runSpec, prepared), workDir, limits);
}

async function specFor(variant: ThroughputVariant, flags: ServeFlags, workDir: string): Promise<ServerSpec> {
  const port = intFlag('port', flags.port, { max: 65535, example: 8080 }) ?? 0;
  const rounds = intFlag('rounds', flags.rounds, { min: 1, max: 1_000_000, example: DEFAULT_ROUNDS }) ?? DEFAULT_ROUNDS;
  // No lifetime limit (started by hand), but the server goes when wasmbench goes: its stdin is our pipe.
  const limits: ServeLimits = {
    maxLifetimeMs: 0,
    exitOnStdinClose: true,
    port,
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
  };
  if (isNodeHosted(variant)) {
    const detection = await adapterFor('node').detect();
    const mode = detection.available ? detection.modes.find((m) => m.mode === (flags.mode ?? 'tiered')) : undefined;
    if (flags.mode && !mode)
      throw new UsageError(`node has no mode "${flags.mode}"`, 'use tiered, baseline or optimizing');
    return nodeServerSpec(variant, await handlerFixture(), rounds, mode?.flags ?? [], limits);
  }
  if (variant === 'cgi') {
    if (!flags.runtime)
      throw new UsageError('serve cgi needs --runtime ID', 'e.g. wasmbench serve cgi --runtime native --port 8080');
    return cgiSpec(flags.runtime, flags.mode, rounds, workDir, limits);
  }
  const found = await findWasmtimeServe(await handlerFixture());
  if (!found.ok) throw new WasmbenchError(found.reason.replace(/^skipped: /, ''), EXIT.usage);
  return wasmtimeServeSpec(found, port || 8080);
}

export async function serveCommand(variant: string, flags: ServeFlags): Promise<ExitCode> {
  if (!(THROUGHPUT_VARIANTS as readonly string[]).includes(variant))
    throw unknownName('variant', variant, THROUGHPUT_VARIANTS);
  const workDir = await mkdtemp(join(tmpdir(), 'wasmbench-serve-'));
  try {
    const spec = await specFor(variant as ThroughputVariant, flags, workDir);
    process.stderr.write(
      `wasmbench serve ${variant}: POST a body to it, e.g. curl -d '${REQUEST_BODY}' http://127.0.0.1:PORT/ (Ctrl-C stops it)\n`,
    );
    const [file, ...args] = spec.argv;
    const child = spawn(file, args, { stdio: ['pipe', 'inherit', 'inherit'], env: { ...process.env, ...spec.env } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise<number | null>((resolve) => {
      child.once('error', (err) => {
        process.stderr.write(`error: cannot start ${file}: ${err.message}\n`);
        resolve(1);
      });
      child.once('exit', (exitCode, signal) => resolve(signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : exitCode));
    });
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    return code === 0 ? EXIT.ok : code === 2 ? EXIT.usage : EXIT.measurementError;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
