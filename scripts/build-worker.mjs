// Bundles the worker (and the sync benchmark's child, which must run the same way) into `.build/`
// with esbuild: plain `node` then runs it without tsx's loader thread and in-process compiler,
// ≈ 45 MB less resident memory per worker (bench/README.md, issue 5 "peak RSS"). Packages stay
// external (resolved from node_modules as usual); `@/…` paths come from tsconfig.json.
import { build } from 'esbuild';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ENTRIES = {
  worker: 'server/worker/main.ts',
  'sync-bench-initial': 'bench/sync-bench-initial.ts',
};

/** Returns the absolute path of `.build/<name>.mjs`. */
export async function bundle(name) {
  const entry = ENTRIES[name];
  if (!entry) throw new Error(`unknown bundle ${name}`);
  const outfile = path.join(root, '.build', `${name}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  for (const n of names.length ? names : ['worker']) await bundle(n);
}
