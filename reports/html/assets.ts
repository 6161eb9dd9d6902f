/**
 * The browser builds of vega, vega-lite and vega-embed, read from
 * node_modules and inlined into report.html so it works offline and makes no
 * network request (no CDN).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WasmbenchError } from '../../core/errors.ts';

const require = createRequire(import.meta.url);

/** Package → its minified UMD build, which sits next to the package's resolved entry in build/. */
const BUNDLES: [pkg: string, file: string][] = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];

export async function browserBundles(): Promise<{ name: string; source: string }[]> {
  return Promise.all(
    BUNDLES.map(async ([pkg, file]) => {
      const path = join(dirname(require.resolve(pkg)), file);
      const source = await readFile(path, 'utf8').catch((err: Error) => {
        throw new WasmbenchError(
          `cannot read ${path} for report.html (${err.message})`,
          1,
          `reinstall dependencies: npm ci (package ${pkg})`,
        );
      });
      return { name: file, source };
    }),
  );
}
