/** Test helpers for tests of the built package (dist/), which `npm test` builds first. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds dist/ (`npm run build`: tsup, then the declarations) if it is missing, as when these tests run alone, outside `npm test`. */
export function ensureBuilt(): void {
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'index.d.ts'))) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'], { cwd: root, stdio: 'inherit' });
    execFileSync(process.execPath, [join(root, 'scripts', 'build-types.mjs')], { cwd: root, stdio: 'inherit' });
  }
}
