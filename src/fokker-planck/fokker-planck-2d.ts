/**
 * The 2-D Fokker–Planck solver on a rectangle: a Scharfetter–Gummel finite-volume generator for
 * the Itô diffusion dθ = b(θ) dt + √(2D(θ)) dW with a diagonal or full (monotone 9-point cross
 * term), possibly state-dependent, diffusion matrix and any drift (a gradient or not), with its stationary density, implicit
 * evolution, mean first-passage times, escape rate and probability current, solved by the
 * multifrontal sparse LU of core in nested-dissection order.
 *
 * @module
 */
import {
  checkFiniteNumber,
  checkFunction,
  checkInRange,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkVector,
  checkKnownOptions,
  checkAllocation,
} from '../core/checks';
import { toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { describeValue } from '../core/errors';
import type { CsrLinearOperator } from '../core/csr';
import {
  bernoulli,
  createEngine,
  evolveOf,
  faceCurrents,
  massOf,
  mfptOf,
  type MfptAccuracy,
  quasiStationaryRate,
  relaxationRate,
  stationaryOf,
  type EscapeRateOptions,
  type EscapeRateProgress,
  type EscapeRateResult,
  type EvolveOptions,
  type EvolveProgress,
  type EvolveResult,
} from './generator-kernels';
import { longRun } from '../core/long-run';
import { axisWeights, checkPeriodicPair, nestedDissection, readBoundary, type Axis, type AxisWeights, type BoundaryKind } from './grid-kernels';
import { log } from '../core/elementary/index';

/** Boundaries of a rectangle: one kind for all sides, or one per side (default `'reflecting'`). */
export type Boundary2d = BoundaryKind | { left?: BoundaryKind; right?: BoundaryKind; bottom?: BoundaryKind; top?: BoundaryKind };

/**
 * The diffusion matrix: a number D (D·I), the diagonal [Dxx, Dyy], a symmetric positive-definite
 * 2 × 2 matrix, or a function of the point returning any of these. A cross term Dxy ≠ 0 must satisfy
 * the monotone bound |Dxy| ≤ min(Dxx·hy/hx, Dyy·hx/hy) at every cell and face point.
 */
export type Diffusion2d = number | SquareMatrixLike | ((x: Float64Array) => number | ArrayLike<number> | SquareMatrixLike);

/** Options of {@link fokkerPlanck2d}: exactly one of `potential` and `drift`. */
export interface FokkerPlanck2dOptions {
  /** L(x) at a point x (a Float64Array of length 2): the drift is −∇L. */
  potential?: (x: Float64Array) => number;
  /** b(x): writes the drift at x into `out` (length 2); a returned array of length 2 other than `out` is used instead. */
  drift?: (x: Float64Array, out: Float64Array) => unknown;
  diffusion: Diffusion2d;
  /** [[x0, x1], [y0, y1]]. */
  domain: readonly [readonly [number, number], readonly [number, number]];
  /** [nx, ny], each ≥ 3. */
  cells: readonly [number, number];
  /** Default `'reflecting'`; left/right are x = x0/x1, bottom/top y = y0/y1. Periodic holds on both sides of an axis. */
  boundary?: Boundary2d;
}

/** A target set in 2-D: a box [[x0, x1], [y0, y1]] (the cells whose centre lies in it) or a predicate on cell centres. */
export type Target2d = readonly [readonly [number, number], readonly [number, number]] | ((x: Float64Array) => boolean);

/** The 2-D grid: cell centres along each axis and the cell sizes; cell (i, j) is at index i·ny + j. */
export interface Grid2d {
  x: Float64Array;
  y: Float64Array;
  hx: number;
  hy: number;
}

/** Mean first-passage times on a 2-D grid. */
export interface MeanFirstPassageTime2d extends MfptAccuracy {
  /** τ at each cell (x-major, 0 on the target). */
  values: Float64Array;
  /** τ at any point of the rectangle (bilinear between centres; 0 at absorbing walls, flat at reflecting ones). */
  at(x: number, y: number): number;
  grid: Grid2d;
}

/** The probability current of a 2-D density. */
export interface Current2d {
  /** J_x at the cell centres (mean of the cell's two x-faces), x-major. */
  x: Float64Array;
  /** J_y at the cell centres (mean of the cell's two y-faces), x-major. */
  y: Float64Array;
  /** J_x at the x-faces: face (i, j), i in 0..nx (the left face of cell i), at i·ny + j. */
  faceX: Float64Array;
  /** J_y at the y-faces: face (i, j), j in 0..ny (the bottom face of cell j), at i·(ny + 1) + j. */
  faceY: Float64Array;
}

/** The solver returned by {@link fokkerPlanck2d}. */
export interface FokkerPlanck2d {
  grid: Grid2d;
  /** The generator G (dp/dt = G p, x-major cell densities) as a CSR operator. */
  generator: CsrLinearOperator;
  /** The stationary density (hx·hy·Σp = 1). Throws when a side is absorbing. */
  stationary(): Float64Array;
  /** The density at time t from p0 (≥ 0, normalised to mass 1 first), by an implicit scheme (see {@link EvolveOptions}); `{ density, time, steps, stopReason }`, partial with `stopReason: 'aborted'` when `options.signal` fires. */
  evolve(p0: Float64Array | readonly number[], t: number, options?: EvolveOptions): EvolveResult;
  /** τ with Gᵀτ = −1 off the target, 0 on it; without a target, until absorbed at the absorbing sides. */
  meanFirstPassageTime(target?: Target2d): MeanFirstPassageTime2d;
  /** The principal eigenvalue with the target and absorbing sides absorbing; with neither, the relaxation rate of the slowest mode. */
  escapeRate(target?: Target2d, options?: EscapeRateOptions): EscapeRateResult;
  /** J = b p − ∇·(D p) at the faces and the cell centres. */
  probabilityCurrent(p: Float64Array | readonly number[]): Current2d;
}

function readAxis(name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`${name}: expected [lo, hi], received ${describeValue(value)}`);
  const lo = checkFiniteNumber(`${name}[0]`, value[0]);
  const hi = checkFiniteNumber(`${name}[1]`, value[1]);
  if (!(lo < hi)) throw new RangeError(`${name}: expected lo < hi, received [${lo}, ${hi}]`);
  return [lo, hi];
}

