import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LuDecomposition, Matrix } from 'ml-matrix';
import { lanczos, lanczosAsync, type LanczosOptions, type LanczosResult, type LanczosWhich } from '../../src/spectral/lanczos';
import { denseOperator } from '../../src/spectral/dense-operator';
import { csrOperator } from '../../src/spectral/csr-operator';
import { gridLaplacian, gridLaplacianEigenvalues } from '../../src/spectral/grid-laplacian';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { DimensionError, NonFiniteError, SymmetryError } from '../../src/core/errors';
import type { SymmetricOperator } from '../../src/core/types';
import { fromEigen, randomOrthogonal } from './helpers';

const EPS = Number.EPSILON;

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

/** tridiag(−1, 2, −1) of order n as an operator (no matrix stored). */
function laplacian1d(n: number): SymmetricOperator {
  return {
    dim: n,
    apply(x, out) {
      for (let i = 0; i < n; i++) out[i] = 2 * (x[i] as number) - (i > 0 ? (x[i - 1] as number) : 0) - (i < n - 1 ? (x[i + 1] as number) : 0);
      return out;
    },
  };
}

/** diag(d) as an operator. */
function diagonal(d: ArrayLike<number>): SymmetricOperator {
  return {
    dim: d.length,
    apply(x, out) {
      for (let i = 0; i < d.length; i++) out[i] = (d[i] as number) * (x[i] as number);
      return out;
    },
  };
}

/** The eigenvalues that `which` asks for, in the documented order of `LanczosResult.values`. */
function expectedValues(spectrum: ArrayLike<number>, which: LanczosWhich, k: number): number[] {
  const asc = Array.from(spectrum).sort((a, b) => a - b);
  const n = asc.length;
  switch (which) {
    case 'largest':
      return asc.slice(n - k).reverse();
    case 'smallest':
      return asc.slice(0, k);
    case 'magnitude':
      // Compared by |λ| (a tie λ, −λ at the boundary makes the choice of sign arbitrary).
      return asc
        .map(Math.abs)
        .sort((a, b) => b - a)
        .slice(0, k);
    case 'both':
      return 2 * k >= n ? asc : [...asc.slice(0, k), ...asc.slice(n - k)];
  }
}

/**
 * Checks every promise of a LanczosResult against the operator and its exact spectrum:
 * residuals honest (recomputed here), vectors orthonormal, Rayleigh quotients inside
 * [λmin, λmax], the converged test met, and the values within the residual bound of the exact ones.
 */
function verify(op: SymmetricOperator, spectrum: ArrayLike<number>, r: LanczosResult, which: LanczosWhich, k: number, tol: number, basis: number): void {
  const n = op.dim;
  const asc = Array.from(spectrum).sort((a, b) => a - b);
  const anorm = Math.max(Math.abs(asc[0] as number), Math.abs(asc[n - 1] as number));
  const count = which === 'both' ? Math.min(2 * k, n) : k;
  expect(r.values.length).toBe(count);
  expect(r.vectors.length).toBe(count);
  // Rounding of one product A v: n·ε·‖A‖ per entry; 10·n·ε·‖A‖ bounds differences between two
  // evaluations of the same residual (plus a floor for A = 0).
  const round = 10 * n * EPS * anorm + 1e-300;
  const av = new Float64Array(n);
  let frob = 0;
  for (let i = 0; i < count; i++) {
    const v = r.vectors[i] as Float64Array;
    const lam = r.values[i] as number;
    op.apply(v, av);
    for (let j = 0; j < n; j++) av[j] = (av[j] as number) - lam * (v[j] as number);
    const res = Math.sqrt(dot(av, av));
    expect(Math.abs(res - (r.residuals[i] as number))).toBeLessThanOrEqual(round);
    frob += res * res;
    // Rayleigh quotients of unit vectors lie in [λmin, λmax] (to rounding).
    expect(lam).toBeGreaterThanOrEqual((asc[0] as number) - round);
    expect(lam).toBeLessThanOrEqual((asc[n - 1] as number) + round);
    if (r.converged) expect(res).toBeLessThanOrEqual(tol * r.normEstimate + round);
    for (let j = 0; j <= i; j++) {
      // Ritz vectors V s: V orthonormal to O(√m·ε) (DGKS), S orthogonal to O(m·ε) (QL), so
      // 100·m·ε with m the basis size.
      expect(Math.abs(dot(v, r.vectors[j] as Float64Array) - (i === j ? 1 : 0))).toBeLessThanOrEqual(100 * basis * EPS);
    }
  }
  if (r.converged) expect(r.normEstimate).toBeLessThanOrEqual(anorm + round);
  // Ordering as documented.
  for (let i = 1; i < count; i++) {
    const a = r.values[i - 1] as number;
    const b = r.values[i] as number;
    if (which === 'largest') expect(a).toBeGreaterThanOrEqual(b);
    else if (which === 'magnitude') expect(Math.abs(a)).toBeGreaterThanOrEqual(Math.abs(b));
    else expect(a).toBeLessThanOrEqual(b);
  }
  if (r.converged && !r.possiblyMissed) {
    // Kahan–Parlett–Jiang: the Ritz values of an orthonormal X are within ‖AX − XΘ‖₂ ≤ ‖R‖_F of
    // `count` eigenvalues of A; matched by rank when the wanted ones were found.
    const want = expectedValues(spectrum, which, k);
    const bound = Math.sqrt(frob) + round;
    for (let i = 0; i < count; i++) {
      const got = which === 'magnitude' ? Math.abs(r.values[i] as number) : (r.values[i] as number);
      expect(Math.abs(got - (want[i] as number))).toBeLessThanOrEqual(bound);
    }
  }
}

