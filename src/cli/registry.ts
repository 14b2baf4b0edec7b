/**
 * The one place the command learns its experiments. The registry module (src/cli/experiments/index.ts,
 * `EXPERIMENTS` in the order escape, limiting, flow, diffmap) is imported lazily, so that `--help`
 * and argument errors do not load the library's numerical modules.
 *
 * @module
 */
import type { Experiment } from './experiment';

/**
 * The experiments the command can run, in the order the tour and `all` run them.
 *
 * While src/cli/experiments/index.ts is being written on another branch this returns an empty list;
 * at the merge the body becomes the one line
 * `return (await import('./experiments/index')).EXPERIMENTS;`
 * (test/cli/tour.test.ts fails until it does, once the registry file exists).
 *
 * @example
 * ```ts no-run
 * const names = (await loadExperiments()).map((e) => e.name); // ['escape', 'limiting', 'flow', 'diffmap']
 * ```
 */
// eslint-disable-next-line @typescript-eslint/require-await -- becomes an `await import(…)` at the merge
export async function loadExperiments(): Promise<readonly Experiment[]> {
  return [];
}
