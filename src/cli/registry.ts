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
 * @example
 * ```ts no-run
 * const names = (await loadExperiments()).map((e) => e.name); // ['escape', 'limiting', 'flow', 'diffmap']
 * ```
 */
export async function loadExperiments(): Promise<readonly Experiment[]> {
  return (await import('./experiments/index')).EXPERIMENTS;
}