describe('lanczos: exact spectra', () => {
  it('tridiag(−1, 2, −1): both ends, to the residual²/gap bound', () => {
    const n = 300;
    const op = laplacian1d(n);
    const exact = Float64Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
    for (const which of ['largest', 'smallest'] as const) {
      const r = lanczos(op, { k: 4, which, basisSize: 60 });
      expect(r.converged).toBe(true);
      verify(op, exact, r, which, 4, 1e-8, 60);
      const want = expectedValues(exact, which, 4);
      for (let i = 0; i < 4; i++) {
        const lam = want[i] as number;
        // For a Rayleigh quotient with residual ρ, |θ − λ| ≤ ρ²/gap, gap = distance from λ to the
        // rest of the spectrum (here the neighbouring eigenvalue), plus rounding.
        let gap = Infinity;
        for (const x of exact) if (x !== lam) gap = Math.min(gap, Math.abs(x - lam));
        const rho = r.residuals[i] as number;
        expect(Math.abs((r.values[i] as number) - lam)).toBeLessThanOrEqual((rho * rho) / gap + 10 * n * EPS * 4);
      }
    }
  });

  it('2-D grid Laplacian: double eigenvalues come back with their multiplicity', () => {
    // 20×20 grid: λᵢⱼ = λᵢ + λⱼ of the 1-D Laplacians, so λᵢⱼ = λⱼᵢ is double for i ≠ j.
    const op = csrOperator(gridLaplacian(20));
    const exact = gridLaplacianEigenvalues(20);
    for (const which of ['smallest', 'largest', 'both'] as const) {
      const r = lanczos(op, { k: 6, which });
      expect(r.converged).toBe(true);
      expect(r.possiblyMissed).toBe(false);
      verify(op, exact, r, which, 6, 1e-8, 200);
    }
  });

  it('diagonal matrix with multiplicities and tight clusters', () => {
    // Top of the spectrum: a triple 5, a tight pair 4.999999 / 4.9999, then a gap to ≤ 3.
    const d = [5, 4.9999, 5, 4.999999, 5, ...Array.from({ length: 95 }, (_, i) => 3 * Math.sin(i + 1))];
    const op = diagonal(d);
    const r = lanczos(op, { k: 5, which: 'largest', basisSize: 30 });
    expect(r.converged).toBe(true);
    // The triple is found whole (verify matches the values by rank when nothing is flagged).
    expect(r.possiblyMissed).toBe(false);
    verify(op, d, r, 'largest', 5, 1e-8, 30);
  });

  // Eigenvalues on the grid 0.5·{−4..4} plus a per-index offset 1e-7·i in half of them, so exact
  // repeats and tight clusters (gaps 1e-7) both occur.
  const gridSpectrum = (ints: number[], n: number): number[] => ints.slice(0, n).map((x, i) => 0.5 * x + (i % 2 === 0 ? 1e-7 * i : 0));
  const arbitraries = [
    fc.integer({ min: 1, max: 36 }),
    fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 36, maxLength: 36 }),
    fc.constantFrom<LanczosWhich>('largest', 'smallest', 'magnitude', 'both'),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 10_000 }),
  ] as const;

  it('a random rotation of a spectrum with repeats, default basis: every which and k (property)', () => {
    let flagged = 0;
    let runs = 0;
    fc.assert(
      fc.property(...arbitraries, (n, ints, which, kf, seed) => {
        const spectrum = gridSpectrum(ints, n);
        const k = 1 + Math.floor(kf * (n - 1));
        const op = denseOperator(fromEigen(spectrum, randomOrthogonal(n, seed)));
        const r = lanczos(op, { k, which, seed });
        runs++;
        if (r.possiblyMissed) flagged++;
        expect(r.converged).toBe(true);
        // default basis: min(dim, max(2k′ + 20, …)) = dim here, so the answer is exact.
        verify(op, spectrum, r, which, k, 1e-8, n);
      }),
      { seed: 20261123, numRuns: 30 },
    );
    expect(flagged).toBe(0);
    expect(runs).toBe(30);
  });

  it('the same with a small random basis (restarts): honest when it does not converge (property)', () => {
    let flagged = 0;
    let unconverged = 0;
    let runs = 0;
    fc.assert(
      fc.property(...arbitraries, fc.double({ min: 0, max: 1, noNaN: true }), (n, ints, which, kf, seed, bf) => {
        const spectrum = gridSpectrum(ints, n);
        const k = 1 + Math.floor(kf * (n - 1));
        const wanted = which === 'both' ? Math.min(2 * k, n) : k;
        const basis = Math.min(n, wanted + 2 + Math.floor(bf * bf * (n - wanted)));
        const op = denseOperator(fromEigen(spectrum, randomOrthogonal(n, seed)));
        const r = lanczos(op, { k, which, basisSize: basis, seed, maxMatvecs: 600 });
        runs++;
        if (r.possiblyMissed) flagged++;
        if (!r.converged) unconverged++;
        // A basis of k′ + 2 keeps k′ + 1 Ritz vectors and adds one direction per restart: too
        // little to split a cluster 1e-7 wide (2e-8 = tol·‖A‖ needs the two cluster members apart)
        // within 600 applications, and that must be reported; with 10 spare vectors it converges.
        if (basis >= Math.min(n, wanted + 10)) expect(r.converged).toBe(true);
        // verify checks the values for converged, unflagged runs; residuals, orthonormality and
        // the Ritz interval always.
        verify(op, spectrum, r, which, k, 1e-8, basis);
      }),
      { seed: 777, numRuns: 60 },
    );
    expect(unconverged).toBeLessThan(runs);
    expect(flagged).toBeLessThanOrEqual(runs / 10);
  });
});

