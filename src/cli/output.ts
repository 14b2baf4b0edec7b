/**
 * The report folder: where it goes by default, whether a given one may be used (absent, or an empty
 * folder, under a writable parent), and writing it atomically: every file goes into a temporary
 * sibling folder `.<name>.partial-XXXXXX`, which is then renamed into place, so a reader never sees
 * a half-written report and a failure or Ctrl-C leaves nothing behind.
 *
 * @module
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The folder the default reports go under, relative to the working directory. */
export const DEFAULT_REPORT_ROOT = 'sgd-dynamics-report';

/** Whether `path` is absent, or an empty folder. */
function isFree(path: string): boolean {
  if (!existsSync(path)) return true;
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}

/**
 * The default report folder for `name` under `cwd`: ./sgd-dynamics-report/<name>, or <name>-2,
 * <name>-3, … when that one is taken (exists and is not empty), so that running the tour twice works.
 */
export function defaultOutDir(cwd: string, name: string): string {
  const base = join(resolve(cwd), DEFAULT_REPORT_ROOT, name);
  if (isFree(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (isFree(candidate)) return candidate;
  }
}

/**
 * Why `path` cannot take a report, or null when it can: it must be absent or an empty folder, and its
 * nearest existing ancestor must be a writable folder. `path` is taken relative to `cwd`; `argument`
 * names it in the message.
 */
export function outDirProblem(path: string, cwd: string, argument = '--out'): string | null {
  const full = resolve(cwd, path);
  if (existsSync(full)) {
    const st = statSync(full);
    if (!st.isDirectory()) return `sgd-dynamics: ${argument}: expected a folder that is absent or empty, received ${JSON.stringify(path)} (a file)`;
    const n = readdirSync(full).length;
    if (n > 0)
      return `sgd-dynamics: ${argument}: expected a folder that is absent or empty, received ${JSON.stringify(path)} (holds ${n} entr${n === 1 ? 'y' : 'ies'})`;
  }
  let ancestor = dirname(full);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) {
    return `sgd-dynamics: ${argument}: expected a folder path that can be created, received ${JSON.stringify(path)} (${ancestor} is a file)`;
  }
  try {
    accessSync(ancestor, constants.W_OK);
  } catch {
    return `sgd-dynamics: ${argument}: expected a writable location, received ${JSON.stringify(path)} (${ancestor} is not writable)`;
  }
  return null;
}

/**
 * Writes `files` (relative name → contents) into the folder `target` atomically: into a temporary
 * sibling first, then renamed into place (an empty `target` is replaced). Synchronous from start to
 * end, so that a signal handler cannot run in the middle. On failure the temporary folder is removed
 * and the error rethrown; `target` is then as it was.
 */
export function writeFolderAtomically(target: string, files: ReadonlyMap<string, string>): void {
  const full = resolve(target);
  const parent = dirname(full);
  mkdirSync(parent, { recursive: true });
  const temp = mkdtempSync(join(parent, `.${basename(full)}.partial-`));
  try {
    for (const [name, contents] of files) {
      const path = join(temp, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents);
    }
    if (existsSync(full)) rmdirSync(full); // empty, as checked; rmdir refuses otherwise
    renameSync(temp, full);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
}
