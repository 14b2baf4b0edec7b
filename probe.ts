import { simulateEnsemble } from './src/langevin/index';
for (const [name, spec, x0, dt, T] of [['dw', { builtin: 'doubleWell' }, [-1], 0.005, 0.1], ['mb', { builtin: 'mullerBrown' }, [-0.558, 1.442], 1e-5, 10]] as const) {
  for (let rep = 0; rep < 2; rep++) {
    const t0 = performance.now();
    await simulateEnsemble({ objective: spec as never, x0: [...x0], dt, temperature: T, tMax: 10000 * dt, walkers: 1000, seed: 1 });
    console.log(name, (1e7 / (performance.now() - t0) / 1e3).toFixed(1), 'M/s');
  }
}