describe('lanczos: small and full-space cases', () => {
  it('dim 1, 2, 3 are exact', () => {
    for (const n of [1, 2, 3]) {
      const spectrum = [-1, 2, 2].slice(0, n);
      const op = denseOperator(fromEigen(spectrum, randomOrthogonal(n, n)));
      for (const which of ['largest', 'smallest', 'magnitude', 'both'] as const) {
        for (let k = 1; k <= n; k++) {
          const r = lanczos(op, { k, which });
          expect(r.converged).toBe(true);
          // The basis holds the whole space: exact to rounding (‖A‖ = 2).
          for (const res of r.residuals) expect(res).toBeLessThanOrEqual(100 * EPS * 2);
          verify(op, spectrum, r, which, k, 1e-8, n);
        }
      }
    }
  });

  it('k close to dim and k = dim, with a basis smaller than dim', () => {
    const n = 30;
    const spectrum = Array.from({ length: n }, (_, i) => (i < 4 ? 1 : Math.log(i + 1)));
    const op = denseOperator(fromEigen(spectrum, randomOrthogonal(n, 9)));
    for (const k of [n - 2, n - 1, n]) {
      for (const which of ['largest', 'smallest', 'magnitude'] as const) {
        const basis = Math.min(n, k + 2);
        const r = lanczos(op, { k, which, basisSize: basis });
        expect(r.converged).toBe(true);
        verify(op, spectrum, r, which, k, 1e-8, basis);
      }
    }
    const all = lanczos(op, { k: 20, which: 'both' }); // 2k ≥ dim: every eigenvalue, ascending
    expect(all.values.length).toBe(n);
    verify(op, spectrum, all, 'both', 20, 1e-8, n);
  });

  it('a zero eigenvalue and an exact invariant subspace do not stall', () => {
    // diag(0, 0, 0, 1, 2, 3, …): a start vector in the kernel gives A v₀ = 0 at once (β = 0).
    const d = [0, 0, 0, ...Array.from({ length: 37 }, (_, i) => i + 1)];
    const op = diagonal(d);
    const e1 = new Float64Array(d.length);
    e1[0] = 1;
    const r = lanczos(op, { k: 4, which: 'smallest', v0: e1 });
    expect(r.converged).toBe(true);
    verify(op, d, r, 'smallest', 4, 1e-8, 40);
    // A start vector in span(e₃₉, e₄₀) (a 2-dimensional invariant subspace): continues with fresh
    // random vectors and still finds the top 5.
    const v0 = new Float64Array(d.length);
    v0[38] = 1;
    v0[39] = -2;
    const top = lanczos(op, { k: 5, which: 'largest', v0, basisSize: 12 });
    expect(top.converged).toBe(true);
    verify(op, d, top, 'largest', 5, 1e-8, 12);
    // The zero operator.
    const zero = lanczos(diagonal(new Float64Array(7)), { k: 3 });
    expect(zero.converged).toBe(true);
    expect(Array.from(zero.values)).toEqual([0, 0, 0]);
  });
});