/**
 * Reads a diffusion value (number, [dxx, dyy], or a symmetric positive-definite 2 × 2) and writes
 * the monotone scheme's coefficients [D′xx, D′yy, Dxy] into out: the axis parts left once the
 * cross term's diagonal jumps are taken out, D′xx = Dxx − |Dxy|·hx/hy, D′yy = Dyy − |Dxy|·hy/hx,
 * which must be ≥ 0 (|Dxy| ≤ min(Dxx·hy/hx, Dyy·hx/hy)).
 */
function tensorOf(name: string, v: unknown, hx: number, hy: number, out: Float64Array): void {
  let dxy = 0;
  if (typeof v === 'number') {
    out[0] = out[1] = v;
  } else if (Array.isArray(v) && v.length === 2 && v.every((e) => typeof e === 'number')) {
    out[0] = v[0] as number;
    out[1] = v[1] as number;
  } else {
    const m = toSquareMatrix(name, v as SquareMatrixLike);
    if (m.n !== 2) throw new RangeError(`${name}: expected a 2 × 2 matrix, received ${m.n} × ${m.n}`);
    const d = m.data;
    if (d[1] !== d[2]) throw new RangeError(`${name}: expected a symmetric diffusion matrix, received off-diagonal entries ${d[1]} and ${d[2]}`);
    out[0] = d[0] as number;
    out[1] = d[3] as number;
    dxy = d[1] as number;
  }
  const dxx = out[0];
  const dyy = out[1];
  if (!(dxx > 0 && dyy > 0 && Number.isFinite(dxx) && Number.isFinite(dyy) && Number.isFinite(dxy))) {
    throw new RangeError(`${name}: expected positive finite diffusion coefficients, received ${dxx} and ${dyy}`);
  }
  if (dxy !== 0) {
    if (!(dxx * dyy - dxy * dxy > 0))
      throw new RangeError(`${name}: expected a positive-definite diffusion matrix, received [[${dxx}, ${dxy}], [${dxy}, ${dyy}]]`);
    const bound = Math.min((dxx * hy) / hx, (dyy * hx) / hy);
    const a = Math.abs(dxy);
    if (a > bound * (1 + 4 * Number.EPSILON)) {
      throw new RangeError(
        `${name}: expected |Dxy| ≤ min(Dxx·hy/hx, Dyy·hx/hy) = ${bound} (the monotone 9-point scheme on these cells; it is largest, √(Dxx·Dyy), for hy/hx = √(Dyy/Dxx)), received Dxy = ${dxy} with Dxx = ${dxx}, Dyy = ${dyy}`,
      );
    }
    out[0] = Math.max(0, dxx - (a * hx) / hy);
    out[1] = Math.max(0, dyy - (a * hy) / hx);
  }
  out[2] = dxy;
}

