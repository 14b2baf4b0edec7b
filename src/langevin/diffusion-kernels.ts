/**
 * The noise of the Langevin integrators: the increment √(2 D(θ) dt)·ξ for a scalar D = T·I, a
 * constant matrix, a state-dependent dense matrix (a symmetric square root by cyclic Jacobi, with a
 * PSD projection of rounding-level negative eigenvalues) or a low-rank-plus-isotropic field. The
 * argument checks of the `diffusion` / `temperature` options live here; the appliers do not
 * allocate. @internal
 *
 * @module
 */
import { checkFunction, checkNonNegative } from '../core/checks';
import { toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { DimensionError, SymmetryError, describeValue } from '../core/errors';
import type { DiffusionField, DiffusionFunction, LowRankDiffusion } from './types';

/** Relative tolerance below which a negative eigenvalue of D is rounding and is projected to 0. */
export const PSD_TOLERANCE = 1e-10;
/** Relative tolerance of the symmetry check of a state-dependent D(θ). */
export const SYMMETRY_TOLERANCE = 1e-10;

/**
 * Eigen-decomposition of the symmetric n×n row-major `a` by cyclic Jacobi rotations (overwrites
 * `a`; eigenvalues into `values`, unit eigenvectors as the columns of `vectors`, row-major). O(n³)
 * per sweep, a handful of sweeps; no allocation. @internal
 */
export function jacobiEigen(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): void {
  vectors.fill(0);
  for (let i = 0; i < n; i++) vectors[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += (a[i * n + i] as number) ** 2;
      for (let j = i + 1; j < n; j++) off += (a[i * n + j] as number) ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const app = a[p * n + p] as number;
        const aqq = a[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = vectors[k * n + p] as number;
          const vkq = vectors[k * n + q] as number;
          vectors[k * n + p] = c * vkp - s * vkq;
          vectors[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
}

/**
 * Checks that the n×n row-major `m` (named `name`) is symmetric and replaces it by its symmetric
 * square root scaled by `factor`: m ← (factor·m)^{1/2}, eigenvalues in [−tol·max|λ|, 0) projected
 * to 0, clearly negative ones refused. `work` holds 2n² + n numbers. @internal
 */
export function symmetricSqrtInPlace(name: string, m: Float64Array, n: number, factor: number, work: Float64Array): void {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(m[i] as number));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const diff = Math.abs((m[i * n + j] as number) - (m[j * n + i] as number));
      if (!(diff <= SYMMETRY_TOLERANCE * scale)) {
        throw new SymmetryError(`${name}: expected a symmetric positive semi-definite matrix, received |D[${i}][${j}] − D[${j}][${i}]| = ${diff}`);
      }
    }
  }
  const a = work.subarray(0, n * n);
  const v = work.subarray(n * n, 2 * n * n);
  const values = work.subarray(2 * n * n, 2 * n * n + n);
  a.set(m);
  jacobiEigen(a, n, values, v);
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, Math.abs(values[i] as number));
  for (let i = 0; i < n; i++) {
    const lam = values[i] as number;
    if (!Number.isFinite(lam)) throw new RangeError(`${name}: expected finite entries, received an eigenvalue ${lam}`);
    if (lam < -PSD_TOLERANCE * top) {
      throw new RangeError(`${name}: expected a symmetric positive semi-definite matrix, received one with eigenvalue ${lam}`);
    }
    values[i] = Math.sqrt(Math.max(lam, 0) * factor);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (v[i * n + k] as number) * (values[k] as number) * (v[j * n + k] as number);
      m[i * n + j] = s;
    }
  }
}

/** out ← S ξ for the n×n row-major S; no allocation. @internal */
function applyDense(s: Float64Array, n: number, xi: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let acc = 0;
    const row = i * n;
    for (let k = 0; k < n; k++) acc += (s[row + k] as number) * (xi[k] as number);
    out[i] = acc;
  }
}

/**
 * The noise of one step: `increment(x, xi, out)` writes √(2 D(x) dt)·ξ into `out` (which may not
 * alias `xi`); `diagonal(x, c)` is D_cc(x), which the bridge correction of half-space stops reads;
 * `isotropic` is √(2 D dt) when D = T·I (then `increment` is that multiple of ξ). @internal
 */
export interface NoiseModel {
  readonly kind: 'scalar' | 'matrix' | 'field';
  /** √(2T dt) for a scalar temperature, else NaN. */
  readonly sigma: number;
  increment(x: Float64Array, xi: Float64Array, out: Float64Array): void;
  diagonal(x: Float64Array, c: number): number;
}

/** What the `temperature` / `diffusion` options of an overdamped integrator may be. */
export type DiffusionInput = number | SquareMatrixLike | DiffusionFunction | DiffusionField;

function isField(v: unknown): v is DiffusionField {
  return v !== null && typeof v === 'object' && !(v instanceof Float64Array) && !Array.isArray(v) && typeof (v as DiffusionField).form === 'string';
}

/**
 * Reads `temperature` (T ≥ 0, D = T·I) or `diffusion` (a number, a constant matrix, a function
 * `(x, out) => D(x)` or a {@link DiffusionField}) for dimension d and step dt. Exactly one must be
 * given. @internal
 */
