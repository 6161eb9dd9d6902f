/**
 * Children started in their own process group (spawn `detached: true`, i.e.
 * setsid) so that a timeout can kill the child and everything it started,
 * not only the child: a timed-out probe used to leave its grandchildren
 * running, adopted by init. Groups still alive when Node exits (a second
 * Ctrl-C, an uncaught error) are killed too: they are not in the
 * terminal's foreground group, so its Ctrl-C never reaches them.
 */
const live = new Set<number>();
let exitHook = false;

/** SIGKILL the whole group led by `pid`; a group already gone is fine. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: every member has exited.
  }
}

/** Kill this group when Node exits, until `release` is called. */
export function trackGroup(pid: number | undefined): () => void {
  if (!pid) return () => {};
  live.add(pid);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const p of live) killGroup(p);
    });
  }
  return () => live.delete(pid);
}