describe('lanczos: missed eigenvalues', () => {
  it('finds a copy that the Krylov space of v0 cannot contain, and counts the check', () => {
    // diag(10, 10, 9, 8, …) with v0 ⊥ e₂: every Krylov vector keeps a zero at index 1 exactly
    // (the operator is diagonal), so the plain iteration converges to 10, 9, 8 and misses a 10.
    const n = 50;
    const d = [10, 10, ...Array.from({ length: n - 2 }, (_, i) => 9 - 8 * (i / n))];
    const op = diagonal(d);
    const v0 = new Float64Array(n).fill(1);
    v0[1] = 0;
    const blind = lanczos(op, { k: 3, v0, checkMissed: false });
    expect(blind.converged).toBe(true);
    expect(blind.values[1] as number).toBeLessThan(9.5); // the miss, shown
    const r = lanczos(op, { k: 3, v0 });
    expect(r.converged).toBe(true);
    expect(r.possiblyMissed).toBe(false);
    verify(op, d, r, 'largest', 3, 1e-8, 26);
    expect(r.matvecs).toBeGreaterThan(blind.matvecs); // the check's applications are counted
  });

  it('a triple eigenvalue in a dense rotation is found whole (rotations 1–12)', () => {
    // Every rotation seed, not one: with seeds 3, 5, 7, 9, 11 the convergence checks' structured
    // kernel (ritz-kernels.ts) once dropped a row's tail below √ε of its last entry (its norm was
    // taken as ‖x‖² − x₁², which cancels to 0), and normEstimate came out 1e-11–7e-10 above
    // ‖A‖ = 7, which verify's normEstimate ≤ ‖A‖ + 10nε‖A‖ caught; seed 4 alone passed.
    const n = 120;
    const spectrum = [7, 7, 7, ...Array.from({ length: n - 3 }, (_, i) => 6 * Math.cos(i))];
    for (let seed = 1; seed <= 12; seed++) {
      const op = denseOperator(fromEigen(spectrum, randomOrthogonal(n, seed)));
      const r = lanczos(op, { k: 3, basisSize: 20 });
      expect(r.converged).toBe(true);
      expect(r.possiblyMissed).toBe(false);
      // Kahan–Parlett–Jiang bound, as in verify: each value within ‖R‖_F of 7.
      const bound = Math.sqrt(r.residuals.reduce((s, x) => s + x * x, 0)) + 10 * n * EPS * 7;
      for (const v of r.values) expect(Math.abs(v - 7)).toBeLessThanOrEqual(bound);
      verify(op, spectrum, r, 'largest', 3, 1e-8, 20);
    }
  });
});

describe('lanczos: modes', () => {
  const n = 80;
  const spectrum = Array.from({ length: n }, (_, i) => Math.sin(1.7 * i) * 3 + 0.01 * i);
  const A = fromEigen(spectrum, randomOrthogonal(n, 21));
  const op = denseOperator(A);

  it('shift-invert finds the eigenvalues nearest σ', () => {
    const sigma = 0.3;
    const shifted = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) shifted.set(i, j, (A[i * n + j] as number) - (i === j ? sigma : 0));
    const lu = new LuDecomposition(shifted);
    const solve = (b: Float64Array, out: Float64Array): Float64Array => {
      const x = lu.solve(Matrix.columnVector(Array.from(b)));
      for (let i = 0; i < n; i++) out[i] = x.get(i, 0);
      return out;
    };
    const r = lanczos(op, { k: 4, shiftInvert: { sigma, solve } });
    expect(r.converged).toBe(true);
    const nearest = [...spectrum].sort((a, b) => Math.abs(a - sigma) - Math.abs(b - sigma)).slice(0, 4);
    // Residuals of A are honest; the values are within ‖R‖_F (Kahan–Parlett–Jiang) of the nearest.
    const av = new Float64Array(n);
    let frob = 0;
    r.vectors.forEach((v, i) => {
      op.apply(v, av);
      let s = 0;
      for (let j = 0; j < n; j++) s += ((av[j] as number) - (r.values[i] as number) * (v[j] as number)) ** 2;
      expect(Math.abs(Math.sqrt(s) - (r.residuals[i] as number))).toBeLessThanOrEqual(10 * n * EPS * 3.8);
      frob += s;
    });
    nearest.forEach((x, i) => expect(Math.abs((r.values[i] as number) - x)).toBeLessThanOrEqual(Math.sqrt(frob) + 10 * n * EPS * 3.8));
    expect(() => lanczos(op, { k: 2, which: 'largest', shiftInvert: { sigma, solve } })).toThrow(
      /options.which: expected one of 'magnitude', received "largest"/,
    );
  });

  it('lanczosAsync gives the same result as lanczos for the same seed', async () => {
    const asyncOp = {
      dim: n,
      apply: async (x: Float64Array, out: Float64Array): Promise<Float64Array> => {
        await Promise.resolve();
        return op.apply(x, out);
      },
    };
    for (const which of ['largest', 'both'] as const) {
      const opts: LanczosOptions = { k: 3, which, seed: 'same', basisSize: 12 };
      const sync = lanczos(op, opts);
      const asy = await lanczosAsync(asyncOp, opts);
      expect(Array.from(asy.values)).toEqual(Array.from(sync.values));
      expect(Array.from(asy.residuals)).toEqual(Array.from(sync.residuals));
      expect(asy.matvecs).toBe(sync.matvecs);
      expect(asy.restarts).toBe(sync.restarts);
      expect(Array.from(asy.vectors[0] as Float64Array)).toEqual(Array.from(sync.vectors[0] as Float64Array));
    }
  });

  it('the relative and user convergence tests are met on the true residuals', () => {
    const rel = lanczos(op, { k: 3, which: 'largest', convergence: 'relative', tol: 1e-10 });
    expect(rel.converged).toBe(true);
    // ARPACK's test: ρ ≤ tol·max(ε^{2/3}, |θ|).
    rel.values.forEach((v, i) => expect(rel.residuals[i] as number).toBeLessThanOrEqual(1e-10 * Math.abs(v)));
    verify(op, spectrum, rel, 'largest', 3, Infinity, 200);
    let calls = 0;
    const user = lanczos(op, {
      k: 2,
      which: 'smallest',
      convergence: (_theta, residual) => {
        calls++;
        return residual < 1e-11;
      },
    });
    expect(calls).toBeGreaterThan(0);
    expect(user.converged).toBe(true);
    for (const res of user.residuals) expect(res).toBeLessThan(1e-11);
  });

  it('a warm start from the previous Ritz vectors converges with fewer applications', () => {
    const cold = lanczos(op, { k: 3, which: 'smallest', basisSize: 15 });
    const warm = lanczos(op, { k: 3, which: 'smallest', basisSize: 15, v0: cold.vectors });
    expect(cold.converged && warm.converged).toBe(true);
    expect(warm.matvecs).toBeLessThan(cold.matvecs);
    verify(op, spectrum, warm, 'smallest', 3, 1e-8, 15);
  });

  it('an unconverged run says so and still returns honest residuals', () => {
    const progress: number[] = [];
    const r = lanczos(op, { k: 4, which: 'smallest', tol: 1e-14, maxMatvecs: 12, basisSize: 10, onProgress: (p) => progress.push(p.matvecs) });
    expect(r.converged).toBe(false);
    expect(r.values.length).toBe(4);
    verify(op, spectrum, r, 'smallest', 4, 1e-14, 10);
    // 12 iteration applications at most, plus 4 for the returned residuals.
    expect(r.matvecs).toBeLessThanOrEqual(12 + 4);
    expect(progress.length).toBeGreaterThan(0);
  });
});

