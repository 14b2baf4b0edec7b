/**
 * Joins the shards of an ensemble (results of `simulateEnsemble` over disjoint `walkerRange`s) into
 * the one-run result.
 *
 * @module
 */
import ndarray from 'ndarray';
import { DimensionError, describeValue } from '../core/errors';
import type { EnsembleResult } from './simulate-ensemble';

/**
 * Concatenates shards in walker order. The shards must come from the same options (same `walkers`,
 * `tMax`, `dt`, dimension) and their ranges must tile [first start, last end) without gaps or
 * overlaps (in any order); the result is, bit for bit, what one `simulateEnsemble` over that range
 * returns (each walker's numbers depend only on its index). O(walkers·d).
 *
 * @example
 * const parts = await Promise.all([[0, 500], [500, 1000]].map((r) => simulateEnsemble({ ...opts, walkerRange: r })));
 * const all = mergeEnsembles(parts); // === await simulateEnsemble(opts), number for number
 */
export function mergeEnsembles(parts: readonly EnsembleResult[]): EnsembleResult {
  const list: readonly EnsembleResult[] = parts;
  if (!(list instanceof Array) || list.length === 0) throw new TypeError('parts: expected a non-empty array of ensemble results, received none');
  for (const [i, p] of list.entries()) {
    const q = p as Partial<EnsembleResult> | null;
    if (q === null || typeof q !== 'object' || !Array.isArray(q.walkerRange) || q.final === undefined || typeof q.walkers !== 'number') {
      throw new TypeError(`parts[${i}]: expected an ensemble result (of simulateEnsemble), received ${describeValue(p)}`);
    }
  }
  const sorted = [...list].sort((a, b) => a.walkerRange[0] - b.walkerRange[0]);
  const first = sorted[0] as EnsembleResult;
  const d = first.final.shape[1] as number;
  let n = 0;
  let at = first.walkerRange[0];
  for (const [i, p] of sorted.entries()) {
    if (p.walkers !== first.walkers || p.tMax !== first.tMax || p.dt !== first.dt || p.final.shape[1] !== d) {
      throw new DimensionError(
        `parts[${i}]: expected a shard of the same ensemble (walkers ${first.walkers}, tMax ${first.tMax}, dt ${first.dt}, d ${d}), received walkers ${p.walkers}, tMax ${p.tMax}, dt ${p.dt}, d ${p.final.shape[1]}`,
      );
    }
    if (p.walkerRange[0] !== at)
      throw new RangeError(`parts: expected contiguous walker ranges, received a gap or overlap at walker ${at} (a shard starts at ${p.walkerRange[0]})`);
    at = p.walkerRange[1];
    n += p.walkerRange[1] - p.walkerRange[0];
  }
  const firstPassage = new Float64Array(n);
  const escaped = new Uint8Array(n);
  const steps = new Float64Array(n);
  const final = new Float64Array(n * d);
  let o = 0;
  let escapedCount = 0;
  for (const p of sorted) {
    firstPassage.set(p.firstPassage, o);
    escaped.set(p.escaped, o);
    steps.set(p.steps, o);
    final.set(p.final.data.subarray(0, p.firstPassage.length * d), o * d);
    o += p.firstPassage.length;
    escapedCount += p.escapedCount;
  }
  return {
    firstPassage,
    escaped,
    final: ndarray(final, [n, d]),
    steps,
    walkerRange: [first.walkerRange[0], at],
    walkers: first.walkers,
    tMax: first.tMax,
    dt: first.dt,
    escapedCount,
    stopReason: sorted.some((p) => p.stopReason === 'aborted') ? 'aborted' : 'time',
  };
}
