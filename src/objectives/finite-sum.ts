/**
 * The machinery shared by every finite-sum model: a model supplies per-sample kernels (losses, and
 * sums over a batch of gradients and Hessian-vector products), and {@link finiteSumModel} turns them
 * into a {@link FiniteSumModel} with the regulariser, batch checks and the full-batch, minibatch and
 * per-sample entry points.
 *
 * @module
 */
import { checkInteger, checkVector, outVector } from '../core/checks';
import { DimensionError, NonFiniteError, describeValue } from '../core/errors';
import type { FiniteSumObjective, Points, PointsLike } from '../core/types';
import { toPoints } from '../core/points';
import { matrixFromProducts } from '../core/dense';

/**
 * A finite-sum loss L(θ) = (1/N) Σₙ ℓₙ(θ) + R(θ) with per-sample access.
 *
 * Conventions (every model in this library):
 * - `sampleLosses(x)` gives ℓₙ(θ) for every n, **without** the regulariser R.
 * - `sampleGradient(x, n)` gives ∇ℓₙ(θ), **without** ∇R.
 * - `batchValue(x, batch)` = (1/|batch|) Σ_{n∈batch} ℓₙ(θ) + R(θ), and likewise `batchGradient` and
 *   `batchHvp`, so that the batch of all indices gives `value`, `gradient` and `hvp`. Repeated
 *   indices count as many times as they appear (sampling with replacement).
 * - R(θ) = (l2/2) Σ_{i∈P} θᵢ² over the penalised coordinates P (all of them unless the model says
 *   otherwise, e.g. a logistic-regression intercept is not penalised).
 */
export interface FiniteSumModel extends FiniteSumObjective {
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  /** The dense d×d Hessian, row-major (closed form for linear models; d HVPs for networks). */
  hessian(x: Float64Array): Float64Array;
  batchHvp(x: Float64Array, batch: Uint32Array, v: Float64Array, out?: Float64Array): Float64Array;
  /** ℓₙ(θ) for n = 0..N−1 (no regulariser), into `out` (length N) when given. */
  sampleLosses(x: Float64Array, out?: Float64Array): Float64Array;
  /** ∇ℓₙ(θ) (no regulariser), into `out` (length d) when given. */
  sampleGradient(x: Float64Array, n: number, out?: Float64Array): Float64Array;
  /** The regularisation strength l2 of R(θ) = (l2/2) Σ_{i∈P} θᵢ². */
  readonly l2: number;
}

/**
 * What a model supplies to {@link finiteSumModel}. Kernels do not check their arguments; they
 * receive validated inputs. `gradSum` and `hvpSum` ADD their sums over the batch into `out`.
 * @internal
 */
export interface SampleKernels {
  dim: number;
  size: number;
  /** out[k] ← ℓ_{batch[k]}(θ) for k < batch.length. */
  losses(x: Float64Array, batch: Uint32Array, out: Float64Array): void;
  /** out += Σ_{n∈batch} ∇ℓₙ(θ). */
  gradSum(x: Float64Array, batch: Uint32Array, out: Float64Array): void;
  /** out += Σ_{n∈batch} ∇²ℓₙ(θ)·v. */
  hvpSum(x: Float64Array, batch: Uint32Array, v: Float64Array, out: Float64Array): void;
  /** out (d×d, zeroed) += Σ_{n∈batch} ∇²ℓₙ(θ); when absent the Hessian is built from d HVPs. */
  hessianSum?(x: Float64Array, batch: Uint32Array, out: Float64Array): void;
}

/** Checks that `batch` is a non-empty Uint32Array of indices in [0, size). */
export function checkBatch(name: string, batch: unknown, size: number): Uint32Array {
  if (!(batch instanceof Uint32Array)) throw new TypeError(`${name}: expected a Uint32Array of sample indices, received ${describeValue(batch)}`);
  if (batch.length === 0) throw new DimensionError(`${name}: expected at least one index, received an empty batch`);
  for (let k = 0; k < batch.length; k++) {
    const n = batch[k] as number;
    if (n >= size) throw new RangeError(`${name}: expected indices in [0, ${size - 1}], received ${n} at position ${k}`);
  }
  return batch;
}

