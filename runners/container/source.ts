/**
 * What a container is started from, made and removed as one thing: the OCI
 * bundle (rootfs holding only the static binary, and config.json) and, for
 * podman/docker, an image imported offline from a tarball of that rootfs.
 * A `warm` case makes one before its samples; a `cold` case one per sample.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBundle, removeBundle } from './bundle.ts';
import { runAtExit } from './cleanup.ts';
import { importArgv, removeImageArgv, type ContainerSource, type Engine } from './engines.ts';
import { probe, runUntimed } from '../cli/probe.ts';

/** Everything needed to make a case's source again (a cold case makes one per sample). */
export interface SourceRecipe {
  engine: Engine;
  /** The engine's binary. */
  bin: string;
  /** The static build of the fixture. */
  binary: string;
  fixtureName: string;
  args: string[];
  /** The case's private directory (the image engines' tarball is written there). */
  workDir: string;
}

/** A made source and how to remove it. */
export interface MadeSource extends ContainerSource {
  bundleDir: string;
  rootfs: string;
  /** Cancels the exit-time `rmi` once the image is removed. */
  forgetImage?: () => void;
}

/** The image engines' copy of the bundle's root filesystem: imported from a tarball, offline. */
async function importImage(r: SourceRecipe, rootfs: string, tag: string, program: string): Promise<void> {
  const tarball = join(r.workDir, 'rootfs.tar');
  await runUntimed(['tar', '-C', rootfs, '-cf', tarball, '.'], 'packing the container rootfs');
  await probe(removeImageArgv(r.bin, tag));
  try {
    await runUntimed(importArgv(r.bin, tarball, tag, program), `${r.engine.name} import`);
  } finally {
    await rm(tarball, { force: true });
  }
}

/** A fresh bundle (and image); `instance` names a cold sample's own copy. */
export async function makeSource(r: SourceRecipe, instance?: string): Promise<MadeSource> {
  const bundle = await makeBundle(r.binary, r.fixtureName, r.args, instance);
  const made: MadeSource = { bundleDir: bundle.dir, rootfs: bundle.rootfs, program: bundle.program };
  if (r.engine.kind === 'image') {
    const image = `wasmbench/${r.fixtureName}:${bundle.dir.split('/').at(-1)}`;
    // Registered before the import, so a run killed during it still removes a half-made image.
    made.forgetImage = runAtExit(removeImageArgv(r.bin, image));
    await importImage(r, bundle.rootfs, image, bundle.program);
    made.image = image;
  }
  return made;
}

/** Removes the image (if any) and the bundle; a failed `rmi` is left to the exit-time one. */
export async function removeSource(r: SourceRecipe, made: MadeSource): Promise<void> {
  if (made.image) {
    const removed = await probe(removeImageArgv(r.bin, made.image), { timeoutMs: 60_000 });
    if (removed.ok) made.forgetImage?.();
  }
  await removeBundle(made.bundleDir);
}
