/**
 * The container engines the `container` runtime drives, as argv builders.
 * runc and crun run an OCI bundle directly; podman and docker run an image
 * imported (offline) from the same root filesystem. Each engine is one mode
 * of the `container` runtime (`aot`, modeName = the engine).
 */

export const ENGINE_NAMES = ['runc', 'crun', 'podman', 'docker'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Every container wasmbench starts is named with this prefix and its own pid, so a later run can tell leftovers. */
export const CONTAINER_PREFIX = 'wasmbench-';

export interface Engine {
  name: EngineName;
  kind: 'bundle' | 'image';
  /** How to install it when missing. */
  install: string;
}

export const ENGINES: Record<EngineName, Engine> = {
  runc: {
    name: 'runc',
    kind: 'bundle',
    install: 'apt-get install runc (run wasmbench as root; rootless runc needs a user namespace in config.json)',
  },
  crun: { name: 'crun', kind: 'bundle', install: 'apt-get install crun' },
  podman: { name: 'podman', kind: 'image', install: 'apt-get install podman' },
  docker: {
    name: 'docker',
    kind: 'image',
    install: 'install Docker Engine (docker.io) and start its daemon (systemctl start docker)',
  },
};

/** Where a container's program comes from: a bundle directory or an image reference. */
export interface ContainerSource {
  bundleDir?: string;
  image?: string;
  /** Absolute path of the program inside the container, e.g. `/hello`. */
  program: string;
}

/**
 * One fresh container per sample. runc/crun `run` creates, starts, waits and
 * deletes; podman/docker `run --rm -i` do the same for an image, with stdin
 * passed through (the cgi variant feeds the request body on it).
 */
export function runArgv(engine: Engine, bin: string, source: ContainerSource, id: string, args: string[]): string[] {
  if (engine.kind === 'bundle') return [bin, 'run', '--bundle', source.bundleDir!, id];
  return [
    bin,
    'run',
    '--rm',
    '-i',
    '--name',
    id,
    '--network',
    'none',
    '--log-driver',
    'none',
    source.image!,
    source.program,
    ...args,
  ];
}

/** Kills and removes a container whatever its state; a container that is already gone makes it fail harmlessly. */
export function removeArgv(engine: Engine, bin: string, id: string): string[] {
  return engine.kind === 'bundle' ? [bin, 'delete', '--force', id] : [bin, 'rm', '--force', id];
}

/** Lists every container's name, one per line. */
export function listArgv(engine: Engine, bin: string): string[] {
  return engine.kind === 'bundle' ? [bin, 'list', '--quiet'] : [bin, 'ps', '--all', '--format', '{{.Names}}'];
}

/** The engine's version line; docker asks the daemon, so a missing daemon shows here. */
export function versionArgv(bin: string): string[] {
  return [bin, '--version'];
}

/** podman/docker: the image from a tarball of the root filesystem, no registry involved. */
export function importArgv(bin: string, tarball: string, image: string, program: string): string[] {
  return [bin, 'import', '--change', `CMD ["${program}"]`, tarball, image];
}

export function removeImageArgv(bin: string, image: string): string[] {
  return [bin, 'rmi', '--force', image];
}

/** The pid embedded in a wasmbench container name (`wasmbench-<pid>-<n>`), or null for other containers. */
export function ownerPid(name: string): number | null {
  const match = new RegExp(`^${CONTAINER_PREFIX}(\\d+)-`).exec(name.trim());
  return match ? Number(match[1]) : null;
}

/** A fix for an engine error we recognise, or null. */
export function fixFor(engine: EngineName, message: string): string | null {
  if (/setrlimit|RLIMIT_/.test(message))
    return 'the sandbox forbids raising resource limits; run on a host (or a privileged container) that allows setrlimit, or use runc';
  if (/cgroups in hybrid mode|cgroup.*not supported/i.test(message))
    return 'boot with a unified cgroup v2 hierarchy (systemd.unified_cgroup_hierarchy=1), or use runc';
  if (/Cannot connect to the Docker daemon|docker daemon/i.test(message))
    return 'start the daemon (systemctl start docker) and make its socket readable';
  if (/permission denied|operation not permitted|EPERM/i.test(message))
    return `run as root, or configure rootless ${engine}`;
  return null;
}