/**
 * Assembles a {@link FiniteSumModel} from per-sample kernels and an l2 regulariser on the first
 * `penalised` coordinates (default all). Workspaces (a length-N loss buffer, grown only for a batch
 * longer than N, the index list 0..N−1 and a one-element batch) are allocated once here.
 * @internal
 */
export function finiteSumModel<E extends object>(
  kernels: SampleKernels,
  l2: number,
  extra: E,
  penalised: number = kernels.dim,
): FiniteSumModel & E {
  const d = kernels.dim;
  const N = kernels.size;
  const all = new Uint32Array(N);
  for (let n = 0; n < N; n++) all[n] = n;
  // Per-sample losses of a batch; grown (rarely) when a batch with repeats is longer than N.
  let lossBuf = new Float64Array(N);
  const one = new Uint32Array(1);

  const checkX = (x: Float64Array): void => {
    if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
  };
  const checkV = (v: Float64Array): void => {
    if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
  };
  const regValue = (x: Float64Array): number => {
    if (l2 === 0) return 0;
    let s = 0;
    for (let i = 0; i < penalised; i++) s += (x[i] as number) * (x[i] as number);
    return 0.5 * l2 * s;
  };
  const addReg = (x: Float64Array, out: Float64Array): void => {
    if (l2 === 0) return;
    for (let i = 0; i < penalised; i++) out[i] = (out[i] as number) + l2 * (x[i] as number);
  };
  const meanLoss = (x: Float64Array, batch: Uint32Array): number => {
    if (batch.length > lossBuf.length) lossBuf = new Float64Array(batch.length);
    kernels.losses(x, batch, lossBuf);
    let s = 0;
    for (let k = 0; k < batch.length; k++) s += lossBuf[k] as number;
    return s / batch.length + regValue(x);
  };
  const meanGradient = (x: Float64Array, batch: Uint32Array, out: Float64Array): Float64Array => {
    out.fill(0);
    kernels.gradSum(x, batch, out);
    const s = 1 / batch.length;
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) * s;
    addReg(x, out);
    return out;
  };
  const meanHvp = (x: Float64Array, batch: Uint32Array, v: Float64Array, out: Float64Array): Float64Array => {
    out.fill(0);
    kernels.hvpSum(x, batch, v, out);
    const s = 1 / batch.length;
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) * s;
    addReg(v, out);
    return out;
  };

  const model: FiniteSumModel = {
    dim: d,
    size: N,
    l2,
    value(x) {
      checkX(x);
      return meanLoss(x, all);
    },
    gradient(x, out) {
      checkX(x);
      return meanGradient(x, all, outVector('out', out, d));
    },
    hvp(x, v, out) {
      checkX(x);
      checkV(v);
      return meanHvp(x, all, v, outVector('out', out, d));
    },
    hessian(x) {
      checkX(x);
      if (kernels.hessianSum !== undefined) {
        const H = new Float64Array(d * d);
        kernels.hessianSum(x, all, H);
        for (let i = 0; i < d * d; i++) H[i] = (H[i] as number) / N;
        if (l2 !== 0) for (let i = 0; i < penalised; i++) H[i * d + i] = (H[i * d + i] as number) + l2;
        return H;
      }
      return matrixFromProducts(d, (v, out) => meanHvp(x, all, v, out));
    },
    batchValue(x, batch) {
      checkX(x);
      return meanLoss(x, checkBatch('batch', batch, N));
    },
    batchGradient(x, batch, out) {
      checkX(x);
      return meanGradient(x, checkBatch('batch', batch, N), outVector('out', out, d));
    },
    batchHvp(x, batch, v, out) {
      checkX(x);
      checkV(v);
      return meanHvp(x, checkBatch('batch', batch, N), v, outVector('out', out, d));
    },
    sampleLosses(x, out) {
      checkX(x);
      const o = outVector('out', out, N);
      kernels.losses(x, all, o);
      return o;
    },
    sampleGradient(x, n, out) {
      checkX(x);
      checkInteger('n', n, 0, N - 1);
      const o = outVector('out', out, d);
      o.fill(0);
      one[0] = n;
      kernels.gradSum(x, one, o);
      return o;
    },
  };
  return Object.assign(model, extra);
}

