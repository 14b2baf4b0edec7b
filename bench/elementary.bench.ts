/**
 * Elementary functions: nanoseconds per call of the engine-independent exp, expm1, log, log1p,
 * log2, tanh, sin, cos, hypot, cbrt, asinh and acos against the engine's Math.* on the same
 * 10^6 arguments (one loop per function so each call site stays monomorphic), the ratio (target
 * ≤ 1.5×; the median of paired ratios of interleaved passes), and NumPy's vectorised ufuncs on the same arguments where installed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { acos, asinh, cbrt, cos, exp, expm1, hypot, log, log1p, log2, sin, tanh } from '../src/core/elementary/index';
import { createRng } from '../src/random/rng';
import { PYTHON, peerAvailable, ratio, tempDir, writeF64 } from './harness';

/** CPU time of one pass of `loop` over x, in ns per argument. */
function passNs(loop: Loop, x: Float64Array, out: Float64Array): number {
  const t0 = process.cpuUsage();
  loop(x, out);
  const u = process.cpuUsage(t0);
  return ((u.user + u.system) * 1e3) / x.length;
}

function median(a: number[]): number {
  const b = [...a].sort((p, q) => p - q);
  return b[b.length >> 1] as number;
}

/**
 * Process CPU time (ns per argument) of `ours` and `math`, after a warm-up, as 9 passes of each
 * interleaved (ours, Math, ours, Math, …): the medians of each, and the median of the 9 paired
 * ratios, so a change of load on a shared machine between the two measurements does not bias the
 * ratio (CPU time is far steadier than wall time for a single-threaded loop).
 */
function pairedNs(ours: Loop, math: Loop, x: Float64Array, out: Float64Array): { ours: number; math: number; ratio: number } {
  for (let r = 0; r < 3; r++) {
    ours(x, out);
    math(x, out);
  }
  const a: number[] = [];
  const b: number[] = [];
  const q: number[] = [];
  for (let r = 0; r < 9; r++) {
    const ta = passNs(ours, x, out);
    const tb = passNs(math, x, out);
    a.push(ta);
    b.push(tb);
    q.push(ta / tb);
  }
  return { ours: median(a), math: median(b), ratio: median(q) };
}

type Loop = (x: Float64Array, out: Float64Array) => void;
interface Case {
  name: string;
  lo: number;
  hi: number;
  ours: Loop;
  math: Loop;
  numpy: string | null;
}

const cases: Case[] = [
  {
    name: 'exp',
    lo: -20,
    hi: 20,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = exp(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i] as number);
    },
    numpy: 'np.exp(x)',
  },
  {
    name: 'expm1',
    lo: -2,
    hi: 2,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = expm1(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.expm1(x[i] as number);
    },
    numpy: 'np.expm1(x)',
  },
  {
    name: 'log',
    lo: 1e-3,
    hi: 1e3,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = log(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i] as number);
    },
    numpy: 'np.log(x)',
  },
  {
    name: 'log1p',
    lo: -0.5,
    hi: 2,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = log1p(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log1p(x[i] as number);
    },
    numpy: 'np.log1p(x)',
  },
  {
    name: 'log2',
    lo: 1e-3,
    hi: 1e3,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = log2(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.log2(x[i] as number);
    },
    numpy: 'np.log2(x)',
  },
  {
    name: 'tanh',
    lo: -5,
    hi: 5,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = tanh(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i] as number);
    },
    numpy: 'np.tanh(x)',
  },
  {
    name: 'sin',
    lo: -10,
    hi: 10,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = sin(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.sin(x[i] as number);
    },
    numpy: 'np.sin(x)',
  },
  {
    name: 'cos',
    lo: -10,
    hi: 10,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = cos(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.cos(x[i] as number);
    },
    numpy: 'np.cos(x)',
  },
  {
    name: 'hypot',
    lo: -10,
    hi: 10,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = hypot(x[i] as number, 1.5);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.hypot(x[i] as number, 1.5);
    },
    numpy: 'np.hypot(x, 1.5)',
  },
  {
    name: 'cbrt',
    lo: -1e3,
    hi: 1e3,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = cbrt(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.cbrt(x[i] as number);
    },
    numpy: 'np.cbrt(x)',
  },
  {
    name: 'asinh',
    lo: -10,
    hi: 10,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = asinh(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.asinh(x[i] as number);
    },
    numpy: 'np.arcsinh(x)',
  },
  {
    name: 'acos',
    lo: -1,
    hi: 1,
    ours: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = acos(x[i] as number);
    },
    math: (x, o) => {
      for (let i = 0; i < x.length; i++) o[i] = Math.acos(x[i] as number);
    },
    numpy: 'np.arccos(x)',
  },
];

export async function run(): Promise<void> {
  const n = 1_000_000;
  const rng = createRng(1);
  const out = new Float64Array(n);
  const numpy = peerAvailable(['numpy'], 'apt-get install python3-numpy');
  const dir = numpy ? tempDir() : '';
  console.log(`  CPU ns per call on ${String(n)} arguments (ours / Math.* = ratio, target ≤ 1.5×; NumPy vectorised, one thread):`);
  for (const c of cases) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = c.lo + (c.hi - c.lo) * rng.uniform();
    const { ours, math, ratio: paired } = pairedNs(c.ours, c.math, x, out);
    let peer = '';
    if (numpy && c.numpy !== null) {
      const file = join(dir, `${c.name}.f64`);
      writeF64(file, x);
      const code = `import numpy as np, time\nx = np.fromfile(${JSON.stringify(file)}, dtype='<f8')\nts = []\nfor _ in range(15):\n  t = time.perf_counter(); ${c.numpy}; ts.append(time.perf_counter() - t)\nts.sort(); print(ts[len(ts)//2] * 1e9 / x.size)`;
      const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
      const ns = Number.parseFloat(r.stdout);
      if (r.status === 0 && Number.isFinite(ns)) peer = `   NumPy ${ns.toFixed(2)} ns (ours/NumPy ${ratio(ours, ns)})`;
    }
    console.log(
      `    ${c.name.padEnd(6)} ${ours.toFixed(2).padStart(6)} ns  Math.${c.name} ${math.toFixed(2).padStart(6)} ns  ratio ${paired.toFixed(2)}×${peer}`,
    );
  }
  await Promise.resolve();
}
