/**
 * Grid helpers shared by the 1-D and 2-D solvers: boundary kinds, reading a per-side boundary
 * option, and the interpolation weights of a cell-centred field along one axis (linear between
 * centres, to zero at an absorbing wall, flat at a reflecting one, wrapped at a periodic one).
 * @internal
 *
 * @module
 */
import { checkOneOf } from '../core/checks';
import { describeValue } from '../core/errors';

/** What happens at one side of the domain. */
export type BoundaryKind = 'reflecting' | 'absorbing' | 'periodic';

export const BOUNDARY_KINDS: readonly BoundaryKind[] = ['reflecting', 'absorbing', 'periodic'];

/** One axis of a cell-centred grid. @internal */
export interface Axis {
  n: number;
  lo: number;
  hi: number;
  h: number;
  low: BoundaryKind;
  high: BoundaryKind;
}

/** Reads the boundary kinds of the sides `sides` from a string or an object with one key per side. @internal */
export function readBoundary(name: string, value: unknown, sides: readonly string[]): Record<string, BoundaryKind> {
  const out: Record<string, BoundaryKind> = {};
  if (value === undefined || typeof value === 'string') {
    const k = checkOneOf(name, value ?? 'reflecting', BOUNDARY_KINDS);
    for (const s of sides) out[s] = k;
    return out;
  }
  if (value === null || typeof value !== 'object') {
    throw new TypeError(
      `${name}: expected one of 'reflecting', 'absorbing', 'periodic' or an object with keys ${sides.join(', ')}, received ${describeValue(value)}`,
    );
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!sides.includes(key)) throw new TypeError(`${name}: expected keys ${sides.join(', ')}, received key '${key}'`);
  }
  for (const s of sides) out[s] = checkOneOf(`${name}.${s}`, o[s] ?? 'reflecting', BOUNDARY_KINDS);
  return out;
}

/** Checks that a pair of opposite sides is periodic on both or on neither. @internal */
export function checkPeriodicPair(name: string, low: BoundaryKind, high: BoundaryKind, lowName: string, highName: string): void {
  if ((low === 'periodic') !== (high === 'periodic')) {
    throw new RangeError(`${name}: expected '${lowName}' and '${highName}' both periodic or neither, received '${low}' and '${high}'`);
  }
}

/** Interpolation of a cell field along an axis: value ≈ w0·f[i0] + w1·f[i1] (index −1: the zero of an absorbing wall). @internal */
export interface AxisWeights {
  i0: number;
  i1: number;
  w0: number;
  w1: number;
}

/** The weights at coordinate x (in [lo, hi], checked by the caller). @internal */
export function axisWeights(axis: Axis, x: number, out: AxisWeights): AxisWeights {
  const { n, h } = axis;
  const s = (x - axis.lo) / h - 0.5;
  if (s >= 0 && s <= n - 1) {
    const i0 = Math.min(Math.floor(s), n - 2);
    const w = s - i0;
    out.i0 = i0;
    out.i1 = i0 + 1;
    out.w0 = 1 - w;
    out.w1 = w;
  } else if (s < 0) {
    if (axis.low === 'periodic') {
      const w = s + 1;
      out.i0 = n - 1;
      out.i1 = 0;
      out.w0 = 1 - w;
      out.w1 = w;
    } else {
      out.i0 = -1;
      out.i1 = 0;
      out.w0 = 0;
      out.w1 = axis.low === 'absorbing' ? Math.max(0, (s + 0.5) / 0.5) : 1;
    }
  } else if (axis.high === 'periodic') {
    const w = s - (n - 1);
    out.i0 = n - 1;
    out.i1 = 0;
    out.w0 = 1 - w;
    out.w1 = w;
  } else {
    out.i0 = n - 1;
    out.i1 = -1;
    out.w0 = axis.high === 'absorbing' ? Math.max(0, (n - 0.5 - s) / 0.5) : 1;
    out.w1 = 0;
  }
  return out;
}

/**
 * A band-reducing order of 0..n−1 along a periodic axis: 0, n−1, 1, n−2, … (neighbours, the
 * wrap-around pair included, end up at most 2 apart). @internal
 */
export function interleaved(n: number): Int32Array {
  const o = new Int32Array(n);
  let lo = 0;
  let hi = n - 1;
  for (let k = 0; k < n; k++) o[k] = k % 2 === 0 ? lo++ : hi--;
  return o;
}

/**
 * A nested-dissection order of the cells of an nx × ny grid (cell (i, j) at i·ny + j, five-point
 * neighbours, a periodic axis wrapping round): each box is split across its longer side by a line
 * of cells (two lines, at its start and middle, across a periodic axis it spans), the two halves
 * ordered first, recursively, and the separator last. @internal
 */
export function nestedDissection(nx: number, ny: number, xPeriodic: boolean, yPeriodic: boolean): Int32Array {
  const order = new Int32Array(nx * ny);
  let k = 0;
  const emit = (i0: number, i1: number, j0: number, j1: number): void => {
    for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) order[k++] = i * ny + j;
  };
  const box = (i0: number, i1: number, j0: number, j1: number, wrapX: boolean, wrapY: boolean): void => {
    const w = i1 - i0;
    const h = j1 - j0;
    if (w <= 0 || h <= 0) return;
    if (w * h <= 8 || (w <= 2 && h <= 2)) {
      emit(i0, i1, j0, j1);
      return;
    }
    if (w >= h) {
      if (wrapX) {
        const mid = i0 + (w >> 1);
        box(i0 + 1, mid, j0, j1, false, wrapY);
        box(mid + 1, i1, j0, j1, false, wrapY);
        emit(i0, i0 + 1, j0, j1);
        emit(mid, mid + 1, j0, j1);
      } else {
        const mid = i0 + (w >> 1);
        box(i0, mid, j0, j1, false, wrapY);
        box(mid + 1, i1, j0, j1, false, wrapY);
        emit(mid, mid + 1, j0, j1);
      }
    } else if (wrapY) {
      const mid = j0 + (h >> 1);
      box(i0, i1, j0 + 1, mid, wrapX, false);
      box(i0, i1, mid + 1, j1, wrapX, false);
      emit(i0, i1, j0, j0 + 1);
      emit(i0, i1, mid, mid + 1);
    } else {
      const mid = j0 + (h >> 1);
      box(i0, i1, j0, mid, wrapX, false);
      box(i0, i1, mid + 1, j1, wrapX, false);
      emit(i0, i1, mid, mid + 1);
    }
  };
  box(0, nx, 0, ny, xPeriodic, yPeriodic);
  return order;
}
