/**
 * The machinery shared by every finite-sum model: a model supplies per-sample kernels (losses, and
 * sums over a batch of gradients and Hessian-vector products), and {@link finiteSumModel} turns them
 * into a {@link FiniteSumModel} with the regulariser, batch checks and the full-batch, minibatch and
 * per-sample entry points, the combined value-and-gradient entry points, and (for the library's own
 * drivers) unchecked batch kernels ({@link uncheckedBatchKernels}).
 *
 * @module
 */
import ndarray from 'ndarray';
import type { Matrix } from 'ml-matrix';
import { checkInteger, checkVector, outVector } from '../core/checks';
import { DimensionError, NonFiniteError, describeValue } from '../core/errors';
import type { FiniteSumObjective, Points } from '../core/types';
import { isMlMatrix, matrixFromProducts, toMatrix, type MatrixLike } from '../core/dense';

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
  /**
   * L(θ) and ∇L(θ) in one pass over the data: writes ∇L(θ) into `out` (length d, not aliasing x)
   * and returns L(θ), bit for bit what `value(x)` returns and `gradient(x, out)` writes.
   */
  valueGradient(x: Float64Array, out: Float64Array): number;
  /**
   * L_B(θ) and ∇L_B(θ) for a batch in one forward pass: writes into `out` exactly what
   * `batchGradient(x, batch, out)` writes and returns exactly what `batchValue(x, batch)` returns
   * (the same bits). Costs one `batchGradient` (the losses come from its forward pass).
   */
  batchValueGradient(x: Float64Array, batch: Uint32Array, out: Float64Array): number;
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
  /**
   * losses[k] ← ℓ_{batch[k]}(θ) and out += Σ_{n∈batch} ∇ℓₙ(θ) in one pass, with the same bits as
   * `losses` and `gradSum` separately. When absent, the two are called in turn.
   */
  lossGradSum?(x: Float64Array, batch: Uint32Array, losses: Float64Array, out: Float64Array): void;
  /** out += Σ_{n∈batch} ∇²ℓₙ(θ)·v. */
  hvpSum(x: Float64Array, batch: Uint32Array, v: Float64Array, out: Float64Array): void;
  /** out (d×d, zeroed) += Σ_{n∈batch} ∇²ℓₙ(θ); when absent the Hessian is built from d HVPs. */
  hessianSum?(x: Float64Array, batch: Uint32Array, out: Float64Array): void;
}

/**
 * The batch kernels of a library model without any argument check: what the optimizers call on
 * every step after checking their inputs once at the boundary. The caller guarantees that `x` and
 * `out` are Float64Arrays of length d (`out` not aliasing `x`) and that `batch` is a non-empty
 * Uint32Array of indices in [0, N); anything else gives wrong numbers, not an error.
 * @internal
 */
export interface UncheckedBatchKernels {
  /** Writes ∇L_B(θ) into `out` and returns it (as `batchGradient`). */
  batchGradient(x: Float64Array, batch: Uint32Array, out: Float64Array): Float64Array;
  /** Writes ∇L_B(θ) into `out` and returns L_B(θ) (as `batchValueGradient`). */
  batchValueGradient(x: Float64Array, batch: Uint32Array, out: Float64Array): number;
  /** L_B(θ) (as `batchValue`). */
  batchValue(x: Float64Array, batch: Uint32Array): number;
}

// Models built by finiteSumModel, mapped to their unchecked kernels (weak: no model is kept alive).
const uncheckedKernels = new WeakMap<object, UncheckedBatchKernels>();

/**
 * The unchecked batch kernels of `objective` when it is one of this library's finite-sum models
 * (linearRegression, logisticRegression, mlp, deepLinearNetwork), else null (a user's objective,
 * or a copy of a model made with spread). Same bits as the checked methods; saves the O(|batch|)
 * index check and the vector checks on every call. For the optimizers' inner loops.
 * @internal
 *
 * @example
 * const k = uncheckedBatchKernels(model);
 * const loss = k !== null ? k.batchValueGradient(x, batch, g) : model.batchValueGradient(x, batch, g);
 */
export function uncheckedBatchKernels(objective: unknown): UncheckedBatchKernels | null {
  if (typeof objective !== 'object' || objective === null) return null;
  return uncheckedKernels.get(objective) ?? null;
}

