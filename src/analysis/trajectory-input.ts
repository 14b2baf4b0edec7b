/**
 * The trajectory reader shared by the analysis module's estimators (`diffusionExponent`,
 * `arealVelocity`, `empiricalCurrent`): one run or an ensemble of runs, each a `Trajectory` or any
 * `{ points, times }`.
 *
 * @module
 */
import { checkVector } from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import { toPoints } from '../core/points';
import type { PointsLike } from '../core/types';

/**
 * What the analysis estimators read of a run: a `Trajectory` (from `sgd`, `gd`,
 * `overdampedLangevin`, …) or any object with the snapshots and their times.
 */
export interface TrajectoryLike {
  /** Snapshots θ_0 … θ_{n−1}: an ndarray [n, d], `number[][]` or `Float64Array[]`. */
  points: PointsLike;
  /** Their times t_k (strictly increasing). */
  times: Float64Array | readonly number[];
  /** Their step counts (read only with `axis: 'step'`). */
  steps?: Float64Array | readonly number[] | null;
}

/** One checked run. @internal */
export interface CheckedRun {
  data: Float64Array;
  n: number;
  d: number;
  times: Float64Array;
  steps: Float64Array | null;
}

/** The most runs × snapshots × dimension entries an estimator reads (2²⁸ doubles, 2 GiB). */
export const TRAJECTORY_MAX_ENTRIES = 2 ** 28;

/**
 * Reads one run or an array of runs of equal shape [n, d]; times must be finite and strictly
 * increasing. `name(r)` is the argument's name for run r in messages.
 *
 * @internal
 */
export function readTrajectories(trajectory: unknown, minPoints: number): { runs: CheckedRun[]; name: (r: number) => string } {
  const isList = Array.isArray(trajectory);
  const list: readonly unknown[] = isList ? (trajectory as readonly unknown[]) : [trajectory];
  const name = (r: number): string => (isList ? `trajectory[${r}]` : 'trajectory');
  if (list.length === 0) throw new DimensionError('trajectory: expected a Trajectory or a non-empty array of runs, received an empty array');
  const runs: CheckedRun[] = [];
  let entries = 0;
  for (let r = 0; r < list.length; r++) {
    const t = list[r];
    if (t === null || typeof t !== 'object') throw new TypeError(`${name(r)}: expected a Trajectory { points, times }, received ${describeValue(t)}`);
    const tr = t as Partial<TrajectoryLike>;
    if (tr.points === undefined) throw new TypeError(`${name(r)}.points: expected an ndarray [n, d], number[][] or Float64Array[], received undefined`);
    const p = toPoints(tr.points, `${name(r)}.points`);
    const [n, d] = p.shape as [number, number];
    entries += n * d;
    if (entries > TRAJECTORY_MAX_ENTRIES)
      throw new DimensionError(`trajectory: expected at most ${TRAJECTORY_MAX_ENTRIES} entries (runs × snapshots × dimension), received more`);
    if (n < minPoints) throw new DimensionError(`${name(r)}.points: expected at least ${minPoints} snapshots, received ${n}`);
    const first = runs[0];
    if (first !== undefined && (first.n !== n || first.d !== d)) {
      throw new DimensionError(`${name(r)}.points: expected shape [${first.n}, ${first.d}] (as run 0), received [${n}, ${d}]`);
    }
    const times = checkVector(`${name(r)}.times`, tr.times, n);
    for (let k = 1; k < n; k++) {
      if (!((times[k] as number) > (times[k - 1] as number))) {
        throw new RangeError(`${name(r)}.times: expected strictly increasing times, received ${times[k]} after ${times[k - 1]} at snapshot ${k}`);
      }
    }
    const steps = tr.steps === undefined || tr.steps === null ? null : checkVector(`${name(r)}.steps`, tr.steps, n);
    runs.push({ data: p.data, n, d, times, steps });
  }
  return { runs, name };
}

/** A plane [i, j] of coordinates (distinct integers in [0, d)). @internal */
export function checkPlane(name: string, plane: unknown, d: number): [number, number] {
  if (!Array.isArray(plane) || plane.length !== 2) throw new TypeError(`${name}: expected [i, j], two coordinate indices, received ${describeValue(plane)}`);
  const [i, j] = plane as unknown[];
  for (const v of [i, j]) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= d)
      throw new RangeError(`${name}: expected coordinate indices in [0, ${d - 1}], received ${describeValue(v)}`);
  }
  if (i === j) throw new RangeError(`${name}: expected two distinct coordinates, received [${String(i)}, ${String(j)}]`);
  return [i as number, j as number];
}
