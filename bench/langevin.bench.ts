/**
 * `npm run bench -- langevin`: walker-steps per second of `simulateEnsemble` (overdamped
 * Euler–Maruyama, D = T·I, no stop: every walker runs every step) for 10⁴ walkers × 10⁴ steps on
 * the 1-D double well (dt = 0.005) and on 2-D Müller–Brown (dt = 1e−5, T = 10), the objective by
 * description (`{ builtin }`: the fast gradient) and as the objective object, on the calling
 * thread and on two workers (`workers: 2`, the objective by description), beside a NumPy vectorised Euler–Maruyama doing the same work (all walkers as one array,
 * in-place updates, one BLAS thread) in the same run; the ratio is ours / NumPy's. Set
 * LANGEVIN_BENCH_WALKERS to shrink the case (e.g. 1000 for a quick look).
 */
import { simulateEnsemble } from '../src/langevin/index';
import { doubleWell, mullerBrown } from '../src/objectives/index';
import { peerAvailable, runPeer } from './harness';

export async function run(): Promise<void> {
  const walkers = Number(process.env.LANGEVIN_BENCH_WALKERS ?? 10_000);
  const steps = 10_000;
  console.log(`\nsimulateEnsemble, overdamped Euler–Maruyama, ${walkers} walkers × ${steps} steps, one thread:`);
  const cases = [
    { name: 'double-well', objective: doubleWell(), spec: { builtin: 'doubleWell' }, x0: [-1], dt: 0.005, temperature: 0.1 },
    { name: 'muller-brown', objective: mullerBrown(), spec: { builtin: 'mullerBrown' }, x0: [-0.558, 1.442], dt: 1e-5, temperature: 10 },
  ] as const;
  const peer = peerAvailable(['numpy'], 'apt-get install -y python3-numpy');
  for (const c of cases) {
    // Warm-up on a small ensemble, then the measured one.
    await simulateEnsemble({ objective: c.objective, x0: c.x0, dt: c.dt, temperature: c.temperature, tMax: steps * c.dt, walkers: 100, seed: 0 });
    const t0 = performance.now();
    const r = await simulateEnsemble({ objective: c.spec, x0: c.x0, dt: c.dt, temperature: c.temperature, tMax: steps * c.dt, walkers, seed: 1 });
    const sec = (performance.now() - t0) / 1000;
    const total = r.steps.reduce((s, v) => s + v, 0);
    const ours = total / sec;
    // The same ensemble given the objective itself (its checked gradient call per step): same bits.
    const t2 = performance.now();
    const ro = await simulateEnsemble({ objective: c.objective, x0: c.x0, dt: c.dt, temperature: c.temperature, tMax: steps * c.dt, walkers, seed: 1 });
    const secObj = (performance.now() - t2) / 1000;
    const sameObj = ro.final.data.every((v, i) => v === r.final.data[i]);
    let line = `  ${c.name}: ${(ours / 1e6).toFixed(1)} M walker-steps/s by description (${sec.toFixed(2)} s), ${(total / secObj / 1e6).toFixed(1)} M/s given the objective (same bits: ${String(sameObj)})`;
    if (peer) {
      const p = runPeer<{ walker_steps_per_s: number; seconds: number }>('numpy_langevin.py', [
        c.name,
        String(walkers),
        String(steps),
        String(c.dt),
        String(c.temperature),
      ]);
      line += `; NumPy ${(p.walker_steps_per_s / 1e6).toFixed(1)} M/s (${p.seconds.toFixed(2)} s); ratio ${(ours / p.walker_steps_per_s).toFixed(2)}`;
    }
    const t1 = performance.now();
    const r2 = await simulateEnsemble({ objective: c.spec, x0: c.x0, dt: c.dt, temperature: c.temperature, tMax: steps * c.dt, walkers, seed: 1, workers: 2 });
    const sec2 = (performance.now() - t1) / 1000;
    const same = r2.firstPassage.every((v, i) => v === r.firstPassage[i]) && r2.final.data.every((v, i) => v === r.final.data[i]);
    line += `; two workers ${(total / sec2 / 1e6).toFixed(1)} M/s (${sec2.toFixed(2)} s, ×${(sec / sec2).toFixed(2)} of one thread, same bits: ${String(same)})`;
    console.log(line);
  }
}