export function noiseModel(
  opts: { temperature?: unknown; diffusion?: unknown },
  d: number,
  dt: number,
  prefix = 'options',
  matrixTemperature = false,
): NoiseModel {
  const hasT = opts.temperature !== undefined;
  const hasD = opts.diffusion !== undefined;
  if (hasT === hasD) {
    throw new TypeError(`${prefix}.temperature: expected exactly one of ${prefix}.temperature and ${prefix}.diffusion, received ${hasT ? 'both' : 'neither'}`);
  }
  const name = hasT ? `${prefix}.temperature` : `${prefix}.diffusion`;
  const spec = hasT ? opts.temperature : opts.diffusion;
  if (typeof spec === 'number') {
    const t = checkNonNegative(name, spec);
    const sigma = Math.sqrt(2 * t * dt);
    return {
      kind: 'scalar',
      sigma,
      increment(_x, xi, out) {
        for (let i = 0; i < d; i++) out[i] = sigma * (xi[i] as number);
      },
      diagonal: () => t,
    };
  }
  if (hasT && (!matrixTemperature || typeof spec === 'function' || isField(spec))) {
    const what = matrixTemperature
      ? 'a non-negative number or a constant symmetric PSD matrix'
      : `a non-negative number (use ${prefix}.diffusion for a matrix)`;
    throw new TypeError(`${name}: expected ${what}, received ${describeValue(spec)}`);
  }
  if (typeof spec === 'function') {
    const fn = checkFunction<DiffusionFunction>(name, spec);
    return denseField(name, d, dt, (x, out) => fn(x, out));
  }
  if (isField(spec)) {
    if (spec.dim !== d) throw new DimensionError(`${name}.dim: expected ${d}, received ${describeValue(spec.dim)}`);
    if (spec.form === 'low-rank') {
      const lowRank = checkFunction<(x: Float64Array) => LowRankDiffusion>(`${name}.lowRank`, spec.lowRank);
      return lowRankField(name, d, dt, lowRank);
    }
    const matrix = checkFunction<DiffusionFunction>(`${name}.matrix`, spec.matrix);
    return denseField(name, d, dt, (x, out) => matrix.call(spec, x, out));
  }
  const { data } = toSquareMatrix(name, spec as SquareMatrixLike, d);
  const s = Float64Array.from(data);
  const work = new Float64Array(2 * d * d + d);
  symmetricSqrtInPlace(name, s, d, 2 * dt, work);
  const diag = new Float64Array(d);
  for (let i = 0; i < d; i++) diag[i] = data[i * d + i] as number;
  return {
    kind: 'matrix',
    sigma: Number.NaN,
    increment: (_x, xi, out) => {
      applyDense(s, d, xi, out);
    },
    diagonal: (_x, c) => diag[c] as number,
  };
}

function denseField(name: string, d: number, dt: number, fill: (x: Float64Array, out: Float64Array) => unknown): NoiseModel {
  const m = new Float64Array(d * d);
  const work = new Float64Array(2 * d * d + d);
  const evaluate = (x: Float64Array): void => {
    const r = fill(x, m);
    if (r instanceof Float64Array && r !== m) {
      if (r.length !== d * d) throw new DimensionError(`${name}: expected a D(θ) of length ${d * d} (d×d row-major), received length ${r.length}`);
      m.set(r);
    }
  };
  return {
    kind: 'field',
    sigma: Number.NaN,
    increment(x, xi, out) {
      evaluate(x);
      symmetricSqrtInPlace(name, m, d, 2 * dt, work);
      applyDense(m, d, xi, out);
    },
    diagonal(x, c) {
      evaluate(x);
      return m[c * d + c] as number;
    },
  };
}

function lowRankField(name: string, d: number, dt: number, lowRank: (x: Float64Array) => LowRankDiffusion): NoiseModel {
  const read = (x: Float64Array): LowRankDiffusion => {
    const lr = lowRank(x);
    const r = lr.values.length;
    if (lr.vectors.length !== r * d)
      throw new DimensionError(`${name}.lowRank: expected vectors of length ${r * d} (r×d), received length ${lr.vectors.length}`);
    if (!(lr.isotropic >= 0)) throw new RangeError(`${name}.lowRank: expected isotropic ≥ 0, received ${describeValue(lr.isotropic)}`);
    for (let k = 0; k < r; k++) {
      if (!((lr.values[k] as number) >= 0)) {
        throw new RangeError(`${name}: expected a symmetric positive semi-definite matrix, received a low-rank eigenvalue ${describeValue(lr.values[k])}`);
      }
    }
    return lr;
  };
  return {
    kind: 'field',
    sigma: Number.NaN,
    increment(x, xi, out) {
      // D = V Λ Vᵀ + c (I − V Vᵀ): √(2D dt) ξ = √(2c dt) ξ + V (√(2(Λ) dt) − √(2c dt)) Vᵀ ξ. O(d r).
      const { values, vectors, isotropic } = read(x);
      const base = Math.sqrt(2 * isotropic * dt);
      for (let i = 0; i < d; i++) out[i] = base * (xi[i] as number);
      for (let k = 0; k < values.length; k++) {
        let p = 0;
        const row = k * d;
        for (let i = 0; i < d; i++) p += (vectors[row + i] as number) * (xi[i] as number);
        const w = (Math.sqrt(2 * (values[k] as number) * dt) - base) * p;
        for (let i = 0; i < d; i++) out[i] = (out[i] as number) + w * (vectors[row + i] as number);
      }
    },
    diagonal(x, c) {
      const { values, vectors, isotropic } = read(x);
      let s = isotropic;
      for (let k = 0; k < values.length; k++) s += ((values[k] as number) - isotropic) * (vectors[k * d + c] as number) ** 2;
      return s;
    },
  };
}
