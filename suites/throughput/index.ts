/**
 * The throughput suite: HTTP servers under test (node-js, node-wasm-reuse,
 * node-wasm-fresh, cgi per runtime, wasmtime serve), each its own process on
 * 127.0.0.1, loaded by a client in another process: max throughput (closed
 * loop) and latency at a fixed rate (open loop, corrected for coordinated
 * omission). See docs/throughput.md.
 */
import { UsageError } from '../../core/errors.ts';
import { assertValidWasm, type Fixture } from '../../core/workloads/manifest.ts';
import { which } from '../../runners/which.ts';
import type { ThroughputVariant } from '../../core/config/types.ts';
import type { CacheState, ModeSupport, RunSpec } from '../../runners/types.ts';
import { planMatrix } from '../../core/plan/matrix.ts';
import type { PlannedCase, RuntimeHandle, Suite, SuiteContext } from '../types.ts';
import { skippedThroughputCase, throughputCase, type ThroughputCaseSpec } from './cases.ts';
import { checkTwinAgainstOracle, handlerFixture } from './expected.ts';
import { planCpus, resolveThroughput, type ResolvedThroughput } from './options.ts';
import { freePort } from './server-process.ts';
import {
  adapterCgiServer,
  findWasmtimeServe,
  isNodeHosted,
  NODE_HOSTED,
  nodeServerSpec,
  wasmtimeServeSpec,
  type NodeHostedVariant,
} from './variants.ts';
import { modeVariant } from '../guest-case.ts';
import { workloadCgiCases } from './workload-cgi.ts';
import { cgiColdSkip } from './cgi-cold.ts';

type Common = Pick<ThroughputCaseSpec, 'fixture' | 'opts' | 'cpus' | 'tasksetPath'>;

/** A runtime's cells for one variant: its default tier unless modes are selected (a load run is long). */
function cells(
  ctx: SuiteContext,
  variant: ThroughputVariant,
  handles: RuntimeHandle[],
  common: Common,
  pick: (allowed: CacheState[]) => CacheState | undefined,
) {
  return planMatrix(ctx.config, handles, { workloads: [common.fixture], modes: 'default', cacheStates: pick }).map(
    (entry) =>
      entry.kind === 'skip'
        ? {
            skipped: skippedThroughputCase(
              variant,
              entry.handle.detection.id,
              entry.handle.detection.host,
              entry.reason,
            ),
          }
        : { cell: entry },
  );
}

function nodeCases(
  ctx: SuiteContext,
  variant: NodeHostedVariant,
  handle: RuntimeHandle | undefined,
  common: Common,
): PlannedCase[] {
  if (!handle) return [];
  return cells(ctx, variant, [handle], common, (allowed) => allowed[0]).map(
    ({ skipped, cell }) =>
      skipped ??
      throughputCase(ctx, {
        ...common,
        variant,
        runtime: cell!.handle.detection,
        mode: cell!.mode,
        cacheState: cell!.cacheState,
        async prepareServer(_workDir, maxLifetimeMs) {
          const spec = nodeServerSpec(variant, common.fixture, common.opts.rounds, cell!.mode.flags, {
            maxLifetimeMs,
            exitOnStdinClose: true,
            port: 0,
            requestTimeoutMs: common.opts.requestTimeoutMs,
          });
          return async () => spec;
        },
      }),
  );
}

// A warm cache is what a function host would run with; cold only when that is all there is.
// For the container, warm is also the only state that is "a container per request": one bundle (image), a fresh container each.
const preferWarm = (allowed: CacheState[]) => (allowed.includes('warm') ? 'warm' : allowed[0]);

function cgiCases(ctx: SuiteContext, handles: RuntimeHandle[], common: Common): PlannedCase[] {
  return cells(ctx, 'cgi', handles, common, preferWarm).map(({ skipped, cell }) => {
    if (skipped) return skipped;
    const {
      handle: { adapter, detection },
      mode,
      cacheState,
    } = cell!;
    const coldSkip = cgiColdSkip(cell!.handle, mode, cacheState);
    if (coldSkip) return coldSkip;
    return throughputCase(ctx, {
      ...common,
      variant: 'cgi',
      runtime: detection,
      mode,
      cacheState,
      modeVariant: modeVariant(detection.modes, mode),
      async prepareServer(workDir, maxLifetimeMs) {
        const runSpec: RunSpec = {
          fixture: common.fixture,
          args: ['cgi', String(common.opts.rounds)],
          env: {},
          mode: mode.mode,
          modeName: mode.modeName,
          cacheState,
          workDir,
        };
        const limits = { maxLifetimeMs, requestTimeoutMs: common.opts.requestTimeoutMs };
        const spec = await adapterCgiServer(adapter, detection, runSpec, limits);
        return async () => spec;
      },
    });
  });
}

async function wasmtimeCases(ctx: SuiteContext, common: Common): Promise<PlannedCase[]> {
  const found = await findWasmtimeServe(common.fixture);
  const mode: ModeSupport = { mode: 'optimizing', modeName: 'cranelift', flags: [], cacheStates: ['warm'] };
  if (!found.ok)
    return [
      skippedThroughputCase('wasmtime-serve', 'wasmtime', 'cli', {
        kind: 'unavailable',
        runtime: 'wasmtime',
        detail: found.reason,
      }),
    ];
  return [
    throughputCase(ctx, {
      ...common,
      variant: 'wasmtime-serve',
      runtime: { id: 'wasmtime', host: 'cli' },
      mode,
      cacheState: 'warm',
      async prepareServer() {
        return async () => wasmtimeServeSpec(found, await freePort());
      },
    }),
  ];
}

async function loadHandlerFixture(): Promise<Fixture> {
  const fixture = await handlerFixture().catch((err: Error) => {
    throw new UsageError(
      `throughput handler fixture: ${err.message}`,
      'rebuild it with `npx tsx fixtures/build.ts build handler`',
    );
  });
  assertValidWasm(fixture.wasmPath);
  checkTwinAgainstOracle(fixture);
  return fixture;
}

async function planAll(ctx: SuiteContext, opts: ResolvedThroughput): Promise<PlannedCase[]> {
  const tasksetPath = await which('taskset');
  const cpus = planCpus(opts.pin, tasksetPath);
  if (cpus.reason)
    ctx.bus.emit('message', {
      level: 'warn',
      text: `throughput: server and load generator not pinned: ${cpus.reason}`,
    });
  const common: Common = { fixture: await loadHandlerFixture(), opts, cpus, tasksetPath };
  const nodeHandle = ctx.runtimes.find((h) => h.detection.id === 'node');
  const cases: PlannedCase[] = [];
  for (const variant of opts.variants) {
    if (isNodeHosted(variant)) cases.push(...nodeCases(ctx, variant, nodeHandle, common));
    // The user's own modules replace the bundled handler in the cgi variant (those marked as CGI handlers run).
    else if (variant === 'cgi' && ctx.workloads)
      cases.push(...workloadCgiCases(ctx, ctx.workloads.workloads, common, preferWarm));
    else if (variant === 'cgi') cases.push(...cgiCases(ctx, ctx.runtimes, common));
    else if (opts.variantsExplicit || ctx.config.runtimes.includes('wasmtime'))
      cases.push(...(await wasmtimeCases(ctx, common)));
  }
  return cases;
}

export const throughputSuite: Suite = {
  id: 'throughput',
  description: `HTTP requests/s and latency under load: ${NODE_HOSTED.join(', ')}, cgi per runtime, wasmtime serve`,
  async plan(ctx) {
    return planAll(ctx, resolveThroughput(ctx.config));
  },
};
