// Shared by the fault-injection tests: run the real CLI as a user would, with faults around it.
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/wasmbench.mjs');

export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `wb-fault-${name}-`));
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `wasmbench ARGS` to completion (CI=true: no progress bar). */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): CliResult {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
    timeout: 240_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** Started in a process group of its own, as a terminal runs a foreground job. */
export function startInGroup(argv: string[], options: SpawnOptions = {}) {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    env: { ...process.env, CI: 'true', ...options.env },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += String(d)));
  child.stdout!.on('data', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stderr: () => stderr };
}

/** A fake `wasm3` on its own PATH directory, running `script` (sh). */
export function fakeRuntime(name: string, script: string): string {
  const dir = join(scratch(`fake-${name}`), 'bin');
  mkdirSync(dir);
  writeFileSync(join(dir, 'wasm3'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'wasm3'), 0o755);
  return dir;
}

export function withPath(dir: string): NodeJS.ProcessEnv {
  return { PATH: `${dir}:${process.env.PATH}` };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Processes whose command line contains `marker` (read from /proc). */
export function processesWith(marker: string): string[] {
  const r = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}
