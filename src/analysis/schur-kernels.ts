/**
 * The real Schur form A = U T Uᵀ of a dense real matrix (Householder reduction to Hessenberg form,
 * then Francis double-shift QR with the orthogonal transformations accumulated), and the
 * quasi-triangular Sylvester/Stein back-substitutions of Bartels–Stewart that `lyapunov` is built
 * on. Row-major `Float64Array`s throughout, no checks: callers validate.
 *
 * The Hessenberg reduction and the QR sweep follow EISPACK's orthes/hqr2 (as in JAMA and
 * ml-matrix's port), stopped before hqr2's eigenvector back-substitution, with an iteration cap
 * and every deflated subdiagonal set to an exact zero so that the block structure of T is read
 * off its subdiagonal.
 *
 * @internal
 * @module
 */

/** Result of {@link realSchur}: A = U T Uᵀ, T quasi-upper-triangular with 1×1 and 2×2 diagonal blocks. */
export interface RealSchur {
  /** T, row-major n×n; T[i+1][i] ≠ 0 exactly where a 2×2 block (a complex pair) starts at i. */
  t: Float64Array;
  /** U, orthogonal, row-major n×n. */
  u: Float64Array;
  /** Eigenvalues, real parts. */
  re: Float64Array;
  /** Eigenvalues, imaginary parts (± pairs for the 2×2 blocks). */
  im: Float64Array;
  /** False when the QR iteration hit its cap (30·n sweeps in all, or 60 on one eigenvalue). */
  converged: boolean;
}

/**
 * The real Schur decomposition of the n×n row-major `a` (not modified). O(n³): about 25n³ flops.
 *
 * @internal
 */
export function realSchur(a: Float64Array, n: number): RealSchur {
  const H = Float64Array.from(a);
  const V = new Float64Array(n * n);
  const ort = new Float64Array(n);
  orthes(n, H, V, ort);
  transposeInPlace(V, n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const converged = hqr(n, H, V, re, im);
  transposeInPlace(V, n);
  // Everything below the subdiagonal is zero by construction; make it exact.
  for (let i = 2; i < n; i++) for (let j = 0; j < i - 1; j++) H[i * n + j] = 0;
  return { t: H, u: V, re, im, converged };
}

function transposeInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = a[i * n + j] as number;
      a[i * n + j] = a[j * n + i] as number;
      a[j * n + i] = t;
    }
  }
}

/** Householder reduction of H to upper Hessenberg form, V the accumulated orthogonal factor (EISPACK orthes). @internal */
export function orthes(n: number, H: Float64Array, V: Float64Array, ort: Float64Array): void {
  const high = n - 1;
  const work = new Float64Array(n);
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0;
    for (let i = m; i <= high; i++) scale += Math.abs(H[i * n + m - 1] as number);
    if (scale === 0) continue;
    let h = 0;
    for (let i = high; i >= m; i--) {
      const o = (H[i * n + m - 1] as number) / scale;
      ort[i] = o;
      h += o * o;
    }
    let g = Math.sqrt(h);
    if ((ort[m] as number) > 0) g = -g;
    h -= (ort[m] as number) * g;
    ort[m] = (ort[m] as number) - g;
    // H = (I − u uᵀ/h) H, by rows: f = uᵀH/h, then H −= u fᵀ.
    work.fill(0, m, n);
    for (let i = m; i <= high; i++) {
      const oi = ort[i] as number;
      const ri = i * n;
      for (let j = m; j < n; j++) work[j] = (work[j] as number) + oi * (H[ri + j] as number);
    }
    for (let j = m; j < n; j++) work[j] = (work[j] as number) / h;
    for (let i = m; i <= high; i++) {
      const oi = ort[i] as number;
      const ri = i * n;
      for (let j = m; j < n; j++) H[ri + j] = (H[ri + j] as number) - oi * (work[j] as number);
    }
    // H = H (I − u uᵀ/h)
    for (let i = 0; i <= high; i++) {
      const row = i * n;
      let f = 0;
      for (let j = high; j >= m; j--) f += (ort[j] as number) * (H[row + j] as number);
      f /= h;
      for (let j = m; j <= high; j++) H[row + j] = (H[row + j] as number) - f * (ort[j] as number);
    }
    ort[m] = scale * (ort[m] as number);
    H[m * n + m - 1] = scale * g;
  }
  V.fill(0);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let m = high - 1; m >= 1; m--) {
    const hm = H[m * n + m - 1] as number;
    if (hm === 0) continue;
    for (let i = m + 1; i <= high; i++) ort[i] = H[i * n + m - 1] as number;
    // V += u gᵀ with g = Vᵀu / (u_m h_m), by rows.
    work.fill(0, m, high + 1);
    for (let i = m; i <= high; i++) {
      const oi = ort[i] as number;
      const ri = i * n;
      for (let j = m; j <= high; j++) work[j] = (work[j] as number) + oi * (V[ri + j] as number);
    }
    const scaleG = 1 / (ort[m] as number) / hm;
    for (let i = m; i <= high; i++) {
      const oi = (ort[i] as number) * scaleG;
      const ri = i * n;
      for (let j = m; j <= high; j++) V[ri + j] = (V[ri + j] as number) + oi * (work[j] as number);
    }
  }
}