describe('lanczos: applications spent', () => {
  /** diag(d) that counts its applications. */
  function counted(d: ArrayLike<number>): { op: SymmetricOperator; count: () => number } {
    let calls = 0;
    const op = diagonal(d);
    return {
      op: { dim: op.dim, apply: (x, out) => (calls++, op.apply(x, out)) },
      count: () => calls,
    };
  }
  // Three outliers 10, 9, 8 over 497 values in [0, 1]: found within the first basis.
  const d = [10, 9, 8, ...Array.from({ length: 497 }, (_, i) => (i + 1) / 498)];

  it('a run without restart spends no application on the probe or on the final residuals', () => {
    const { op, count } = counted(d);
    const checks: number[] = [];
    const r = lanczos(op, { k: 3, checkMissed: false, onProgress: (p) => checks.push(p.matvecs) });
    expect(r.converged).toBe(true);
    expect(r.restarts).toBe(0);
    expect(r.matvecs).toBe(count()); // every application counted
    // Nothing applied after the last convergence check: the residuals come from the stored
    // products (the probe's one application, before the first check, is included there).
    expect(r.matvecs).toBe(checks[checks.length - 1]);
    // ...and they are the true residuals of the returned vectors (recomputed by verify).
    verify(op, d, r, 'largest', 3, 1e-8, 39);
  });

  it('after a restart the returned vectors are applied afresh (k′ applications), still honest', () => {
    const { op, count } = counted(d);
    const checks: number[] = [];
    const r = lanczos(op, { k: 3, basisSize: 6, checkMissed: false, onProgress: (p) => checks.push(p.matvecs) });
    expect(r.converged).toBe(true);
    expect(r.restarts).toBeGreaterThan(0);
    expect(r.matvecs).toBe(count());
    expect(r.matvecs).toBe((checks[checks.length - 1] as number) + 3);
    verify(op, d, r, 'largest', 3, 1e-8, 6);
  });

  it('the default basis is the whole space up to dim 200 (exact, no restart)', () => {
    const spectrum = Array.from({ length: 200 }, (_, i) => Math.cos(i) + 1e-3 * i);
    const op = denseOperator(fromEigen(spectrum, randomOrthogonal(200, 5)));
    const r = lanczos(op, { k: 2, which: 'smallest', tol: 1e-13 });
    expect(r.converged).toBe(true);
    // At most 200 steps, i.e. never more than the basis holds.
    expect(r.restarts).toBe(0);
    verify(op, spectrum, r, 'smallest', 2, 1e-13, 200);
  });

  it('above dim 200 the default basis is small: a slow problem restarts, and a memory budget cannot raise it', () => {
    // 1-D Laplacian n = 400, bottom 2: needs several hundred steps, more than m = max(24, 36).
    const n = 400;
    const op = laplacian1d(n);
    const exact = Float64Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
    // The default budget max(1000, 50m) = 1800 is about what this problem takes at m = 36
    // (1500–2200 applications over seeds), so the budget is set above it: the default under test
    // here is the basis size.
    const r = lanczos(op, { k: 2, which: 'smallest', maxMatvecs: 4000 });
    expect(r.converged).toBe(true);
    expect(r.restarts).toBeGreaterThan(0);
    verify(op, exact, r, 'smallest', 2, 1e-8, 36);
    const big = lanczos(op, { k: 2, which: 'smallest', maxMatvecs: 4000, memoryBudget: 2 ** 40 });
    expect(big.restarts).toBe(r.restarts);
    expect(big.matvecs).toBe(r.matvecs);
    // An explicit basisSize does raise it: the whole space, no restart.
    const whole = lanczos(op, { k: 2, which: 'smallest', basisSize: n });
    expect(whole.converged).toBe(true);
    expect(whole.restarts).toBe(0);
    verify(op, exact, whole, 'smallest', 2, 1e-8, n);
  });
});

