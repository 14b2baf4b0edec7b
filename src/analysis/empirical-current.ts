/**
 * The probability current of a trajectory, binned on a 2-D grid in a plane of coordinates.
 *
 * @module
 */
import { checkInteger, checkKnownOptions, checkOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import { checkPlane, readTrajectories, type TrajectoryLike } from './trajectory-input';

/** The most grid cells {@link empiricalCurrent} allocates. */
export const EMPIRICAL_CURRENT_MAX_CELLS = 1 << 22;

/** Options of {@link empiricalCurrent}. */
export interface EmpiricalCurrentOptions {
  /** The coordinates [i, j] spanning the plane. Default [0, 1]. */
  plane?: readonly [number, number];
  /** Cells [nx, ny] of the grid. Default [20, 20]. */
  cells?: readonly [number, number];
  /** [[x0, x1], [y0, y1]] in the plane. Default: the bounding box of the projected path. */
  domain?: readonly [readonly [number, number], readonly [number, number]];
  /** Contiguous blocks per run for the batch-means standard errors (≥ 2). Default 20. */
  batches?: number;
}

/** Result of {@link empiricalCurrent}; cell (a, b) at a·ny + b (x-major, as `fokkerPlanck2d`). */
export interface EmpiricalCurrentResult {
  /** Cell centres along the first coordinate (length nx). */
  x: Float64Array;
  /** Cell centres along the second coordinate (length ny). */
  y: Float64Array;
  /** J_x averaged over each cell: (1/(T·|cell|)) Σ_k Δx_k [midpoint_k in cell]. */
  jx: Float64Array;
  /** J_y likewise. */
  jy: Float64Array;
  /** Batch-means standard errors of jx, jy. */
  jxStandardError: Float64Array;
  jyStandardError: Float64Array;
  /** Occupation density: the time spent in each cell per unit time and area (integrates to the fraction inside). */
  density: Float64Array;
  /** Fraction of steps whose midpoint fell outside the domain. */
  outside: number;
  /** Total time T over all runs. */
  duration: number;
}

function checkPair(name: string, v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') {
    throw new TypeError(`${name}: expected [lo, hi], two numbers, received ${describeValue(v)}`);
  }
  const [a, b] = v as [number, number];
  if (!(Number.isFinite(a) && Number.isFinite(b) && b > a && Number.isFinite(b - a)))
    throw new RangeError(`${name}: expected finite lo < hi (with hi − lo finite), received [${a}, ${b}]`);
  return [a, b];
}

/**
 * The stationary probability current J(x) in a plane of coordinates (i, j), binned: by
 * J = ⟨ẋ δ(x − X_t)⟩ read in Stratonovich's (midpoint) sense,
 *
 *     J̄_cell = (1 / (T·|cell|)) Σ_k (x_{k+1} − x_k) · [ (x_k + x_{k+1})/2 ∈ cell ],
 *
 * the cell average of J (for a stationary process, as T → ∞ and the step → 0; the step's bias is
 * O(Δt)). The occupation `density` is Σ_k Δt_k [x_k ∈ cell] / (T·|cell|). A reversible process has
 * J = 0; a rotational one (Kunin et al.'s SGD limit, or `linearStationaryCurrent`) circulates.
 * In d > 2 dimensions the result is the current of the marginal in the plane.
 *
 * Standard errors: batch means over `batches` contiguous blocks per run. Cost O(R·n + nx·ny·batches).
 *
 * @example
 * import { empiricalCurrent } from 'sgd-dynamics/analysis';
 * const times = Array.from({ length: 2001 }, (_, k) => k * 0.01);
 * const points = times.map((t) => [Math.cos(t), Math.sin(t)]);
 * const j = empiricalCurrent({ points, times }, { cells: [4, 4], domain: [[-1, 1], [-1, 1]] });
 * j.jy; // > 0 in the cells with x > 0: counter-clockwise
 */
