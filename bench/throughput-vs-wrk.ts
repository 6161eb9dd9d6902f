// Acceptance benchmark for the throughput suite's load generator: on the
// same server, connection count and client CPU, wrk (C, multi-threaded) must
// reach at most 1/0.8 = 1.25x the requests/s our closed-loop driver
// (autocannon, as the suite runs it) reports. Our driver and wrk run in
// alternating blocks so load drift hits both alike.
//
//   npx tsx bench/throughput-vs-wrk.ts [--variant node-wasm-reuse] [--connections 16]
//        [--duration-ms 3000] [--blocks 7] [--rounds 16] [--clients N]
//
// Exit: 0 within the bound, 1 over it, 2 when wrk is missing or usage is bad.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { median } from 'simple-statistics';
import { which } from '../runners/which.ts';
import { expectedResponse, handlerFixture, REQUEST_BODY } from '../suites/throughput/expected.ts';
import { runClosedLoop, type LoadTarget } from '../suites/throughput/load-run.ts';
import { clientBusyShare } from '../suites/throughput/sample.ts';
import { cpuCount, pinned, planCpus } from '../suites/throughput/options.ts';
import { startServer } from '../suites/throughput/server-process.ts';
import { NODE_HOSTED, nodeServerSpec, type NodeHostedVariant } from '../suites/throughput/variants.ts';

const MAX_RATIO = 1 / 0.8;
const run = promisify(execFile);

function options() {
  const { values } = parseArgs({
    options: {
      variant: { type: 'string', default: 'node-wasm-reuse' },
      connections: { type: 'string', default: '16' },
      'duration-ms': { type: 'string', default: '3000' },
      clients: { type: 'string' },
      blocks: { type: 'string', default: '7' },
      rounds: { type: 'string', default: '16' },
    },
  });
  const variant = values.variant as NodeHostedVariant;
  const [connections, durationMs, blocks, rounds] = [
    values.connections,
    values['duration-ms'],
    values.blocks,
    values.rounds,
  ].map(Number);
  if (
    !NODE_HOSTED.includes(variant) ||
    ![connections, durationMs, blocks, rounds].every((n) => Number.isInteger(n) && n >= 1) ||
    durationMs < 1000
  ) {
    console.error(
      `usage: throughput-vs-wrk.ts [--variant ${NODE_HOSTED.join('|')}] [--connections N] [--duration-ms >=1000] [--blocks B] [--rounds R]`,
    );
    process.exit(2);
  }
  const clients = values.clients === undefined ? null : Number(values.clients);
  if (clients !== null && !(Number.isInteger(clients) && clients >= 1)) {
    console.error('--clients must be a whole number >= 1');
    process.exit(2);
  }
  return { variant, connections, durationMs, blocks, rounds, clients };
}

/** wrk's Requests/sec line (total requests / duration). */
function wrkRps(stdout: string): number {
  const match = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`no Requests/sec in wrk output:\n${stdout}`);
  return Number(match[1]);
}

async function main(): Promise<number> {
  const opts = options();
  const wrk = await which('wrk');
  if (!wrk) {
    console.error('wrk not found: apt-get install wrk');
    return 2;
  }
  const taskset = await which('taskset');
  const cpus = planCpus(true, taskset);
  const clientThreads = cpus.client ? cpuCount(cpus.client) : 1;
  // Our closed loop uses one autocannon process per client CPU, as the suite does, unless --clients says otherwise.
  const clientProcesses = opts.clients ?? clientThreads;
  const fixture = await handlerFixture();
  const spec = nodeServerSpec(opts.variant, fixture, opts.rounds, [], {
    maxLifetimeMs: 30 * 60_000,
    exitOnStdinClose: true,
    port: 0,
    requestTimeoutMs: 10_000,
  });
  const server = await startServer({ ...spec, argv: pinned(spec.argv, cpus.server, taskset) }, 30_000);
  const dir = mkdtempSync(join(tmpdir(), 'wasmbench-wrk-'));
  const script = join(dir, 'post.lua');
  writeFileSync(
    script,
    `wrk.method = "POST"\nwrk.body = ${JSON.stringify(REQUEST_BODY)}\nwrk.headers["Content-Type"] = "application/json"\n`,
  );
  const prefix = pinned([], cpus.client, taskset);
  const target: LoadTarget = {
    host: '127.0.0.1',
    port: server.port,
    path: '/',
    body: REQUEST_BODY,
    expectBody: expectedResponse(opts.rounds),
    connections: opts.connections,
    durationMs: opts.durationMs,
    timeoutMs: 10_000,
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    console.log(
      `server ${opts.variant} on CPU ${cpus.server ?? 'any'}, clients on CPU ${cpus.client ?? 'any'} (${cpus.reason ?? 'pinned with taskset'}); ${opts.connections} connections; ${clientProcesses} autocannon process(es), wrk -t${Math.min(clientThreads, opts.connections)}; load average ${loadavg()[0].toFixed(2)}`,
    );
    await runClosedLoop({ ...target, durationMs: 2000 }, prefix, clientProcesses); // JIT warmup of the server
    for (let block = 0; block < opts.blocks; block++) {
      // Alternate who goes first, so drift within a block favours neither.
      const order = block % 2 === 0 ? ['ours', 'wrk'] : ['wrk', 'ours'];
      let busy = 0;
      for (const who of order) {
        if (who === 'ours') {
          const mine = await runClosedLoop(target, prefix, clientProcesses);
          if (mine.mismatches || mine.non2xx || mine.errors)
            throw new Error(
              `our driver saw ${mine.errors} errors, ${mine.non2xx} non-2xx, ${mine.mismatches} wrong bodies`,
            );
          ours.push(mine.perSecond.reduce((a, b) => a + b, 0) / mine.perSecond.length);
          busy = clientBusyShare(mine);
        } else {
          const argv = [
            ...prefix,
            wrk,
            `-t${Math.min(clientThreads, opts.connections)}`,
            `-c${opts.connections}`,
            `-d${Math.round(opts.durationMs / 1000)}s`,
            '-s',
            script,
            `http://127.0.0.1:${server.port}/`,
          ];
          theirs.push(wrkRps((await run(argv[0], argv.slice(1))).stdout));
        }
      }
      console.log(
        `block ${block + 1}: wasmbench (autocannon) ${ours.at(-1)!.toFixed(0)} req/s, wrk ${theirs.at(-1)!.toFixed(0)} req/s, ratio ${(theirs.at(-1)! / ours.at(-1)!).toFixed(3)}; our client running or waiting for CPU ${(busy * 100).toFixed(0)}% of the time`,
      );
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // The ratio of each block's adjacent runs, then their median: robust to load drift between blocks.
  const ratio = median(theirs.map((t, i) => t / ours[i]));
  const verdict = ratio <= MAX_RATIO ? 'OK' : 'TOO SLOW';
  console.log(
    `median: wasmbench ${median(ours).toFixed(0)} req/s, wrk ${median(theirs).toFixed(0)} req/s; median per-block wrk/wasmbench = ${ratio.toFixed(3)} (bound ${MAX_RATIO.toFixed(2)}): ${verdict}`,
  );
  return ratio <= MAX_RATIO ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