/** Checks that `batch` is a non-empty Uint32Array of indices in [0, size). */
export function checkBatch(name: string, batch: unknown, size: number): Uint32Array {
  checkInteger('size', size, 1);
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
export function finiteSumModel<E extends object>(kernels: SampleKernels, l2: number, extra: E, penalised: number = kernels.dim): FiniteSumModel & E {
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
  // One pass for both: the same loss sum as meanLoss and the same gradient as meanGradient.
  const meanValueGradient = (x: Float64Array, batch: Uint32Array, out: Float64Array): number => {
    if (batch.length > lossBuf.length) lossBuf = new Float64Array(batch.length);
    out.fill(0);
    if (kernels.lossGradSum !== undefined) kernels.lossGradSum(x, batch, lossBuf, out);
    else {
      kernels.losses(x, batch, lossBuf);
      kernels.gradSum(x, batch, out);
    }
    const inv = 1 / batch.length;
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) * inv;
    addReg(x, out);
    let s = 0;
    for (let k = 0; k < batch.length; k++) s += lossBuf[k] as number;
    return s / batch.length + regValue(x);
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
    valueGradient(x, out) {
      checkX(x);
      return meanValueGradient(x, all, outVector('out', out, d));
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
    batchValueGradient(x, batch, out) {
      checkX(x);
      return meanValueGradient(x, checkBatch('batch', batch, N), outVector('out', out, d));
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
  uncheckedKernels.set(model, { batchGradient: meanGradient, batchValueGradient: meanValueGradient, batchValue: meanLoss });
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
 * Reads targets given as a 1-D array (N values: a column), a 2-D set (ndarray [N, k], number[][],
 * Float64Array[] or an ml-matrix `Matrix`), or, when `cols` > 1 is given, a row-major array of
 * N·cols values; checks that there are `rows` of them and that all are finite.
 * @internal
 */
export function toTargetMatrix(name: string, t: unknown, rows: number, rowsOf: string, cols?: number): TargetMatrix {
  let data: Float64Array;
  let k: number;
  let n: number;
  const twoD = (isNdArrayLike(t) && t.shape.length === 2) || (Array.isArray(t) && t.length > 0 && (Array.isArray(t[0]) || t[0] instanceof Float64Array));
  if (isMlMatrix(t)) {
    const m: Matrix = t;
    n = m.rows;
    k = m.columns;
    data = Float64Array.from(m.to1DArray());
  } else if (isNdArrayLike(t) && t.shape.length === 1) {
    n = t.shape[0] as number;
    k = 1;
    data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = t.get(i);
  } else if (twoD) {
    if (isNdArrayLike(t)) {
      [n, k] = t.shape as [number, number];
      data = new Float64Array(n * k);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) data[i * k + j] = t.get(i, j);
    } else {
      const arr = t as readonly ArrayLike<number>[];
      n = arr.length;
      k = (arr[0] as ArrayLike<number>).length;
      data = new Float64Array(n * k);
      for (let i = 0; i < n; i++) {
        const row = arr[i];
        if (!(Array.isArray(row) || row instanceof Float64Array) || row.length !== k) {
          throw new DimensionError(`${name}: expected every row of length ${k} (as row 0), received ${describeValue(row)} at row ${i}`);
        }
        for (let j = 0; j < k; j++) {
          const v: unknown = row[j];
          if (typeof v !== 'number') throw new TypeError(`${name}: expected numbers, received ${describeValue(v)} at row ${i}, column ${j}`);
          data[i * k + j] = v;
        }
      }
    }
  } else if (Array.isArray(t) || (ArrayBuffer.isView(t) && !(t instanceof DataView))) {
    data = checkVector(name, t);
    data = data === t ? Float64Array.from(data) : data;
    n = data.length;
    k = 1;
    // A row-major N×cols array (cols > 1 outputs per sample).
    if (cols !== undefined && cols > 1 && n !== rows && n === rows * cols) {
      n = rows;
      k = cols;
    }
  } else {
    throw new TypeError(`${name}: expected an array of N values or a set of N rows (ndarray [N, k], number[][], Matrix), received ${describeValue(t)}`);
  }
  if (n !== rows) throw new DimensionError(`${name}: expected ${rows} rows (as ${rowsOf}), received ${n} rows`);
  if (k < 1) throw new DimensionError(`${name}: expected rows of length ≥ 1, received rows of length 0`);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(`${name}: expected finite values, received ${describeValue(v)} at row ${Math.floor(i / k)}, column ${i % k}`);
    }
  }
  return { data, rows: n, cols: k };
}

/**
 * The number of samples a target option holds, when it can be told without reading it (an array's
 * length, an ndarray's or a `Matrix`'s rows): the row count of features given as a flat row-major
 * Float64Array. @internal
 */
export function rowCount(t: unknown): number | undefined {
  if (isMlMatrix(t)) return t.rows;
  if (isNdArrayLike(t)) return t.shape[0];
  if (Array.isArray(t) || (ArrayBuffer.isView(t) && !(t instanceof DataView))) return (t as ArrayLike<unknown>).length;
  return undefined;
}

/**
 * `options.features` of a model as a packed [N, p] point set, read by core's `toMatrix`
 * (number[][], Float64Array[], ndarray, ml-matrix `Matrix`, or a row-major Float64Array whose
 * shape comes from `rows` or `cols`). @internal
 */
export function readFeatures(features: MatrixLike | undefined, rows?: number, cols?: number): { X: Points; N: number; p: number } {
  if (features === undefined) throw new TypeError('options.features: expected an [N, p] set of feature rows, received undefined');
  // A flat array is read with whichever shape hint is known (cols, from the layers, is exact; rows
  // from the targets otherwise). Other forms carry their shape; the model checks it against its own.
  const flat = features instanceof Float64Array;
  const m = flat ? toMatrix('options.features', features, cols === undefined ? rows : undefined, cols) : toMatrix('options.features', features);
  // A packed ndarray is used as is (toPoints did not copy it): keep the caller's object.
  if (!flat && !Array.isArray(features) && m.data === (features as { data?: unknown }).data) return { X: features as Points, N: m.rows, p: m.cols };
  return { X: ndarray(m.data, [m.rows, m.cols]), N: m.rows, p: m.cols };
}
