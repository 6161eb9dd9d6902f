/**
 * Output directories. `checkOutDir` runs before anything is written and
 * turns every bad `--out` into a UsageError (exit 2) naming the fix: a file,
 * a path under a file, a pseudo filesystem (a recursive mkdir on procfs
 * spins forever), a directory we cannot write, or one that already holds a
 * run (never overwritten without --force).
 *
 * `OutDir` then writes into a hidden staging sibling (`.NAME.wasmbench-staging-PID`)
 * and moves it into place at `promote()`: the run calls that when its first
 * sample is recorded, so a usage or planning error, or a run that never
 * starts, leaves DIR (and the run it held) untouched. From then on every
 * write goes straight to DIR, so Ctrl-C or a crash keeps what was measured.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { pidAlive } from '../process/pid-alive.ts';

/** statfs(2) magic numbers of filesystems that hold no user files. */
const PSEUDO_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroupfs'],
  [0x63677270, 'cgroup2fs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x1cd1, 'devpts'],
  [0xcafe4a11, 'bpffs'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstorefs'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
  [0xf97cff8c, 'selinuxfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0x19800202, 'mqueue'],
]);

/** Checked by path before any system call: statfs itself is cheap, but nothing under these is ever a results dir. */
const PSEUDO_ROOTS = [
  ['/proc', 'procfs'],
  ['/sys', 'sysfs'],
] as const;

export interface ExistingRun {
  /** The results file found, relative to DIR. */
  file: string;
  runId: string | null;
  state: string | null;
}

export interface OutDirCheck {
  /** Absolute DIR. */
  dir: string;
  exists: boolean;
  existingRun: ExistingRun | null;
}

export interface CheckOptions {
  /** Replace a run already in DIR (only once the new one has started). */
  force?: boolean;
  /** Files (relative to DIR) whose presence means DIR holds a run. @default ['results.json'] */
  runFiles?: string[];
  /** How the user named the option, for messages. @default '--out' */
  flag?: string;
}

const NEW_DIR_HINT = 'choose another directory (the default results/<run-id>/ is always new)';

/** Throws a UsageError when DIR cannot (or must not) receive a run; never writes. */
export function checkOutDir(dir: string, options: CheckOptions = {}): OutDirCheck {
  const flag = options.flag ?? '--out';
  const abs = resolve(dir);
  const named = `${flag} ${dir}`;
  const root = PSEUDO_ROOTS.find(([prefix]) => abs === prefix || abs.startsWith(prefix + '/'));
  if (root) throw pseudoError(named, root[1]);
  const { path: existing, isDir } = nearestExisting(abs, named);
  if (existing === abs && !isDir)
    throw new UsageError(`${named} exists and is not a directory`, `remove or rename that file, or ${NEW_DIR_HINT}`);
  if (existing !== abs && !isDir)
    throw new UsageError(`${named} is under ${existing}, which is a file, not a directory`, NEW_DIR_HINT);
  const fsName = pseudoFilesystem(existing);
  if (fsName) throw pseudoError(named, fsName);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (err) {
    const what = existing === abs ? named : `${named}: its nearest existing parent ${existing}`;
    throw new UsageError(
      `${what} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      `fix its permissions, or ${NEW_DIR_HINT}`,
    );
  }
  const exists = existing === abs;
  const existingRun = exists ? findRun(abs, options.runFiles ?? ['results.json']) : null;
  if (existingRun && !options.force) {
    const id = existingRun.runId ? `run ${existingRun.runId}` : `a run (${existingRun.file} could not be read)`;
    throw new UsageError(
      `${named} already holds ${id}${existingRun.state ? ` (state ${existingRun.state})` : ''}; wasmbench never overwrites a run`,
      `pass --force to replace it once the new run has started, or ${NEW_DIR_HINT}`,
    );
  }
  return { dir: abs, exists, existingRun };
}

function pseudoError(named: string, fsName: string): UsageError {
  return new UsageError(
    `${named} is on ${fsName}, a pseudo filesystem that cannot hold results`,
    'choose a directory on a real disk, e.g. --out results/mine',
  );
}

/** The path itself or its nearest existing ancestor (stat follows symlinks, as writing would). */
function nearestExisting(abs: string, named: string): { path: string; isDir: boolean } {
  for (let p = abs; ; p = dirname(p)) {
    try {
      return { path: p, isDir: statSync(p).isDirectory() };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a component above is a file; keep walking up to name it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new UsageError(`${named}: cannot inspect ${p} (${code})`, NEW_DIR_HINT);
      if (dirname(p) === p) throw new UsageError(`${named}: no part of the path exists`, NEW_DIR_HINT);
    }
  }
}

function pseudoFilesystem(path: string): string | null {
  try {
    return PSEUDO_FILESYSTEMS.get(Number(statfsSync(path).type)) ?? null;
  } catch {
    return null;
  }
}

function findRun(abs: string, runFiles: string[]): ExistingRun | null {
  for (const file of runFiles) {
    const path = join(abs, file);
    if (!existsSync(path)) continue;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { runId?: unknown; state?: unknown };
      return {
        file,
        runId: typeof data.runId === 'string' ? data.runId : null,
        state: typeof data.state === 'string' ? data.state : null,
      };
    } catch {
      return { file, runId: null, state: null };
    }
  }
  return null;
}

const STAGING = /^\.(.+)\.wasmbench-staging-(\d+)$/;

/** A checked output directory, written through a staging sibling until promote(). */
export class OutDir {
  private state: 'staged' | 'promoted' | 'discarded' = 'staged';
  private firstCreated: string | undefined;

  private constructor(
    readonly check: OutDirCheck,
    private readonly staging: string,
  ) {}

  /** Check DIR, clean stale staging dirs of dead runs beside it, and create this run's. */
  static open(dir: string, options: CheckOptions = {}): OutDir {
    const check = checkOutDir(dir, options);
    const parent = dirname(check.dir);
    const firstCreated = makeDirs(parent);
    removeStaleStaging(parent, basename(check.dir));
    const staging = join(parent, `.${basename(check.dir)}.wasmbench-staging-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const out = new OutDir(check, staging);
    out.firstCreated = firstCreated;
    return out;
  }

  /** Where files go now: the staging dir, then DIR once promoted. */
  get path(): string {
    return this.state === 'staged' ? this.staging : this.check.dir;
  }

  get dir(): string {
    return this.check.dir;
  }

  /** False once discarded: DIR kept its old run, and this run writes nothing more. */
  get accepting(): boolean {
    return this.state !== 'discarded';
  }

  /** Move the staged run into DIR (replacing the run there, which --force allowed). Idempotent. */
  promote(): void {
    if (this.state !== 'staged') return;
    const { dir } = this.check;
    if (!existsSync(dir)) renameSync(this.staging, dir);
    else if (this.check.existingRun) replaceDir(dir, this.staging);
    else moveInto(dir, this.staging);
    this.state = 'promoted';
  }

  /** Drop the staged files (DIR keeps what it held), and the parents this run created. */
  discard(): void {
    if (this.state !== 'staged') return;
    rmSync(this.staging, { recursive: true, force: true });
    removeCreated(dirname(this.check.dir), this.firstCreated);
    this.state = 'discarded';
  }

  /**
   * The run is over, perhaps without a sample: keep its results (and their
   * reasons) when DIR held no run, else keep the old run. Returns whether
   * DIR now holds the new run.
   */
  settle(): boolean {
    if (this.state === 'staged') {
      if (this.check.existingRun) this.discard();
      else this.promote();
    }
    return this.state === 'promoted';
  }
}

/** mkdir -p without recursive mkdir (which spins on procfs); returns the first directory it created. */
function makeDirs(dir: string): string | undefined {
  const missing: string[] = [];
  for (let p = dir; !existsSync(p); p = dirname(p)) missing.unshift(p);
  for (const p of missing) mkdirSync(p);
  return missing[0];
}

function removeCreated(deepest: string, first: string | undefined): void {
  if (!first) return;
  for (let p = deepest; p.startsWith(first); p = dirname(p)) {
    try {
      rmdirSync(p);
    } catch {
      return;
    }
  }
}

/** Staging dirs left by a killed run (its pid gone) for the same DIR name. */
function removeStaleStaging(parent: string, name: string): void {
  for (const entry of readdirSync(parent)) {
    const m = STAGING.exec(entry);
    if (m && m[1] === name && !pidAlive(Number(m[2]))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/** --force: the old run moves aside, the new one takes its place, then the old one is deleted. */
function replaceDir(dir: string, staging: string): void {
  const old = join(dirname(dir), `.${basename(dir)}.wasmbench-old-${process.pid}`);
  try {
    renameSync(dir, old);
  } catch {
    // DIR cannot move (a mount point, say): replace its contents instead.
    for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
    moveInto(dir, staging);
    return;
  }
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
}

/** DIR exists and holds no run: move the staged files in beside whatever is there. */
function moveInto(dir: string, staging: string): void {
  try {
    renameSync(staging, dir); // succeeds when DIR is empty
    return;
  } catch {
    // not empty: move entry by entry
  }
  for (const entry of readdirSync(staging)) {
    rmSync(join(dir, entry), { recursive: true, force: true });
    renameSync(join(staging, entry), join(dir, entry));
  }
  rmdirSync(staging);
}
