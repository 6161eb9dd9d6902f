/**
 * The container's contents: the fixture's native build linked statically,
 * alone in a minimal root filesystem, with an OCI config.json beside it.
 * Static binaries are cached like native builds; bundles live beside them in
 * wasmbench's cache: one per `warm` case (rebuilt and timed each run), one
 * per sample of a `cold` case (removed after the sample).
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildNative } from '../../fixtures/build.ts';
import type { Fixture } from '../../core/workloads/manifest.ts';
import { cachePath } from '../../core/cache-dir.ts';
import { nativeBuildKey } from '../native.ts';

export const STATIC_FLAG = '-static';

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The fixture linked with -static; a fixture that cannot link statically fails with the linker's message. */
export async function staticBinary(
  fixture: Fixture,
  cc: string,
  compilerVersion: string,
  arch: string,
): Promise<string> {
  const key = await nativeBuildKey(fixture, `${compilerVersion} ${STATIC_FLAG}`);
  const binary = cachePath('container', arch, 'bin', `${fixture.name}-${key}`);
  if (await exists(binary)) return binary;
  await mkdir(dirname(binary), { recursive: true });
  const tmp = `${binary}.tmp-${process.pid}`;
  const linked: Fixture = { ...fixture, nativeLdflags: [...fixture.nativeLdflags, STATIC_FLAG] };
  await buildNative(linked, tmp, cc);
  await rename(tmp, binary);
  return binary;
}

/**
 * The OCI runtime config: no terminal, read-only root, /proc and /dev as
 * usual, default namespaces and capabilities. No `rlimits` and no
 * `linux.resources`/`cgroupsPath`: sandboxes that forbid setrlimit or
 * cgroup writes still run it.
 */
export function ociConfig(rootfs: string, argv: string[], hostname = 'wasmbench'): Record<string, unknown> {
  const caps = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: argv,
      env: ['PATH=/'],
      cwd: '/',
      capabilities: { bounding: caps, effective: caps, permitted: caps, ambient: caps },
      noNewPrivileges: true,
    },
    root: { path: rootfs, readonly: true },
    hostname,
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      {
        destination: '/dev',
        type: 'tmpfs',
        source: 'tmpfs',
        options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
      },
      {
        destination: '/dev/pts',
        type: 'devpts',
        source: 'devpts',
        options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'],
      },
      {
        destination: '/dev/shm',
        type: 'tmpfs',
        source: 'shm',
        options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'],
      },
    ],
    linux: {
      namespaces: ['pid', 'network', 'ipc', 'uts', 'mount'].map((type) => ({ type })),
      maskedPaths: ['/proc/kcore', '/proc/keys', '/proc/timer_list', '/proc/sched_debug', '/sys/firmware'],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}

export interface Bundle {
  /** The bundle directory (config.json and rootfs/). */
  dir: string;
  rootfs: string;
  /** The program's path inside the container. */
  program: string;
}

/**
 * Where a bundle lives: keyed by the binary (itself keyed by sources and
 * compiler) and the guest argv, with `-<instance>` for a cold sample's own
 * bundle, and private to this process (`.<pid>`), so two runs at once never
 * rebuild a bundle under each other's containers.
 */
export function bundleDir(binary: string, argv: string[], instance?: string): string {
  const key = createHash('sha256').update(binary).update(JSON.stringify(argv)).digest('hex').slice(0, 16);
  return cachePath('container', 'bundles', `${key}${instance ? `-${instance}` : ''}.${process.pid}`);
}

/** What this process made, removed when it exits (a killed run's are swept by removeStaleBundles). */
const created = new Set<string>();
let exitHook = false;

function removeAtExit(dir: string): void {
  created.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of created) rmSync(d, { recursive: true, force: true });
  });
}

/** Builds the bundle afresh, so its cost (a warm case's precompileNs) is the same every run. */
export async function makeBundle(binary: string, name: string, args: string[], instance?: string): Promise<Bundle> {
  const program = `/${name}`;
  const dir = bundleDir(binary, [program, ...args], instance);
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const rootfs = join(tmp, 'rootfs');
  for (const sub of ['proc', 'dev', 'sys']) await mkdir(join(rootfs, sub), { recursive: true });
  await copyFile(binary, join(rootfs, name));
  const config = ociConfig(join(dir, 'rootfs'), [program, ...args]);
  await writeFile(join(tmp, 'config.json'), JSON.stringify(config, null, 2));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  removeAtExit(dir);
  return { dir, rootfs: join(dir, 'rootfs'), program };
}

/** Removes a bundle this process made (a cold sample's, after the sample). */
export async function removeBundle(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  created.delete(dir);
}

/** Earlier versions shared one bundle per key across runs: `<16 hex>` with no pid, nobody owns it now. */
const LEGACY_BUNDLE = /^[0-9a-f]{16}$/;

/** A legacy name holding a config.json wasmbench wrote (its hostname), so nothing else is touched. */
async function isLegacyBundle(parent: string, name: string): Promise<boolean> {
  if (!LEGACY_BUNDLE.test(name)) return false;
  const text = await readFile(join(parent, name, 'config.json'), 'utf8').catch(() => null);
  try {
    return text !== null && (JSON.parse(text) as { hostname?: unknown }).hostname === 'wasmbench';
  } catch {
    return false;
  }
}

/** Removes bundles (`<key>[-<n>].<pid>`, `*.tmp-<pid>`) of runs that were killed, and earlier versions' shared ones. */
export async function removeStaleBundles(): Promise<string[]> {
  const parent = cachePath('container', 'bundles');
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = /\.(?:tmp-)?(\d+)$/.exec(name)?.[1];
    const stale = pid ? Number(pid) !== process.pid && !pidAlive(Number(pid)) : await isLegacyBundle(parent, name);
    if (!stale) continue;
    await rm(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export { pidAlive };