describe('lanczos: argument checks', () => {
  const op = diagonal([1, 2, 3, 4, 5]);
  it('rejects bad k, tol, basis, v0 and options', () => {
    expect(() => lanczos(op, { k: 6 })).toThrow(/options.k: expected an integer in \[1, 5\], received 6/);
    expect(() => lanczos(op, { k: 0 })).toThrow(/options.k: expected an integer in \[1, 5\], received 0/);
    expect(() => lanczos(op, { k: 1, tol: 0 })).toThrow(/options.tol: expected a positive number, received 0/);
    expect(() => lanczos(op, { k: 1, tol: -1 })).toThrow(/options.tol: expected a positive number, received -1/);
    expect(() => lanczos(op, { k: 2, basisSize: 3 })).toThrow(/options.basisSize: expected an integer ≥ 4, received 3/);
    expect(() => lanczos(op, { k: 1, v0: new Float64Array(4) })).toThrow(DimensionError);
    expect(() => lanczos(op, { k: 1, v0: new Float64Array(4) })).toThrow(/options.v0: expected length 5, received length 4/);
    expect(() => lanczos(op, { k: 1, v0: new Float64Array(5) })).toThrow(/options.v0: expected a non-zero vector/);
    expect(() => lanczos(op, { k: 1, which: 'top' as LanczosWhich })).toThrow(
      /options.which: expected one of 'largest', 'smallest', 'both', 'magnitude', received "top"/,
    );
    expect(() => lanczos(op, { k: 1, convergence: 'abs' as 'norm' })).toThrow(/options.convergence: expected one of 'norm', 'relative', received "abs"/);
    expect(() => lanczos({ dim: 0, apply: (x, out) => out }, { k: 1 })).toThrow(/op.dim: expected an integer ≥ 1, received 0/);
    expect(() => lanczos(null as unknown as SymmetricOperator, { k: 1 })).toThrow(/op: expected a SymmetricOperator \{ dim, apply\(x, out\) \}, received null/);
    expect(() => lanczos({ dim: 5 } as unknown as SymmetricOperator, { k: 1 })).toThrow(/op.apply: expected a function, received undefined/);
    expect(() => lanczos(op, 3 as unknown as LanczosOptions)).toThrow(/options: expected an options object, received 3/);
    expect(() => lanczos(op, { k: 1, maxMatvecs: 0 })).toThrow(/options.maxMatvecs: expected an integer ≥ 1, received 0/);
    expect(() => lanczos(op, { k: 1, memoryBudget: -1 })).toThrow(/options.memoryBudget: expected a positive number, received -1/);
    expect(() => lanczos(op, { k: 1, checkMissed: 1 as unknown as boolean })).toThrow(/options.checkMissed: expected a boolean, received 1/);
    expect(() => lanczos(op, { k: 1, seed: NaN })).toThrow(/options.seed: expected a finite number or a string, received NaN/);
    expect(() => lanczos(op, { k: 1, seed: {} as unknown as number })).toThrow(/options.seed: expected a finite number or a string, received an object/);
    expect(() => lanczos(op, { k: 1, onProgress: 'log' as unknown as () => void })).toThrow(/options.onProgress: expected a function, received "log"/);
    expect(() => lanczos(op, { k: 1, v0: [] })).toThrow(/options.v0: expected a Float64Array or a non-empty array of Float64Arrays, received Array\(0\)/);
    expect(() => lanczos(op, { k: 1, v0: [new Float64Array(5).fill(1), new Float64Array(3)] })).toThrow(
      /options.v0\[1\]: expected length 5, received length 3/,
    );
    expect(() => lanczos(op, { k: 1, v0: new Float64Array([1, NaN, 0, 0, 0]) })).toThrow(NonFiniteError);
    const solve = (b: Float64Array, out: Float64Array): Float64Array => {
      out.set(b);
      return out;
    };
    expect(() => lanczos(op, { k: 1, shiftInvert: { sigma: Infinity, solve } })).toThrow(
      /options.shiftInvert.sigma: expected a finite number, received Infinity/,
    );
    expect(() => lanczos(op, { k: 1, shiftInvert: { sigma: 0, solve: 1 as unknown as typeof solve } })).toThrow(
      /options.shiftInvert.solve: expected a function, received 1/,
    );
  });

  it('rejects a non-symmetric operator (random probe)', () => {
    const nonsym: SymmetricOperator = {
      dim: 4,
      apply(x, out) {
        // A = [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
        out.set(x);
        out[0] = (x[0] as number) + (x[1] as number);
        return out;
      },
    };
    expect(() => lanczos(nonsym, { k: 1 })).toThrow(SymmetryError);
    expect(() => lanczos(nonsym, { k: 1 })).toThrow(/op: expected a symmetric operator, received \|u·Av − v·Au\| = .* > 1e-8·‖A‖·‖u‖·‖v‖/);
  });

  it('catches a small skew part, also of a normal operator, with or without v0 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 10_000 }), fc.boolean(), (n, seed, withV0) => {
        // A = S + 1e-5·K with S symmetric, K skew, entries of both ~ N(0, 1) (from a seeded
        // orthogonal matrix's entries, scaled): |uᵀ(A − Aᵀ)v| ~ 1e-5·‖u‖‖v‖, far above the
        // probe's 1e-8·‖A‖·‖u‖·‖v‖ with ‖A‖ ≤ ~2√n·max|aᵢⱼ|.
        const q = randomOrthogonal(n, seed);
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const qij = (q[j] as Float64Array)[i] as number;
            const qji = (q[i] as Float64Array)[j] as number;
            const sij = qij + qji;
            const kij = qij - qji;
            a[i * n + j] = Math.sqrt(n) * (sij + 1e-5 * kij);
          }
        }
        // S and K here commute (for n = 3, Q a rotation, both are functions of it): a probe inside
        // one Krylov chain would see K only at second order. n = 2 with q symmetric gives K = 0:
        // skip those draws.
        let skew = 0;
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) skew = Math.max(skew, Math.abs((a[i * n + j] as number) - (a[j * n + i] as number)));
        if (skew < 1e-6) return;
        const op: SymmetricOperator = {
          dim: n,
          apply(x, out) {
            for (let i = 0; i < n; i++) {
              let s2 = 0;
              for (let j = 0; j < n; j++) s2 += (a[i * n + j] as number) * (x[j] as number);
              out[i] = s2;
            }
            return out;
          },
        };
        const v0 = withV0 ? new Float64Array(n).fill(1) : undefined;
        expect(() => lanczos(op, { k: 1, seed, ...(v0 ? { v0 } : {}) })).toThrow(/op: expected a symmetric operator, received .* for random u, v/);
      }),
      { seed: 4242, numRuns: 40 },
    );
  });

  it('names the operator application that returned NaN', async () => {
    let calls = 0;
    const nan: SymmetricOperator = {
      dim: 5,
      apply(x, out) {
        op.apply(x, out);
        if (++calls === 4) out[2] = NaN;
        return out;
      },
    };
    expect(() => lanczos(nan, { k: 1 })).toThrow(NonFiniteError);
    calls = 0;
    expect(() => lanczos(nan, { k: 1 })).toThrow(/op.apply: expected finite values, received NaN at index 2 of operator application 4/);
    calls = 0;
    await expect(lanczosAsync(nan, { k: 1 })).rejects.toThrow(/op.apply: expected finite values, received NaN at index 2 of operator application 4/);
  });
});