/**
 * The Scharfetter–Gummel rate of a jump across a face (or to a wall) whose potential drop along the
 * jump is −w (w = −ΔL, or h·b along the jump), with D′ at the face dF, D′ at the source dSrc and the
 * denominator h2 (h², or h·h/2 to a wall): B(−w/dF)·dSrc/h2, and the upwind limit max(w, 0)/h2 when
 * dF = 0.
 */
function sgRate(w: number, dF: number, dSrc: number, h2: number): number {
  return dF > 0 ? (bernoulli(-w / dF) * dSrc) / h2 : Math.max(w, 0) / h2;
}

/**
 * A finite-volume discretisation of the 2-D Fokker–Planck equation of the Itô diffusion
 * dθ = b(θ) dt + √(2D(θ)) dW (b = −∇L for a potential), D = [[Dxx, Dxy], [Dxy, Dyy]]:
 *
 *   ∂p/∂t = −∇·J,   J = b p − ∇·(D p),  i.e. Jx = bx p − ∂x(Dxx p) − ∂y(Dxy p), Jy = by p − ∂x(Dxy p) − ∂y(Dyy p).
 *
 * Each face carries the Scharfetter–Gummel flux of its direction, (1/h)[B(−v) qₐ − B(v) q_b] with
 * q = D p at the centres and v = ∫ b/D along the segment between the two centres (−ΔL/D(face) with
 * a potential, h·b(face)/D(face) with a drift), so G is a Markov generator: p ≥ 0 and the mass is
 * conserved exactly, and for a potential with constant isotropic D the stationary state is exactly
 * the discrete Boltzmann density e^{−L(xᵢ, yⱼ)/D}. The drift need not be a gradient (Kunin et al.'s
 * non-equilibrium Ornstein–Uhlenbeck b = −A(x − μ): a rotating stationary current). Densities are
 * x-major: cell (i, j) at i·ny + j, centres `grid.x[i]`, `grid.y[j]`.
 *
 * A cross term Dxy ≠ 0 is carried by diagonal jumps (i, j) → (i ± 1, j ± sign(Dxy)) at rate
 * |Dxy|/(hx·hy), the axis faces keeping D′xx = Dxx − |Dxy|·hx/hy and D′yy = Dyy − |Dxy|·hy/hx (the
 * 9-point stencil of 2Dxy ∂x∂y, second order); the rates are non-negative, so the scheme monotone,
 * exactly when |Dxy| ≤ min(Dxx·hy/hx, Dyy·hx/hy), and a RangeError naming `options.diffusion` says
 * so otherwise. Diagonal jumps leaving through a reflecting side are dropped, through an absorbing
 * side they exit.
 *
 * Solves use core's multifrontal `sparseLu` with the cells in nested-dissection order: for an
 * N × N grid O(N³) time and O(N² log N) memory per factorisation (200 × 200: about 0.3 s and
 * 2.8 million factor entries here; 400 × 400: about 1.7 s and 13.4 million); the symbolic analysis
 * is done once per solver and the last factorisation of G with a target is kept.
 *
 * @example
 * // a separable potential: the stationary density is the product of the 1-D Boltzmann densities
 * const fp = fokkerPlanck2d({ potential: (p) => p[0]! ** 2 / 2 + p[1]! ** 4 / 4, diffusion: 0.5,
 *   domain: [[-4, 4], [-3, 3]], cells: [80, 60] });
 * const p = fp.stationary(); // p[i·60 + j] ∝ e^{−(xᵢ²/2 + yⱼ⁴/4)/0.5}
 * // a full tensor (|0.1| ≤ min(0.3, 0.2) on square cells): covariance → Lyapunov, KΣ + ΣK = 2D
 * const ou = fokkerPlanck2d({ potential: (p) => (p[0]! ** 2 + p[1]! ** 2) / 2, diffusion: [[0.3, 0.1], [0.1, 0.2]],
 *   domain: [[-3, 3], [-3, 3]], cells: [60, 60] });
 */
