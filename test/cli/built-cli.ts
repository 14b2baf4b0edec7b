/**
 * The built command (dist/cli/main.js) for tests that spawn it: built with `npm run build`'s tsup
 * step when it is missing or older than a source file of src/cli (as when a test runs alone after
 * an edit, outside `npm test`, which builds first).
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../package/built';

export const CLI_MAIN = join(root, 'dist', 'cli', 'main.js');

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile()) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

/** The path of dist/cli/main.js, built first if missing or stale. */
export function builtCli(): string {
  if (!existsSync(CLI_MAIN) || statSync(CLI_MAIN).mtimeMs < newest(join(root, 'src', 'cli'))) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'], { cwd: root, stdio: 'inherit' });
    execFileSync(process.execPath, [join(root, 'scripts', 'build-types.mjs')], { cwd: root, stdio: 'inherit' });
  }
  return CLI_MAIN;
}