/** A parsed target set: N rows of k values, row-major. @internal */
export interface TargetMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

function isNdArrayLike(x: unknown): x is { shape: number[]; get(...i: number[]): number } {
  return typeof x === 'object' && x !== null && Array.isArray((x as { shape?: unknown }).shape) && typeof (x as { get?: unknown }).get === 'function';
}

/**
 * Reads targets given as a 1-D array (N values: a column) or a 2-D set (ndarray [N, k],
 * number[][] or Float64Array[]), checking that there are `rows` of them and that all are finite.
 * @internal
 */
export function toTargetMatrix(name: string, t: unknown, rows: number, rowsOf: string): TargetMatrix {
  let data: Float64Array;
  let cols: number;
  let n: number;
  const twoD =
    (isNdArrayLike(t) && t.shape.length === 2) ||
    (Array.isArray(t) && t.length > 0 && (Array.isArray(t[0]) || t[0] instanceof Float64Array));
  if (isNdArrayLike(t) && t.shape.length === 1) {
    n = t.shape[0] as number;
    cols = 1;
    data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = t.get(i);
  } else if (twoD) {
    if (isNdArrayLike(t)) {
      [n, cols] = t.shape as [number, number];
      data = new Float64Array(n * cols);
      for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = t.get(i, j);
    } else {
      const arr = t as readonly ArrayLike<number>[];
      n = arr.length;
      cols = (arr[0] as ArrayLike<number>).length;
      data = new Float64Array(n * cols);
      for (let i = 0; i < n; i++) {
        const row = arr[i];
        if (!(Array.isArray(row) || row instanceof Float64Array) || row.length !== cols) {
          throw new DimensionError(`${name}: expected every row of length ${cols} (as row 0), received ${describeValue(row)} at row ${i}`);
        }
        for (let j = 0; j < cols; j++) {
          const v = row[j];
          if (typeof v !== 'number') throw new TypeError(`${name}: expected numbers, received ${describeValue(v)} at row ${i}, column ${j}`);
          data[i * cols + j] = v;
        }
      }
    }
  } else if (Array.isArray(t) || (ArrayBuffer.isView(t) && !(t instanceof DataView))) {
    data = checkVector(name, t);
    data = data === t ? Float64Array.from(data) : data;
    n = data.length;
    cols = 1;
  } else {
    throw new TypeError(`${name}: expected an array of N values or a set of N rows (ndarray [N, k], number[][]), received ${describeValue(t)}`);
  }
  if (n !== rows) throw new DimensionError(`${name}: expected ${rows} rows (as ${rowsOf}), received ${n} rows`);
  if (cols < 1) throw new DimensionError(`${name}: expected rows of length ≥ 1, received rows of length 0`);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(`${name}: expected finite values, received ${describeValue(v)} at row ${Math.floor(i / cols)}, column ${i % cols}`);
    }
  }
  return { data, rows: n, cols };
}

/**
 * `options.features` of a model as a packed [N, p] point set (checked by `toPoints`). @internal
 */
export function readFeatures(features: PointsLike | undefined): { X: Points; N: number; p: number } {
  if (features === undefined) throw new TypeError('options.features: expected an [N, p] set of feature rows, received undefined');
  const X = toPoints(features, 'options.features');
  return { X, N: X.shape[0] as number, p: X.shape[1] as number };
}

/** TEMPORARY stub (replaced by the objectives helper's implementation at merge). @internal */
export function uncheckedBatchKernels(_objective: object): { batchGradient(x: Float64Array, batch: Uint32Array, out: Float64Array): Float64Array; batchValueGradient(x: Float64Array, batch: Uint32Array, out: Float64Array): number } | null {
  return null;
}