export function fokkerPlanck2d(options: FokkerPlanck2dOptions): FokkerPlanck2d {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['boundary', 'cells', 'diffusion', 'domain', 'drift', 'potential']);
  if ((o.potential === undefined) === (o.drift === undefined)) {
    throw new TypeError(`options: expected exactly one of potential and drift, received ${o.potential === undefined ? 'neither' : 'both'}`);
  }
  const potential = o.potential === undefined ? undefined : checkFunction<(x: Float64Array) => number>('options.potential', o.potential);
  const drift = o.drift === undefined ? undefined : checkFunction<(x: Float64Array, out: Float64Array) => unknown>('options.drift', o.drift);
  const domain = o.domain as unknown;
  if (!Array.isArray(domain) || domain.length !== 2) throw new TypeError(`options.domain: expected [[x0, x1], [y0, y1]], received ${describeValue(domain)}`);
  const [x0, x1] = readAxis('options.domain[0]', domain[0]);
  const [y0, y1] = readAxis('options.domain[1]', domain[1]);
  const cells = o.cells as unknown;
  if (!Array.isArray(cells) || cells.length !== 2) throw new TypeError(`options.cells: expected [nx, ny], received ${describeValue(cells)}`);
  const nx = checkInteger('options.cells[0]', cells[0], 3);
  const ny = checkInteger('options.cells[1]', cells[1], 3);
  checkAllocation('options.cells', 16 * nx * ny, 'the grid and generator (about 16 doubles per cell)');
  const bnd = readBoundary('options.boundary', o.boundary, ['left', 'right', 'bottom', 'top']);
  const left = bnd.left as BoundaryKind;
  const right = bnd.right as BoundaryKind;
  const bottom = bnd.bottom as BoundaryKind;
  const top = bnd.top as BoundaryKind;
  checkPeriodicPair('options.boundary', left, right, 'left', 'right');
  checkPeriodicPair('options.boundary', bottom, top, 'bottom', 'top');
  const hx = (x1 - x0) / nx;
  const hy = (y1 - y0) / ny;
  const gx = Float64Array.from({ length: nx }, (_, i) => x0 + (i + 0.5) * hx);
  const gy = Float64Array.from({ length: ny }, (_, j) => y0 + (j + 0.5) * hy);
  const n = nx * ny;

  const point = new Float64Array(2);
  const dOut = new Float64Array(3);
  const bOut = new Float64Array(2);
  let dConst: Float64Array | null = null;
  let dFun: ((x: Float64Array) => number | ArrayLike<number> | SquareMatrixLike) | null = null;
  if (typeof o.diffusion === 'function') dFun = o.diffusion;
  else {
    dConst = new Float64Array(3);
    tensorOf('options.diffusion', o.diffusion, hx, hy, dConst);
  }
  /** [D′xx, D′yy, Dxy] at (x, y) (see tensorOf), into dOut. */
  const Dat = (x: number, y: number): Float64Array => {
    if (dConst !== null) return dConst;
    point[0] = x;
    point[1] = y;
    tensorOf(`options.diffusion (at x = [${x}, ${y}])`, (dFun as (x: Float64Array) => number | ArrayLike<number> | SquareMatrixLike)(point), hx, hy, dOut);
    return dOut;
  };
  const Lat = (x: number, y: number): number => {
    point[0] = x;
    point[1] = y;
    const v = (potential as (x: Float64Array) => number)(point);
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new RangeError(`options.potential: expected a finite value, received ${describeValue(v)} at x = [${x}, ${y}]`);
    return v;
  };
  /** Component `axis` of the drift at (x, y). */
  const bAt = (x: number, y: number, axis: number): number => {
    point[0] = x;
    point[1] = y;
    bOut[0] = bOut[1] = Number.NaN;
    const r = (drift as (x: Float64Array, out: Float64Array) => unknown)(point, bOut);
    const v: unknown = r !== bOut && (Array.isArray(r) || r instanceof Float64Array) ? (r as ArrayLike<unknown>)[axis] : bOut[axis];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new RangeError(`options.drift: expected a finite vector of length 2, received ${describeValue(v)} in component ${axis} at x = [${x}, ${y}]`);
    return v;
  };

  const Lc = new Float64Array(n);
  const Dxx = new Float64Array(n);
  const Dyy = new Float64Array(n);
  const Dxy = new Float64Array(n);
  let crossTerm = false;
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const c = i * ny + j;
      const d = Dat(gx[i] as number, gy[j] as number);
      Dxx[c] = d[0] as number;
      Dyy[c] = d[1] as number;
      Dxy[c] = d[2] as number;
      if (d[2] !== 0) crossTerm = true;
      if (potential) Lc[c] = Lat(gx[i] as number, gy[j] as number);
    }
  }
  const xPer = left === 'periodic';
  const yPer = bottom === 'periodic';
  const nfx = (xPer ? nx : nx - 1) * ny;
  const nfy = nx * (yPer ? ny : ny - 1);
  // Diagonal jumps of the cross term: cell (i, j) jumps to (i ± 1, j ± 1) along the diagonal
  // whose sign matches Dxy(i, j), at rate |Dxy|/(hx·hy). Pairs (i, j) – (i + 1, j + s), s = ±1.
  const diagA: number[] = [];
  const diagB: number[] = [];
  const diagAB: number[] = [];
  const diagBA: number[] = [];
  const exitDiag = new Float64Array(n);
  const hxy = hx * hy;
  if (crossTerm) {
    const jumpRate = (c: number, sx: number, sy: number): number => {
      const d = Dxy[c] as number;
      return d * sx * sy > 0 ? Math.abs(d) / hxy : 0;
    };
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const a = i * ny + j;
        for (const [sx, sy] of [
          [1, 1],
          [1, -1],
          [-1, 1],
          [-1, -1],
        ] as const) {
          let i2 = i + sx;
          let j2 = j + sy;
          const outX = i2 < 0 || i2 >= nx;
          const outY = j2 < 0 || j2 >= ny;
          if ((outX && !xPer) || (outY && !yPer)) {
            // off the grid through a non-periodic side: absorbed when a side crossed absorbs, dropped at a reflecting one
            const absorbs = (outX && !xPer && (i2 < 0 ? left : right) === 'absorbing') || (outY && !yPer && (j2 < 0 ? bottom : top) === 'absorbing');
            if (absorbs) exitDiag[a] = (exitDiag[a] as number) + jumpRate(a, sx, sy);
            continue;
          }
          if (sx < 0) continue; // each pair once, from its left cell
          i2 = (i2 + nx) % nx;
          j2 = (j2 + ny) % ny;
          const b = i2 * ny + j2;
          const ab = jumpRate(a, sx, sy);
          const ba = jumpRate(b, -sx, -sy);
          if (ab === 0 && ba === 0) continue;
          diagA.push(a);
          diagB.push(b);
          diagAB.push(ab);
          diagBA.push(ba);
        }
      }
    }
  }
  const nd = diagA.length;
  const nf = nfx + nfy + nd;
  const faces = { a: new Int32Array(nf), b: new Int32Array(nf), rateAB: new Float64Array(nf), rateBA: new Float64Array(nf), length: new Float64Array(nf) };
  let f = 0;
  for (let i = 0; i < (xPer ? nx : nx - 1); i++) {
    const xe = x0 + (i + 1) * hx;
    const i2 = (i + 1) % nx;
    for (let j = 0; j < ny; j++) {
      const a = i * ny + j;
      const b = i2 * ny + j;
      const yc = gy[j] as number;
      const dF = Dat(xe, yc)[0] as number;
      const w = potential ? -((Lc[b] as number) - (Lc[a] as number)) : hx * bAt(xe, yc, 0);
      faces.a[f] = a;
      faces.b[f] = b;
      faces.rateAB[f] = sgRate(w, dF, Dxx[a] as number, hx * hx);
      faces.rateBA[f] = sgRate(-w, dF, Dxx[b] as number, hx * hx);
      faces.length[f] = hx;
      f++;
    }
  }
  for (let i = 0; i < nx; i++) {
    const xc = gx[i] as number;
    for (let j = 0; j < (yPer ? ny : ny - 1); j++) {
      const ye = y0 + (j + 1) * hy;
      const a = i * ny + j;
      const b = i * ny + ((j + 1) % ny);
      const dF = Dat(xc, ye)[1] as number;
      const w = potential ? -((Lc[b] as number) - (Lc[a] as number)) : hy * bAt(xc, ye, 1);
      faces.a[f] = a;
      faces.b[f] = b;
      faces.rateAB[f] = sgRate(w, dF, Dyy[a] as number, hy * hy);
      faces.rateBA[f] = sgRate(-w, dF, Dyy[b] as number, hy * hy);
      faces.length[f] = hy;
      f++;
    }
  }
  for (let k = 0; k < nd; k++) {
    faces.a[f] = diagA[k] as number;
    faces.b[f] = diagB[k] as number;
    faces.rateAB[f] = diagAB[k] as number;
    faces.rateBA[f] = diagBA[k] as number;
    faces.length[f] = 1; // mass rate per cell volume; split over the two axis paths in probabilityCurrent
    f++;
  }
  const exit = Float64Array.from(exitDiag);
  /** Exit rate of cell c through a wall at (wx, wy), the wall `dir` (±1) along `axis` from the centre. */
  const wallRate = (c: number, xc: number, yc: number, wx: number, wy: number, axis: number, dir: number): number => {
    const h = axis === 0 ? hx : hy;
    const mx = (xc + wx) / 2;
    const my = (yc + wy) / 2;
    const dF = Dat(mx, my)[axis] as number;
    const w = potential ? -(Lat(wx, wy) - (Lc[c] as number)) : (h / 2) * dir * bAt(mx, my, axis);
    return sgRate(w, dF, (axis === 0 ? Dxx[c] : Dyy[c]) as number, h * (h / 2));
  };
  for (let j = 0; j < ny; j++) {
    const yc = gy[j] as number;
    if (left === 'absorbing') exit[j] = (exit[j] as number) + wallRate(j, gx[0] as number, yc, x0, yc, 0, -1);
    const c = (nx - 1) * ny + j;
    if (right === 'absorbing') exit[c] = (exit[c] as number) + wallRate(c, gx[nx - 1] as number, yc, x1, yc, 0, 1);
  }
  for (let i = 0; i < nx; i++) {
    const xc = gx[i] as number;
    const c0 = i * ny;
    const c1 = i * ny + ny - 1;
    if (bottom === 'absorbing') exit[c0] = (exit[c0] as number) + wallRate(c0, xc, gy[0] as number, xc, y0, 1, -1);
    if (top === 'absorbing') exit[c1] = (exit[c1] as number) + wallRate(c1, xc, gy[ny - 1] as number, xc, y1, 1, 1);
  }
  // Nested dissection (fill-reducing) for the multifrontal LU of core.
  const engine = createEngine(n, faces, exit, nestedDissection(nx, ny, xPer, yPer), hx * hy, 'sparse');
  const ax: Axis = { n: nx, lo: x0, hi: x1, h: hx, low: left, high: right };
  const ay: Axis = { n: ny, lo: y0, hi: y1, h: hy, low: bottom, high: top };
  const grid: Grid2d = { x: gx, y: gy, hx, hy };

  let pinGuess = (nx >> 1) * ny + (ny >> 1);
  if (potential) {
    let best = Number.POSITIVE_INFINITY;
    for (let c = 0; c < n; c++) {
      const s = (Lc[c] as number) / (Dxx[c] as number) + log(Dxx[c] as number);
      if (s < best) {
        best = s;
        pinGuess = c;
      }
    }
  }
  const targetMask = (target: Target2d | undefined, name: string): Uint8Array => {
    const mask = new Uint8Array(n);
    if (target === undefined) return mask;
    let pred: (x: Float64Array) => boolean;
    if (typeof target === 'function') pred = target;
    else {
      const t = target as unknown;
      if (!Array.isArray(t) || t.length !== 2) throw new TypeError(`${name}: expected a box [[x0, x1], [y0, y1]] or a predicate, received ${describeValue(t)}`);
      const bx = t[0] as unknown;
      const by = t[1] as unknown;
      if (!Array.isArray(bx) || bx.length !== 2 || !Array.isArray(by) || by.length !== 2) {
        throw new TypeError(`${name}: expected a box [[x0, x1], [y0, y1]] or a predicate, received ${describeValue(t)}`);
      }
      const [ax0, ax1, ay0, ay1] = [
        checkFiniteNumber(`${name}[0][0]`, bx[0]),
        checkFiniteNumber(`${name}[0][1]`, bx[1]),
        checkFiniteNumber(`${name}[1][0]`, by[0]),
        checkFiniteNumber(`${name}[1][1]`, by[1]),
      ];
      pred = (p) => (p[0] as number) >= ax0 && (p[0] as number) <= ax1 && (p[1] as number) >= ay0 && (p[1] as number) <= ay1;
    }
    const pt = new Float64Array(2);
    let count = 0;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        pt[0] = gx[i] as number;
        pt[1] = gy[j] as number;
        if (pred(pt)) {
          mask[i * ny + j] = 1;
          count++;
        }
      }
    }
    if (count === 0) throw new RangeError(`${name}: expected a target holding at least one cell centre, received one holding none`);
    if (count === n) throw new RangeError(`${name}: expected a target leaving at least one cell outside, received one holding every cell`);
    return mask;
  };
  const hasAbsorbing = (mask: Uint8Array): boolean => engine.absorbing || mask.includes(1);
  const density = (name: string, p: unknown, normalise: boolean): Float64Array => {
    const v = checkVector(name, p, n);
    for (let i = 0; i < n; i++) {
      if ((v[i] as number) < 0) throw new RangeError(`${name}: expected non-negative entries, received ${v[i]} at index ${i}`);
    }
    if (!normalise) return v;
    const m = massOf(engine, v);
    if (!(m > 0) || !Number.isFinite(m))
      throw new RangeError(`${name}: expected a normalisable density (positive finite mass), received mass ${describeValue(m)}`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (v[i] as number) / m;
    return out;
  };
  const wx: AxisWeights = { i0: 0, i1: 0, w0: 0, w1: 0 };
  const wy: AxisWeights = { i0: 0, i1: 0, w0: 0, w1: 0 };

  return {
    grid,
    generator: engine.generator,
    stationary(): Float64Array {
      if (engine.absorbing) {
        throw new RangeError(
          'stationary: expected reflecting or periodic sides, received an absorbing side (there is no stationary density; escapeRate().mode is the quasi-stationary one)',
        );
      }
      return stationaryOf(engine, pinGuess).density;
    },
    evolve(p0: Float64Array | readonly number[], t: number, evolveOptions?: EvolveOptions): EvolveResult {
      const p = density('p0', p0, true);
      const tt = checkPositive('t', t);
      const eo = checkOptions('options', evolveOptions);
      checkKnownOptions('options', eo, ['onProgress', 'scheme', 'signal', 'steps']);
      const steps = eo.steps === undefined ? 100 : checkPositiveInteger('options.steps', eo.steps);
      const scheme = eo.scheme === undefined ? 'backward-euler' : checkOneOf('options.scheme', eo.scheme, ['backward-euler', 'extrapolated'] as const);
      const lr = longRun<EvolveProgress>(eo, 'options');
      return evolveOf(engine, p, tt, steps, scheme, lr);
    },
    meanFirstPassageTime(target?: Target2d): MeanFirstPassageTime2d {
      const mask = targetMask(target, 'target');
      if (!hasAbsorbing(mask)) throw new RangeError('target: expected a target or an absorbing side, received neither');
      const { values, conditionNumber, errorBound, accurate } = mfptOf(engine, mask);
      const val = (i: number, j: number): number => (i < 0 || j < 0 ? 0 : (values[i * ny + j] as number));
      return {
        values,
        conditionNumber,
        errorBound,
        accurate,
        grid,
        at(x: number, y: number): number {
          checkInRange('x', x, x0, x1);
          checkInRange('y', y, y0, y1);
          axisWeights(ax, x, wx);
          axisWeights(ay, y, wy);
          return wx.w0 * (wy.w0 * val(wx.i0, wy.i0) + wy.w1 * val(wx.i0, wy.i1)) + wx.w1 * (wy.w0 * val(wx.i1, wy.i0) + wy.w1 * val(wx.i1, wy.i1));
        },
      };
    },
    escapeRate(target?: Target2d, rateOptions?: EscapeRateOptions): EscapeRateResult {
      const mask = targetMask(target, 'target');
      const ro = checkOptions('options', rateOptions);
      checkKnownOptions('options', ro, ['maxIterations', 'onProgress', 'signal', 'tol']);
      const tol = ro.tol === undefined ? 1e-12 : checkPositive('options.tol', ro.tol);
      const maxIterations = ro.maxIterations === undefined ? 1000 : checkPositiveInteger('options.maxIterations', ro.maxIterations);
      const lr = longRun<EscapeRateProgress>(ro, 'options');
      if (hasAbsorbing(mask)) return quasiStationaryRate(engine, mask, tol, maxIterations, lr);
      const start = new Float64Array(n);
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < ny; j++)
          start[i * ny + j] = ((gx[i] as number) - (x0 + x1) / 2) / (x1 - x0) + (0.7 * ((gy[j] as number) - (y0 + y1) / 2)) / (y1 - y0);
      }
      return relaxationRate(engine, pinGuess, start, tol, maxIterations, lr);
    },
    probabilityCurrent(p: Float64Array | readonly number[]): Current2d {
      const v = density('p', p, false);
      const fc = faceCurrents(engine, v);
      const faceX = new Float64Array((nx + 1) * ny);
      const faceY = new Float64Array(nx * (ny + 1));
      let k = 0;
      for (let i = 0; i < (xPer ? nx : nx - 1); i++) {
        for (let j = 0; j < ny; j++) {
          const val = fc[k++] as number;
          faceX[(i + 1) * ny + j] = val;
          if (i === nx - 1) faceX[j] = val;
        }
      }
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < (yPer ? ny : ny - 1); j++) {
          const val = fc[k++] as number;
          faceY[i * (ny + 1) + j + 1] = val;
          if (j === ny - 1) faceY[i * (ny + 1)] = val;
        }
      }
      // absorbing walls: the outflow of the wall cells (the exit rates of corner cells hold both walls' parts)
      for (let j = 0; j < ny; j++) {
        if (left === 'absorbing') faceX[j] = -hx * wallPart(j, 'left') * (v[j] as number);
        const c = (nx - 1) * ny + j;
        if (right === 'absorbing') faceX[nx * ny + j] = hx * wallPart(c, 'right') * (v[c] as number);
      }
      for (let i = 0; i < nx; i++) {
        const c0 = i * ny;
        const c1 = i * ny + ny - 1;
        if (bottom === 'absorbing') faceY[i * (ny + 1)] = -hy * wallPart(c0, 'bottom') * (v[c0] as number);
        if (top === 'absorbing') faceY[i * (ny + 1) + ny] = hy * wallPart(c1, 'top') * (v[c1] as number);
      }
      // the cross term's diagonal jumps, half along each of the two axis paths (x then y, y then x)
      const addX = (iFace: number, j: number, val: number): void => {
        faceX[iFace * ny + j] = (faceX[iFace * ny + j] as number) + val;
        if (xPer && iFace === nx) faceX[j] = (faceX[j] as number) + val;
      };
      const addY = (i: number, jFace: number, val: number): void => {
        faceY[i * (ny + 1) + jFace] = (faceY[i * (ny + 1) + jFace] as number) + val;
        if (yPer && jFace === 0) faceY[i * (ny + 1) + ny] = (faceY[i * (ny + 1) + ny] as number) + val;
        if (yPer && jFace === ny) faceY[i * (ny + 1)] = (faceY[i * (ny + 1)] as number) + val;
      };
      for (let d = 0; d < nd; d++) {
        const q = fc[nfx + nfy + d] as number;
        if (q === 0) continue;
        const a = diagA[d] as number;
        const b = diagB[d] as number;
        const i = Math.floor(a / ny);
        const j = a - i * ny;
        const i2 = Math.floor(b / ny);
        const j2 = b - i2 * ny;
        const up = j2 === (j + 1) % ny; // s = +1 (else s = −1)
        const qx = (hx * q) / 2;
        const qy = (hy * q) / 2;
        // path 1: across the x-face at row j, then the y-face in column i2
        addX(i + 1, j, qx);
        if (up) addY(i2, j + 1, qy);
        else addY(i2, j, -qy);
        // path 2: across the y-face in column i, then the x-face at row j2
        if (up) addY(i, j + 1, qy);
        else addY(i, j, -qy);
        addX(i + 1, j2, qx);
      }
      const jx = new Float64Array(n);
      const jy = new Float64Array(n);
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < ny; j++) {
          jx[i * ny + j] = ((faceX[i * ny + j] as number) + (faceX[(i + 1) * ny + j] as number)) / 2;
          jy[i * ny + j] = ((faceY[i * (ny + 1) + j] as number) + (faceY[i * (ny + 1) + j + 1] as number)) / 2;
        }
      }
      return { x: jx, y: jy, faceX, faceY };
    },
  };

  /** The exit rate of cell c through one wall (recomputed: the exit array sums the walls of corner cells). */
  function wallPart(c: number, side: 'left' | 'right' | 'bottom' | 'top'): number {
    const i = Math.floor(c / ny);
    const j = c - i * ny;
    const xc = gx[i] as number;
    const yc = gy[j] as number;
    if (side === 'left') return wallRate(c, xc, yc, x0, yc, 0, -1);
    if (side === 'right') return wallRate(c, xc, yc, x1, yc, 0, 1);
    if (side === 'bottom') return wallRate(c, xc, yc, xc, y0, 1, -1);
    return wallRate(c, xc, yc, xc, y1, 1, 1);
  }
}