/**
 * Francis double-shift QR on the Hessenberg H, accumulating into V stored TRANSPOSED (row c of `V`
 * is column c of the Schur vectors: the updates then run along contiguous rows). Returns false at
 * the iteration cap.
 *
 * @internal
 */
export function hqr(nn: number, H: Float64Array, V: Float64Array, d: Float64Array, e: Float64Array): boolean {
  const eps = Number.EPSILON;
  let n = nn - 1;
  let exshift = 0;
  let norm = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s: number;
  let z: number;
  let w: number;
  let x: number;
  let y: number;
  let iter = 0;
  let total = 0;
  const maxTotal = 30 * Math.max(nn, 10);
  const at = (i: number, j: number): number => H[i * nn + j] as number;
  for (let i = 0; i < nn; i++) for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(at(i, j));

  while (n >= 0) {
    let l = n;
    while (l > 0) {
      s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
      if (s === 0) s = norm;
      if (Math.abs(at(l, l - 1)) < eps * s) break;
      l--;
    }
    if (l === n) {
      // One root.
      H[n * nn + n] = at(n, n) + exshift;
      if (n > 0) H[n * nn + n - 1] = 0;
      d[n] = at(n, n);
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      // Two roots.
      w = at(n, n - 1) * at(n - 1, n);
      p = (at(n - 1, n - 1) - at(n, n)) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      H[n * nn + n] = at(n, n) + exshift;
      H[(n - 1) * nn + n - 1] = at(n - 1, n - 1) + exshift;
      if (n - 1 > 0) H[(n - 1) * nn + n - 2] = 0;
      x = at(n, n);
      if (q >= 0) {
        // A real pair: rotate the block to upper-triangular form.
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = z !== 0 ? x - w / z : x + z;
        e[n - 1] = 0;
        e[n] = 0;
        x = at(n, n - 1);
        s = Math.abs(x) + Math.abs(z);
        p = x / s;
        q = z / s;
        r = Math.sqrt(p * p + q * q);
        p /= r;
        q /= r;
        for (let j = n - 1; j < nn; j++) {
          z = at(n - 1, j);
          H[(n - 1) * nn + j] = q * z + p * at(n, j);
          H[n * nn + j] = q * at(n, j) - p * z;
        }
        for (let i = 0; i <= n; i++) {
          z = at(i, n - 1);
          H[i * nn + n - 1] = q * z + p * at(i, n);
          H[i * nn + n] = q * at(i, n) - p * z;
        }
        const c0 = (n - 1) * nn;
        const c1 = n * nn;
        for (let i = 0; i < nn; i++) {
          z = V[c0 + i] as number;
          V[c0 + i] = q * z + p * (V[c1 + i] as number);
          V[c1 + i] = q * (V[c1 + i] as number) - p * z;
        }
        H[n * nn + n - 1] = 0;
      } else {
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      x = at(n, n);
      y = 0;
      w = 0;
      if (l < n) {
        y = at(n - 1, n - 1);
        w = at(n, n - 1) * at(n - 1, n);
      }
      if (iter === 10) {
        // Wilkinson's exceptional shift.
        exshift += x;
        for (let i = 0; i <= n; i++) H[i * nn + i] = at(i, i) - x;
        s = Math.abs(at(n, n - 1)) + Math.abs(at(n - 1, n - 2));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        // MATLAB's exceptional shift.
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = 0; i <= n; i++) H[i * nn + i] = at(i, i) - s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      total++;
      if (iter > 60 || total > maxTotal) return false;
      // Look for two consecutive small subdiagonal elements.
      let m = n - 2;
      while (m >= l) {
        z = at(m, m);
        r = x - z;
        s = y - z;
        p = (r * s - w) / at(m + 1, m) + at(m, m + 1);
        q = at(m + 1, m + 1) - z - r - s;
        r = at(m + 2, m + 1);
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (
          Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r)) <
          eps * (Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1))))
        )
          break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        H[i * nn + i - 2] = 0;
        if (i > m + 2) H[i * nn + i - 3] = 0;
      }
      // Double QR step on rows l..n, columns m..n.
      for (let k = m; k <= n - 1; k++) {
        const notlast = k !== n - 1;
        if (k !== m) {
          p = at(k, k - 1);
          q = at(k + 1, k - 1);
          r = notlast ? at(k + 2, k - 1) : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x !== 0) {
            p /= x;
            q /= x;
            r /= x;
          }
        }
        if (x === 0) break;
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s !== 0) {
          if (k !== m) H[k * nn + k - 1] = -s * x;
          else if (l !== m) H[k * nn + k - 1] = -at(k, k - 1);
          p += s;
          x = p / s;
          y = q / s;
          z = r / s;
          q /= p;
          r /= p;
          const rk = k * nn;
          const rk1 = rk + nn;
          const rk2 = rk1 + nn;
          for (let j = k; j < nn; j++) {
            p = (H[rk + j] as number) + q * (H[rk1 + j] as number);
            if (notlast) {
              p += r * (H[rk2 + j] as number);
              H[rk2 + j] = (H[rk2 + j] as number) - p * z;
            }
            H[rk + j] = (H[rk + j] as number) - p * x;
            H[rk1 + j] = (H[rk1 + j] as number) - p * y;
          }
          const iEnd = Math.min(n, k + 3);
          for (let i = 0; i <= iEnd; i++) {
            const ri = i * nn;
            p = x * (H[ri + k] as number) + y * (H[ri + k + 1] as number);
            if (notlast) {
              p += z * (H[ri + k + 2] as number);
              H[ri + k + 2] = (H[ri + k + 2] as number) - p * r;
            }
            H[ri + k] = (H[ri + k] as number) - p;
            H[ri + k + 1] = (H[ri + k + 1] as number) - p * q;
          }
          if (notlast) {
            for (let i = 0; i < nn; i++) {
              p = x * (V[rk + i] as number) + y * (V[rk1 + i] as number) + z * (V[rk2 + i] as number);
              V[rk2 + i] = (V[rk2 + i] as number) - p * r;
              V[rk + i] = (V[rk + i] as number) - p;
              V[rk1 + i] = (V[rk1 + i] as number) - p * q;
            }
          } else {
            for (let i = 0; i < nn; i++) {
              p = x * (V[rk + i] as number) + y * (V[rk1 + i] as number);
              V[rk + i] = (V[rk + i] as number) - p;
              V[rk1 + i] = (V[rk1 + i] as number) - p * q;
            }
          }
        }
      }
    }
  }
  return true;
}

