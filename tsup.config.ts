import { defineConfig } from 'tsup';

/** Every subpath of DESIGN.md is its own entry, so `sgd-dynamics/random` loads only what it needs. */
export const subpaths = [
  'core',
  'random',
  'objectives',
  'optim',
  'spectral',
  'diffusion-maps',
  'langevin',
  'fokker-planck',
  'kramers',
  'analysis',
  'testing',
] as const;

const entry: Record<string, string> = { index: 'src/index.ts' };
for (const s of subpaths) entry[`${s}/index`] = `src/${s}/index.ts`;
// The worker module that simulateEnsemble({ workers > 1 }) loads beside the langevin entry.
entry['langevin/ensemble-worker'] = 'src/langevin/ensemble-worker.ts';

export default defineConfig([
  {
    entry,
    format: ['esm', 'cjs'],
    // Declarations come from scripts/build-types.mjs (one .d.ts/.d.cts per source file, readable
    // and navigable) rather than from tsup's bundled dts, which splits shared types into hashed chunks.
    dts: false,
    splitting: true,
    treeshake: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    // Keep `node:fs` etc. as written: a browser bundler then knows them for Node built-ins (the
    // library loads them lazily, only in the worker pool).
    removeNodeProtocol: false,
    external: [/^node:/],
    outDir: 'dist',
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    splitting: false,
    clean: false,
    target: 'es2022',
    platform: 'node',
    outDir: 'dist',
    // The command's own dependencies are imported, never inlined (they are "dependencies", which tsup
    // leaves external anyway; listed so that moving one elsewhere cannot inline it silently).
    external: ['commander', '@observablehq/plot', 'linkedom'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
