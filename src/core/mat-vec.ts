/**
 * The dense row-major matrix–vector product `matVec`, the hot kernel behind dense operators.
 *
 * @module
 */
import { checkInteger } from './checks';
import { DimensionError, describeValue } from './errors';
/**
 * out ← A x for a row-major rows×cols matrix A (BLAS-2 `gemv` without scaling). Four rows at a
 * time: each xⱼ is loaded once for four products, about 2× faster than one row at a time on
 * Node 20, where the loop is bound by loads. No allocation; O(1) shape checks only (types and
 * lengths: rows and cols integers ≥ 0, A of length rows·cols, x of cols, out of rows), not the
 * entries (a hot kernel: NaN in A or x gives NaN in out). Returns out.
 */
export function matVec(A: Float64Array, rows: number, cols: number, x: Float64Array, out: Float64Array): Float64Array {
  const r = checkInteger('rows', rows, 0);
  const c = checkInteger('cols', cols, 0);
  const shape = (name: string, v: unknown, n: number): void => {
    if (!(v instanceof Float64Array)) throw new TypeError(`${name}: expected a Float64Array, received ${describeValue(v)}`);
    if (v.length !== n) throw new DimensionError(`${name}: expected length ${n}, received length ${v.length}`);
  };
  shape('A', A, r * c);
  shape('x', x, c);
  shape('out', out, r);
  return matVecUnchecked(A, rows, cols, x, out);
}

/** {@link matVec} without its shape checks, for the library's own loops. @internal */
export function matVecUnchecked(A: Float64Array, rows: number, cols: number, x: Float64Array, out: Float64Array): Float64Array {
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const r0 = i * cols;
    const r1 = r0 + cols;
    const r2 = r1 + cols;
    const r3 = r2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < cols; j++) {
      const xj = x[j] as number;
      s0 += (A[r0 + j] as number) * xj;
      s1 += (A[r1 + j] as number) * xj;
      s2 += (A[r2 + j] as number) * xj;
      s3 += (A[r3 + j] as number) * xj;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < rows; i++) {
    const r = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += (A[r + j] as number) * (x[j] as number);
    out[i] = s;
  }
  return out;
}