describe('lanczos agrees with the dense reference', () => {
  it('on a Hessian-like spectrum (outliers over a bulk near zero)', () => {
    const n = 150;
    const spectrum = Array.from({ length: n }, (_, i) => (i < 5 ? 20 + 10 * i : 0.01 * Math.sin(3 * i) * Math.abs(Math.cos(i))));
    const A = fromEigen(spectrum, randomOrthogonal(n, 99));
    const ref = symmetricEigen(A);
    const op = denseOperator(A);
    for (const which of ['largest', 'smallest'] as const) {
      const r = lanczos(op, { k: 5, which, basisSize: 40 });
      expect(r.converged).toBe(true);
      verify(op, ref.values, r, which, 5, 1e-8, 40);
    }
  });
});

describe('lanczos: stop reasons, cancelling and seeds', () => {
  const n = 400;
  const op = laplacian1d(n);
  const exact = Float64Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
  /** op, counting its applications. */
  function counting(inner: SymmetricOperator): { op: SymmetricOperator; count: () => number } {
    let calls = 0;
    return { op: { dim: inner.dim, apply: (x, out) => (calls++, inner.apply(x, out)) }, count: () => calls };
  }

  it("a converged run says 'converged'; one out of maxMatvecs says 'budget'", () => {
    const ok = lanczos(op, { k: 2, which: 'largest', basisSize: 40 });
    expect(ok.converged).toBe(true);
    expect(ok.stopReason).toBe('converged');
    // 6 applications (5 after the probe) cannot resolve the bottom of a 400-point Laplacian.
    const short = lanczos(op, { k: 2, which: 'smallest', maxMatvecs: 6 });
    expect(short.converged).toBe(false);
    expect(short.stopReason).toBe('budget');
    expect(short.matvecs).toBe(6); // no restart: the residuals come from the stored products
    verify(op, exact, short, 'smallest', 2, 1e-8, 36);
  });

  it('aborting from onProgress stops a synchronous run at that check, with honest Ritz pairs', () => {
    const controller = new AbortController();
    const { op: cop, count } = counting(op);
    const seen: { matvecs: number; wanted: number }[] = [];
    const r = lanczos(cop, {
      k: 2,
      which: 'smallest',
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.matvecs >= 100) controller.abort();
      },
    });
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    expect(r.possiblyMissed).toBe(false);
    expect(seen.every((p) => p.wanted === 2)).toBe(true);
    // No iteration step after the aborting check; only the true residuals of the k′ = 2 returned
    // pairs when the run has restarted (m = 36 < 100 applications: it has).
    const last = seen[seen.length - 1] as { matvecs: number };
    expect(last.matvecs).toBeGreaterThanOrEqual(100);
    expect(r.restarts).toBeGreaterThan(0);
    expect(r.matvecs).toBe(last.matvecs + 2);
    expect(r.matvecs).toBe(count());
    verify(op, exact, r, 'smallest', 2, 1e-8, 36);
  });

  it('a signal aborted inside an application stops before the next one; an aborted signal applies nothing', () => {
    const controller = new AbortController();
    let calls = 0;
    const aborting: SymmetricOperator = {
      dim: n,
      apply(x, out) {
        if (++calls === 57) controller.abort();
        return op.apply(x, out);
      },
    };
    const r = lanczos(aborting, { k: 3, which: 'smallest', basisSize: 20, signal: controller.signal });
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    expect(r.values.length).toBe(3);
    expect(calls).toBe(57 + 3); // + the returned pairs' residuals (the basis of 20 has restarted)
    verify(op, exact, r, 'smallest', 3, 1e-8, 20);
    const { op: cop, count } = counting(op);
    const before = lanczos(cop, { k: 3, signal: controller.signal });
    expect(count()).toBe(0);
    expect(before).toMatchObject({ matvecs: 0, converged: false, stopReason: 'aborted', possiblyMissed: false, restarts: 0 });
    expect(before.values.length).toBe(0);
    expect(() => lanczos(op, { k: 1, signal: {} as AbortSignal })).toThrow(/options.signal: expected an AbortSignal, received an object/);
  });

  it('an abort during the missed-eigenvalue check returns the converged pairs unconfirmed', () => {
    // diag(10, 10, 9, 8, …) with v0 ⊥ e₂: the check (which finds the second 10) is where the
    // iteration spends applications after converging; abort on the check's first application.
    const m = 50;
    const d = [10, 10, ...Array.from({ length: m - 2 }, (_, i) => 9 - 8 * (i / m))];
    const v0 = new Float64Array(m).fill(1);
    v0[1] = 0;
    const blind = lanczos(diagonal(d), { k: 3, v0, checkMissed: false });
    const controller = new AbortController();
    let calls = 0;
    const op2: SymmetricOperator = {
      dim: m,
      apply(x, out) {
        if (++calls === blind.matvecs + 1) controller.abort();
        return diagonal(d).apply(x, out);
      },
    };
    const r = lanczos(op2, { k: 3, v0, signal: controller.signal });
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    expect(r.matvecs).toBe(blind.matvecs + 1);
    expect(Array.from(r.values)).toEqual(Array.from(blind.values));
  });

  it('lanczosAsync is stopped by a timer, also with a synchronous apply', async () => {
    // A run of ~20 s (about 1 ms a step here): a test that never passes, a budget of 20 000.
    const big = laplacian1d(20_000);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    const r = await lanczosAsync(big, { k: 2, which: 'smallest', convergence: () => false, maxMatvecs: 20_000, signal: controller.signal });
    clearTimeout(timer);
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    // The pairs of the moment: 2, or 1 if a slow start let the timer fire after the first step.
    expect(r.values.length).toBeGreaterThanOrEqual(1);
    expect(r.values.length).toBeLessThanOrEqual(2);
    // It yields to the event loop every ~20 ms of work, so the timer fires and the run stops
    // within a fraction of its budget (~50 applications in 50 ms; a quarter even on a slow machine).
    expect(r.matvecs).toBeLessThan(5000);
  });

  it('a seed is a number or a string (a number and its decimal string are the same seed), default 0', () => {
    const A = fromEigen(
      Array.from({ length: 60 }, (_, i) => Math.cos(i)),
      randomOrthogonal(60, 2),
    );
    const dop = denseOperator(A);
    const run = (seed?: number | string): LanczosResult => lanczos(dop, { k: 2, basisSize: 12, ...(seed === undefined ? {} : { seed }) });
    const a = run(7);
    expect(Array.from(run('7').vectors[0] as Float64Array)).toEqual(Array.from(a.vectors[0] as Float64Array));
    expect(Array.from(run().vectors[0] as Float64Array)).toEqual(Array.from(run(0).vectors[0] as Float64Array));
    // Another seed, another start: the same eigenvalues (to the residual bound), other bits.
    const b = run('another');
    expect(a.converged && b.converged).toBe(true);
    expect(Array.from(b.vectors[0] as Float64Array)).not.toEqual(Array.from(a.vectors[0] as Float64Array));
  });
});

describe('lanczos result vocabulary', () => {
  it('converged is true exactly when stopReason is converged, over budgets, ends and seeds', () => {
    const n = 40;
    const diag = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 + (i % 7) * 0.5 + i * 1e-3 : 0)));
    const op = denseOperator(diag);
    const seen = new Set<string>();
    for (const which of ['largest', 'smallest', 'both', 'magnitude'] as const) {
      for (const maxMatvecs of [3, 12, 1000]) {
        for (const seed of [0, 1, 'x']) {
          const r = lanczos(op, { k: 3, which, maxMatvecs, seed });
          expect(r.converged).toBe(r.stopReason === 'converged');
          seen.add(r.stopReason);
        }
      }
    }
    expect([...seen].sort()).toEqual(['budget', 'converged']);
  });
});