export function empiricalCurrent(trajectory: TrajectoryLike | readonly TrajectoryLike[], options?: EmpiricalCurrentOptions): EmpiricalCurrentResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['plane', 'cells', 'domain', 'batches']);
  const { runs } = readTrajectories(trajectory, 3);
  const { n, d } = runs[0] as (typeof runs)[number];
  if (d < 2) throw new RangeError(`trajectory.points: expected dimension ≥ 2 (a plane), received ${d}`);
  const [pi, pj] = checkPlane('options.plane', opts.plane ?? [0, 1], d);
  const cellsOpt: unknown = opts.cells ?? [20, 20];
  if (!Array.isArray(cellsOpt) || cellsOpt.length !== 2) throw new TypeError(`options.cells: expected [nx, ny], received ${describeValue(cellsOpt)}`);
  const nx = checkInteger('options.cells[0]', cellsOpt[0], 1);
  const ny = checkInteger('options.cells[1]', cellsOpt[1], 1);
  if (nx * ny > EMPIRICAL_CURRENT_MAX_CELLS) throw new RangeError(`options.cells: expected nx·ny ≤ ${EMPIRICAL_CURRENT_MAX_CELLS}, received ${nx}×${ny}`);
  const nb = checkInteger('options.batches', opts.batches ?? Math.min(20, n - 1), 2, n - 1);
  let x0: number;
  let x1: number;
  let y0: number;
  let y1: number;
  if (opts.domain !== undefined) {
    const dom: unknown = opts.domain;
    if (!Array.isArray(dom) || dom.length !== 2) throw new TypeError(`options.domain: expected [[x0, x1], [y0, y1]], received ${describeValue(dom)}`);
    [x0, x1] = checkPair('options.domain[0]', dom[0]);
    [y0, y1] = checkPair('options.domain[1]', dom[1]);
  } else {
    x0 = y0 = Infinity;
    x1 = y1 = -Infinity;
    for (const run of runs) {
      for (let k = 0; k < n; k++) {
        const a = run.data[k * d + pi] as number;
        const b = run.data[k * d + pj] as number;
        x0 = Math.min(x0, a);
        x1 = Math.max(x1, a);
        y0 = Math.min(y0, b);
        y1 = Math.max(y1, b);
      }
    }
    if (!(x1 > x0 && y1 > y0))
      throw new RangeError(
        `trajectory.points: expected a path that spans an area in the plane [${pi}, ${pj}] (or options.domain), received a degenerate bounding box`,
      );
  }
  const hx = (x1 - x0) / nx;
  const hy = (y1 - y0) / ny;
  const cells = nx * ny;
  const sumX = new Float64Array(cells);
  const sumY = new Float64Array(cells);
  const occ = new Float64Array(cells);
  // Per-block sums for the batch means.
  const bx = new Float64Array(cells);
  const by = new Float64Array(cells);
  const s1x = new Float64Array(cells);
  const s2x = new Float64Array(cells);
  const s1y = new Float64Array(cells);
  const s2y = new Float64Array(cells);
  let duration = 0;
  let outsideCount = 0;
  let stepsCount = 0;
  let m = 0;
  const cellOf = (a: number, b: number): number => {
    if (!(a >= x0 && a <= x1 && b >= y0 && b <= y1)) return -1;
    const ia = Math.min(nx - 1, Math.floor((a - x0) / hx));
    const ib = Math.min(ny - 1, Math.floor((b - y0) / hy));
    return ia * ny + ib;
  };
  for (const run of runs) {
    const x = run.data;
    for (let blk = 0; blk < nb; blk++) {
      const k0 = Math.floor((blk * (n - 1)) / nb);
      const k1 = Math.floor(((blk + 1) * (n - 1)) / nb);
      bx.fill(0);
      by.fill(0);
      for (let k = k0; k < k1; k++) {
        const a0 = x[k * d + pi] as number;
        const b0 = x[k * d + pj] as number;
        const a1 = x[(k + 1) * d + pi] as number;
        const b1 = x[(k + 1) * d + pj] as number;
        stepsCount++;
        const c = cellOf((a0 + a1) / 2, (b0 + b1) / 2);
        if (c < 0) outsideCount++;
        else {
          bx[c] = (bx[c] as number) + (a1 - a0);
          by[c] = (by[c] as number) + (b1 - b0);
        }
        const co = cellOf(a0, b0);
        if (co >= 0) occ[co] = (occ[co] as number) + ((run.times[k + 1] as number) - (run.times[k] as number));
      }
      const dt = (run.times[k1] as number) - (run.times[k0] as number);
      duration += dt;
      const scale = 1 / (dt * hx * hy);
      for (let c = 0; c < cells; c++) {
        const vx = bx[c] as number;
        const vy = by[c] as number;
        sumX[c] = (sumX[c] as number) + vx;
        sumY[c] = (sumY[c] as number) + vy;
        s1x[c] = (s1x[c] as number) + vx * scale;
        s2x[c] = (s2x[c] as number) + (vx * scale) ** 2;
        s1y[c] = (s1y[c] as number) + vy * scale;
        s2y[c] = (s2y[c] as number) + (vy * scale) ** 2;
      }
      m++;
    }
  }
  const norm = 1 / (duration * hx * hy);
  const jx = sumX.map((v) => v * norm);
  const jy = sumY.map((v) => v * norm);
  for (let c = 0; c < cells; c++) {
    if (!Number.isFinite(jx[c]) || !Number.isFinite(jy[c]) || !Number.isFinite(s2x[c]) || !Number.isFinite(s2y[c])) {
      throw new RangeError('trajectory.points: expected increments whose binned sums are finite, received values that overflowed');
    }
  }
  const se = (s1: Float64Array, s2: Float64Array): Float64Array =>
    s1.map((v, c) => {
      const mean = v / m;
      const varB = Math.max(0, ((s2[c] as number) - m * mean * mean) / (m - 1));
      return Math.sqrt(varB / m);
    });
  return {
    x: Float64Array.from({ length: nx }, (_, a) => x0 + (a + 0.5) * hx),
    y: Float64Array.from({ length: ny }, (_, b) => y0 + (b + 0.5) * hy),
    jx,
    jy,
    jxStandardError: se(s1x, s2x),
    jyStandardError: se(s1y, s2y),
    density: occ.map((v) => v * norm),
    outside: outsideCount / stepsCount,
    duration,
  };
}
