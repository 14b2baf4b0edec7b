/**
 * The kernels of `symmetricEigen`: Householder tridiagonalisation (tred2) and the implicit QL
 * iteration with accumulated eigenvectors (tql2) of JAMA/EISPACK, ported operation for operation
 * from ml-matrix 6.15's `EigenvalueDecomposition` (MIT licence, © 2014 ml.js), so that they give its
 * bits, including its transposed storage of V. A local copy because ml-matrix's `Matrix` cannot be
 * tree-shaken: importing `EigenvalueDecomposition` alone put ~70 KB of it into every bundle that
 * uses Lanczos (docs/bundle-sizes.md).
 *
 * @module
 * @internal
 */

/** √(a² + b²) without overflow, exactly as ml-matrix's `hypotenuse`. @internal */
function hypotenuse(a: number, b: number): number {
  let r: number;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/**
 * Eigenvalues `d` (ascending) and eigenvectors of the symmetric n×n matrix whose row-major entries
 * are in `a` (read only). Returns `vt`, the eigenvectors as rows: row j (`vt[j·n .. j·n + n)`) is the
 * unit eigenvector of `d[j]`. O(n³) time, O(n²) memory. @internal
 */
export function symmetricEigenKernel(a: Float64Array, n: number): { d: Float64Array; vt: Float64Array } {
  // vt holds Vᵀ: ml-matrix's V.get(j, i) (the logical V(i, j)) is vt[j·n + i].
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vt[j * n + i] = a[i * n + j] as number;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(n, e, d, vt);
  tql2(n, e, d, vt);
  return { d, vt };
}

/* eslint-disable @typescript-eslint/no-non-null-assertion -- indices below are in range by construction (the port keeps ml-matrix's loops) */
function tred2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  const get = (r: number, c: number): number => V[r * n + c]!;
  const set = (r: number, c: number, v: number): void => {
    V[r * n + c] = v;
  };
  let f: number, g: number, h: number, i: number, j: number, k: number, hh: number, scale: number;

  for (j = 0; j < n; j++) d[j] = get(j, n - 1);

  for (i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (k = 0; k < i; k++) scale = scale + Math.abs(d[k]!);

    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (j = 0; j < i; j++) {
        d[j] = get(j, i - 1);
        set(j, i, 0);
        set(i, j, 0);
      }
    } else {
      for (k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }

      f = d[i - 1]!;
      g = Math.sqrt(h);
      if (f > 0) g = -g;

      e[i] = scale * g;
      h = h - f * g;
      d[i - 1] = f - g;
      for (j = 0; j < i; j++) e[j] = 0;

      for (j = 0; j < i; j++) {
        f = d[j]!;
        set(i, j, f);
        const rj = j * n;
        g = e[j]! + V[rj + j]! * f;
        for (k = j + 1; k <= i - 1; k++) {
          const vjk = V[rj + k]!;
          g += vjk * d[k]!;
          e[k] = e[k]! + vjk * f;
        }
        e[j] = g;
      }

      f = 0;
      for (j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }

      hh = f / (h + h);
      for (j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;

      for (j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const rj = j * n;
        for (k = j; k <= i - 1; k++) V[rj + k] = V[rj + k]! - (f * e[k]! + g * d[k]!);
        d[j] = get(j, i - 1);
        set(j, i, 0);
      }
    }
    d[i] = h;
  }

  for (i = 0; i < n - 1; i++) {
    set(i, n - 1, get(i, i));
    set(i, i, 1);
    h = d[i + 1]!;
    if (h !== 0) {
      for (k = 0; k <= i; k++) d[k] = get(i + 1, k) / h;

      const ri = (i + 1) * n;
      for (j = 0; j <= i; j++) {
        const rj = j * n;
        g = 0;
        for (k = 0; k <= i; k++) g += V[ri + k]! * V[rj + k]!;
        for (k = 0; k <= i; k++) V[rj + k] = V[rj + k]! - g * d[k]!;
      }
    }

    for (k = 0; k <= i; k++) set(i + 1, k, 0);
  }

  for (j = 0; j < n; j++) {
    d[j] = get(j, n - 1);
    set(j, n - 1, 0);
  }

  set(n - 1, n - 1, 1);
  e[0] = 0;
}

function tql2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  const get = (r: number, c: number): number => V[r * n + c]!;
  const set = (r: number, c: number, v: number): void => {
    V[r * n + c] = v;
  };
  let g: number, h: number, i: number, j: number, k: number, l: number, m: number, p: number, r: number;
  let dl1: number, c: number, c2: number, c3: number, el1: number, s: number, s2: number;

  for (i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;

  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;

  for (l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }

    if (m > l) {
      do {
        g = d[l]!;
        p = (d[l + 1]! - g) / (2 * e[l]!);
        r = hypotenuse(p, 1);
        if (p < 0) r = -r;

        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        dl1 = d[l + 1]!;
        h = g - d[l]!;
        for (i = l + 2; i < n; i++) d[i] = d[i]! - h;

        f = f + h;

        p = d[m]!;
        c = 1;
        c2 = c;
        c3 = c;
        el1 = e[l + 1]!;
        s = 0;
        s2 = 0;
        for (i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypotenuse(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);

          const r1 = (i + 1) * n;
          const r0 = i * n;
          for (k = 0; k < n; k++) {
            h = V[r1 + k]!;
            const v0 = V[r0 + k]!;
            V[r1 + k] = s * v0 + c * h;
            V[r0 + k] = c * v0 - s * h;
          }
        }

        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }

  for (i = 0; i < n - 1; i++) {
    k = i;
    p = d[i]!;
    for (j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }

    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (j = 0; j < n; j++) {
        p = get(i, j);
        set(i, j, get(k, j));
        set(k, j, p);
      }
    }
  }
}
/* eslint-enable @typescript-eslint/no-non-null-assertion */
