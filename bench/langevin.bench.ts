/**
 * `npm run bench -- langevin`: walker-steps per second of `simulateEnsemble` (overdamped
 * Euler–Maruyama, D = T·I, no stop: every walker runs every step) for 10⁴ walkers × 10⁴ steps on
 * the 1-D double well (dt = 0.005) and on 2-D Müller–Brown (dt = 1e−5, T = 10), the objective by
 * description (`{ builtin }`: the fast path, walkers in WebAssembly SIMD lanes, and the same with
 * SIMD turned off: the JavaScript tile, same bits) and as the objective object (the general loop
 * with its gradient call), on the calling thread and on two workers (`workers: 2`, the objective by
 * description, the pool started by a warm-up call and kept; its startup is printed apart), beside a NumPy vectorised
 * Euler–Maruyama doing the same work (all walkers as one array, in-place updates, one BLAS thread)
 * in the same run; the ratio is ours / NumPy's. Each figure is the median of LANGEVIN_BENCH_REPEATS
 * runs (default 3; the machine may be shared), ours and NumPy's interleaved. Set
 * LANGEVIN_BENCH_WALKERS to shrink the case (e.g. 1000 for a quick look).
 */
import { setSimdEnabled } from '../src/core/simd-heap';
import { simulateEnsemble } from '../src/langevin/index';
import { doubleWell, mullerBrown } from '../src/objectives/index';
import { peerAvailable, runPeer } from './harness';

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export async function run(): Promise<void> {
  const walkers = Number(process.env.LANGEVIN_BENCH_WALKERS ?? 10_000);
  const repeats = Math.max(1, Number(process.env.LANGEVIN_BENCH_REPEATS ?? 3));
  const steps = 10_000;
  const { loadavg, cpus } = await import('node:os');
  const load = loadavg().map((v) => v.toFixed(2));
  console.log(
    `\nsimulateEnsemble, overdamped Euler–Maruyama, ${walkers} walkers × ${steps} steps, median of ${repeats} (load average ${load.join(', ')} on ${String(cpus().length)} cores):`,
  );
  const cases = [
    { name: 'double-well', objective: doubleWell(), spec: { builtin: 'doubleWell' }, x0: [-1], dt: 0.005, temperature: 0.1 },
    { name: 'muller-brown', objective: mullerBrown(), spec: { builtin: 'mullerBrown' }, x0: [-0.558, 1.442], dt: 1e-5, temperature: 10 },
  ] as const;
  const peer = peerAvailable(['numpy'], 'apt-get install -y python3-numpy');
  for (const c of cases) {
    const base = { x0: c.x0, dt: c.dt, temperature: c.temperature, tMax: steps * c.dt, seed: 1 };
    // Warm-up of both loops on small ensembles, then the measured ones.
    await simulateEnsemble({ ...base, objective: c.spec, walkers: 200 });
    await simulateEnsemble({ ...base, objective: c.objective, walkers: 200 });
    // The worker pool starts on its first call and is kept: that start is timed here, not in the runs.
    const s0 = performance.now();
    await simulateEnsemble({ ...base, objective: c.spec, walkers: 16, workers: 2 });
    const startup = performance.now() - s0;
    const ours: number[] = [];
    const js: number[] = [];
    let sameJs = true;
    const obj: number[] = [];
    const two: number[] = [];
    const np: number[] = [];
    let sameObj = true;
    let sameTwo = true;
    const total = walkers * steps;
    for (let rep = 0; rep < repeats; rep++) {
      const t0 = performance.now();
      const r = await simulateEnsemble({ ...base, objective: c.spec, walkers });
      ours.push(r.steps.reduce((s, v) => s + v, 0) / ((performance.now() - t0) / 1000));
      // The JavaScript tile (SIMD off): the fallback, the same bits.
      setSimdEnabled(false);
      const t3 = performance.now();
      const rj = await simulateEnsemble({ ...base, objective: c.spec, walkers });
      js.push(total / ((performance.now() - t3) / 1000));
      setSimdEnabled(true);
      sameJs &&= rj.final.data.every((v, i) => Object.is(v, r.final.data[i]));
      // The same ensemble given the objective itself (its checked gradient call per step): same bits.
      const t2 = performance.now();
      const ro = await simulateEnsemble({ ...base, objective: c.objective, walkers });
      obj.push(total / ((performance.now() - t2) / 1000));
      sameObj &&= ro.final.data.every((v, i) => v === r.final.data[i]);
      const t1 = performance.now();
      const r2 = await simulateEnsemble({ ...base, objective: c.spec, walkers, workers: 2 });
      two.push(total / ((performance.now() - t1) / 1000));
      sameTwo &&= r2.firstPassage.every((v, i) => v === r.firstPassage[i]) && r2.final.data.every((v, i) => v === r.final.data[i]);
      if (peer) {
        const p = runPeer<{ walker_steps_per_s: number }>('numpy_langevin.py', [c.name, String(walkers), String(steps), String(c.dt), String(c.temperature)]);
        np.push(p.walker_steps_per_s);
      }
    }
    const m = median(ours);
    const fmt = (v: number): string => (v / 1e6).toFixed(1);
    let line = `  ${c.name}: ${fmt(m)} M walker-steps/s by description, SIMD (runs ${ours.map(fmt).join(', ')}); JavaScript tile ${fmt(median(js))} M/s (same bits: ${String(sameJs)}); ${fmt(median(obj))} M/s given the objective (same bits: ${String(sameObj)})`;
    if (peer) line += `; NumPy ${fmt(median(np))} M/s (runs ${np.map(fmt).join(', ')}); ratio ${(m / median(np)).toFixed(2)}`;
    line += `; two workers ${fmt(median(two))} M/s (×${(median(two) / m).toFixed(2)} of one thread, same bits: ${String(sameTwo)}; pool startup ${startup.toFixed(0)} ms, once)`;
    console.log(line);
  }
}
