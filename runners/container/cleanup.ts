/**
 * Nothing a run creates may outlive it in the engine's state. Each sample's
 * container is named `wasmbench-<pid>-<n>`; a sample that did not end by
 * itself (timeout, signal, failure) is followed by a forced delete, which
 * kills the whole container, not only the engine process. Containers whose
 * pid is gone (a run that was killed) are removed at the next run.
 */
import { execFileSync } from 'node:child_process';
import { pidAlive, removeStaleBundles } from './bundle.ts';
import { CONTAINER_PREFIX, listArgv, ownerPid, removeArgv, type Engine } from './engines.ts';
import { probe } from '../cli/probe.ts';

let counter = 0;

/** A container name no other sample of any run uses. */
export function nextContainerId(): string {
  counter += 1;
  return `${CONTAINER_PREFIX}${process.pid}-${counter}`;
}

/** Container names a killed run left behind (their pid is no longer alive). */
export function staleNames(listing: string, selfPid = process.pid): string[] {
  return listing
    .split('\n')
    .map((l) => l.trim())
    .filter((name) => {
      const pid = ownerPid(name);
      return pid !== null && pid !== selfPid && !pidAlive(pid);
    });
}

/** Forces the removal of one container; harmless when it is already gone. */
export async function removeContainer(engine: Engine, bin: string, id: string): Promise<string | null> {
  const result = await probe(removeArgv(engine, bin, id), { timeoutMs: 30_000 });
  if (result.ok || /does not exist|no such container/i.test(result.stderr)) return null;
  return `${removeArgv(engine, bin, id).join(' ')} failed: ${result.stderr.trim() || result.spawnError || `exit ${result.code}`}`;
}

/** Removes leftovers of killed runs: containers of dead pids and half-built bundles. Returns what it removed. */
export async function removeLeftovers(engine: Engine, bin: string): Promise<string[]> {
  const listed = await probe(listArgv(engine, bin), { timeoutMs: 30_000 });
  const removed: string[] = [];
  if (listed.ok) {
    for (const name of staleNames(listed.stdout)) {
      if ((await removeContainer(engine, bin, name)) === null) removed.push(name);
    }
  }
  removed.push(...(await removeStaleBundles()));
  return removed;
}

/** Commands run (synchronously, errors ignored) when this process exits: e.g. removing the images it imported. */
const atExit: string[][] = [];
let exitHook = false;

/** Registers argv to run at exit; the returned function cancels it (the thing was removed already). */
export function runAtExit(argv: string[]): () => void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const [file, ...args] of atExit) {
        try {
          execFileSync(file, args, { stdio: 'ignore', timeout: 30_000 });
        } catch {
          // Best effort: a later run's detection sweeps what is left.
        }
      }
    });
  }
  atExit.push(argv);
  return () => {
    const at = atExit.indexOf(argv);
    if (at >= 0) atExit.splice(at, 1);
  };
}