/** Block starts of a quasi-triangular T: `start[b]`, sizes `size[b]` (1 or 2), count returned. */
export function schurBlocks(t: Float64Array, n: number, start: Int32Array, size: Int32Array): number {
  let b = 0;
  let i = 0;
  while (i < n) {
    const two = i + 1 < n && t[(i + 1) * n + i] !== 0;
    start[b] = i;
    size[b] = two ? 2 : 1;
    b++;
    i += two ? 2 : 1;
  }
  return b;
}

/**
 * Solves the (p·q)×(p·q) system  α·Y + s·(T_II Y T_JJᵀ) + c·(T_II Y + Y T_JJᵀ) = R  for the p×q block Y
 * (p, q ∈ {1, 2}) by Gaussian elimination with partial pivoting; `rhs` (length 4, row-major p×q)
 * is overwritten by Y. Continuous (TY + YTᵀ = C): α = 0, s = 0, c = 1. Discrete (Y − TYTᵀ = C):
 * α = 1, s = −1, c = 0. Returns the smallest |pivot| (0 when singular; Y is then garbage).
 *
 * @internal
 */
export function solveSmallBlock(
  t: Float64Array,
  n: number,
  i0: number,
  p: number,
  j0: number,
  q: number,
  alpha: number,
  sCoef: number,
  cCoef: number,
  rhs: Float64Array,
  m: Float64Array,
): number {
  const k = p * q;
  // Unknown index u = a*q + b for Y[a][b]. Equation (a, b):
  //   α Y_ab + s Σ_{c,d} T_ac Y_cd T_bd + c (Σ_c T_ac Y_cb + Σ_d Y_ad T_bd) = R_ab
  m.fill(0, 0, k * k);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < q; b++) {
      const row = (a * q + b) * k;
      m[row + a * q + b] = (m[row + a * q + b] as number) + alpha;
      for (let c = 0; c < p; c++) {
        const tac = t[(i0 + a) * n + i0 + c] as number;
        for (let dd = 0; dd < q; dd++) {
          const tbd = t[(j0 + b) * n + j0 + dd] as number;
          m[row + c * q + dd] = (m[row + c * q + dd] as number) + sCoef * tac * tbd;
        }
        m[row + c * q + b] = (m[row + c * q + b] as number) + cCoef * tac;
      }
      for (let dd = 0; dd < q; dd++) {
        const tbd = t[(j0 + b) * n + j0 + dd] as number;
        m[row + a * q + dd] = (m[row + a * q + dd] as number) + cCoef * tbd;
      }
    }
  }
  let minPivot = Infinity;
  for (let col = 0; col < k; col++) {
    let piv = col;
    let best = Math.abs(m[col * k + col] as number);
    for (let rr = col + 1; rr < k; rr++) {
      const v = Math.abs(m[rr * k + col] as number);
      if (v > best) {
        best = v;
        piv = rr;
      }
    }
    if (best < minPivot) minPivot = best;
    if (best === 0) return 0;
    if (piv !== col) {
      for (let cc = 0; cc < k; cc++) {
        const tmp = m[col * k + cc] as number;
        m[col * k + cc] = m[piv * k + cc] as number;
        m[piv * k + cc] = tmp;
      }
      const tmp = rhs[col] as number;
      rhs[col] = rhs[piv] as number;
      rhs[piv] = tmp;
    }
    const dpiv = m[col * k + col] as number;
    for (let rr = col + 1; rr < k; rr++) {
      const f = (m[rr * k + col] as number) / dpiv;
      if (f === 0) continue;
      for (let cc = col; cc < k; cc++) m[rr * k + cc] = (m[rr * k + cc] as number) - f * (m[col * k + cc] as number);
      rhs[rr] = (rhs[rr] as number) - f * (rhs[col] as number);
    }
  }
  for (let rr = k - 1; rr >= 0; rr--) {
    let acc = rhs[rr] as number;
    for (let cc = rr + 1; cc < k; cc++) acc -= (m[rr * k + cc] as number) * (rhs[cc] as number);
    rhs[rr] = acc / (m[rr * k + rr] as number);
  }
  return minPivot;
}

/**
 * Bartels–Stewart back-substitution on the quasi-upper-triangular T (n×n):
 * continuous, T Y + Y Tᵀ = C; discrete, Y − T Y Tᵀ = C. `c` is overwritten by Y.
 * Column blocks from the last to the first, row blocks bottom-up inside each; O(n³).
 * Returns the smallest pivot met in the 1×1…4×4 block systems relative to the scale of T (0 when
 * a block system was exactly singular).
 *
 * @internal
 */
export function quasiTriangularLyapunov(t: Float64Array, n: number, c: Float64Array, discrete: boolean): number {
  const start = new Int32Array(n);
  const size = new Int32Array(n);
  const nb = schurBlocks(t, n, start, size);
  const w = new Float64Array(2 * n); // W = Σ_{K>J} Y_{:,K} T_{J,K}ᵀ, n×q column-major by block column
  const z = new Float64Array(2 * n); // discrete: Z_L = W_L + Y_LJ T_JJᵀ
  const rhs = new Float64Array(4);
  const m = new Float64Array(16);
  let minPivot = Infinity;
  const alpha = discrete ? 1 : 0;
  const sCoef = discrete ? -1 : 0;
  const cCoef = discrete ? 0 : 1;
  for (let bj = nb - 1; bj >= 0; bj--) {
    const j0 = start[bj] as number;
    const q = size[bj] as number;
    const jEnd = j0 + q;
    // W[r][b] = Σ_{k ≥ jEnd} Y[r][k] T[j0+b][k]
    for (let b = 0; b < q; b++) {
      const trow = (j0 + b) * n;
      for (let r = 0; r < n; r++) {
        const yrow = r * n;
        let acc = 0;
        for (let k = jEnd; k < n; k++) acc += (c[yrow + k] as number) * (t[trow + k] as number);
        w[b * n + r] = acc;
      }
    }
    for (let bi = nb - 1; bi >= 0; bi--) {
      const i0 = start[bi] as number;
      const p = size[bi] as number;
      const iEnd = i0 + p;
      for (let a = 0; a < p; a++) {
        const ra = i0 + a;
        const trow = ra * n;
        for (let b = 0; b < q; b++) {
          let v = c[ra * n + j0 + b] as number;
          if (discrete) {
            // C + Σ_{L≥I} T_IL W_L + Σ_{L>I} T_IL Y_LJ T_JJᵀ  =  C + T_II W_I + Σ_{L>I} T_IL Z_L
            for (let l = i0; l < iEnd; l++) v += (t[trow + l] as number) * (w[b * n + l] as number);
            for (let l = iEnd; l < n; l++) v += (t[trow + l] as number) * (z[b * n + l] as number);
          } else {
            v -= w[b * n + ra] as number;
            for (let l = iEnd; l < n; l++) v -= (t[trow + l] as number) * (c[l * n + j0 + b] as number);
          }
          rhs[a * q + b] = v;
        }
      }
      const piv = solveSmallBlock(t, n, i0, p, j0, q, alpha, sCoef, cCoef, rhs, m);
      if (piv < minPivot) minPivot = piv;
      if (piv === 0) return 0;
      for (let a = 0; a < p; a++) for (let b = 0; b < q; b++) c[(i0 + a) * n + j0 + b] = rhs[a * q + b] as number;
      if (discrete) {
        // Z_I = W_I + Y_IJ T_JJᵀ, needed by the rows above.
        for (let a = 0; a < p; a++) {
          const ra = i0 + a;
          for (let b = 0; b < q; b++) {
            let acc = w[b * n + ra] as number;
            for (let dd = 0; dd < q; dd++) acc += (c[ra * n + j0 + dd] as number) * (t[(j0 + b) * n + j0 + dd] as number);
            z[b * n + ra] = acc;
          }
        }
      }
    }
  }
  return minPivot;
}
