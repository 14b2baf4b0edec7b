/**
 * The `flow` experiment (Elkabetz & Cohen 2021, "Continuous vs. discrete optimization of deep
 * neural networks"): gradient descent against gradient flow on a deep linear network and a small
 * ReLU network. The distance between GD's iterates and the flow's over a fixed time horizon
 * against the step size η (O(η) for small steps: a log-log slope of 1), and the Hessian's smallest
 * and largest eigenvalues along the flow: GD stays close while η·λ_max < 2 along the way.
 *
 * @module
 */
import { log } from '../../core/elementary';
import { symmetricEigen } from '../../core/symmetric-eigen';
import { deepLinearNetwork, linearTeacher, mlp, twoMoons, type FiniteSumModel } from '../../objectives/index';
import type { Datum, Experiment, ExperimentContext, ExperimentResult, Finding, PlotMark, Table } from '../experiment';
import { gd, gradientFlow } from '../../optim/index';
import { insideInterval, lineFit, plainFinding, secondsSince, sig, stages, subSeed, throwIfAborted, withinRelative } from './experiment-kernels';

interface Sizes {
  readonly horizon: number;
  /** Step sizes as fractions of 2/Λ, Λ the largest Hessian eigenvalue met along the flow. */
  readonly fractions: readonly number[];
  readonly models: readonly ('deep-linear' | 'relu')[];
}

const SIZES: Record<ExperimentContext['mode'], Sizes> = {
  tour: { horizon: 10, fractions: [0.005, 0.01, 0.02, 0.05], models: ['deep-linear'] },
  quick: { horizon: 10, fractions: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 0.8, 1.1, 1.5], models: ['deep-linear', 'relu'] },
  full: { horizon: 20, fractions: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.1, 1.3, 1.5, 2], models: ['deep-linear', 'relu'] },
};

/** Steps with η ≤ this fraction of 2/Λ make the small-step fit of log gap against log η. */
const SMALL = 0.05;
/** GD "stays close" while sup_t ‖θ_GD − θ_GF‖ ≤ CLOSE · ‖θ_GF(T) − θ_GF(0)‖. */
const CLOSE = 0.1;
/** Tolerances of the reference flow: far below the smallest gap measured (≈ 1e-4). */
const TOLERANCES = { rtol: 1e-9, atol: 1e-11 } as const;
/** The ReLU net's flow has kinks where units switch, at which an adaptive step crawls: looser, still ≪ its smallest gap (≈ 7e-4). */
const RELU_TOLERANCES = { rtol: 1e-6, atol: 1e-8 } as const;
/** Comparison times t_j = jT/COMPARISONS, shared by the flow and every GD run. */
const COMPARISONS = 40;

function buildModel(kind: 'deep-linear' | 'relu', seed: number): { model: FiniteSumModel; x0: Float64Array; label: string } {
  if (kind === 'deep-linear') {
    const { features, targets } = linearTeacher({ samples: 100, dim: 4, noise: 0.1, seed: subSeed(seed, 'flow', 'teacher') });
    const model = deepLinearNetwork({ widths: [4, 4, 4, 1], features, targets });
    const x0 = model.initialParameters(subSeed(seed, 'flow', 'init-linear'));
    return { model, x0, label: 'deep linear net 4-4-4-1' };
  }
  const { features, labels } = twoMoons({ samples: 100, noise: 0.1, seed: subSeed(seed, 'flow', 'moons') });
  const targets = Float64Array.from(labels, (l) => (l === 1 ? 1 : -1));
  const model = mlp({ layers: [2, 12, 1], activation: 'relu', features, targets });
  const x0 = model.initialParameters(subSeed(seed, 'flow', 'init-relu'));
  return { model, x0, label: 'ReLU net 2-12-1 (two moons)' };
}

function extremeEigenvalues(model: FiniteSumModel, x: Float64Array): [number, number] {
  const v = symmetricEigen(model.hessian(x)).values;
  return [v[0] ?? 0, v[v.length - 1] ?? 0];
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) * ((a[i] ?? 0) - (b[i] ?? 0));
  return Math.sqrt(s);
}

function run(context: ExperimentContext): Promise<ExperimentResult> {
  try {
    return Promise.resolve(runSync(context));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function runSync(context: ExperimentContext): ExperimentResult {
  const start = performance.now();
  const sizes = SIZES[context.mode];
  const { seed, signal } = context;
  const progress = stages(
    context,
    sizes.models.map((m) => m),
    sizes.models.map(() => 1),
  );
  const findings: Finding[] = [];
  const gapMarks: PlotMark[] = [];
  const curvatureMarks: PlotMark[] = [];
  const rows: (string | number | null)[][] = [];
  const notes: string[] = [];
  for (let m = 0; m < sizes.models.length; m++) {
    const kind = sizes.models[m] ?? 'deep-linear';
    const report = progress.begin(m);
    const { model, x0, label } = buildModel(kind, seed);
    // the reference flow and its curvature, once (a tiny GD run carries it)
    const probe = gradientFlow(model, x0, {
      t1: sizes.horizon,
      points: COMPARISONS + 1,
      ...(kind === 'relu' ? RELU_TOLERANCES : TOLERANCES),
      maxSteps: 2_000_000,
    });
    if (probe.points.shape[0] !== COMPARISONS + 1) throw new Error(`flow: the reference flow stopped early (${probe.stopReason})`);
    const flowPoints = probe.points;
    const flowTimes = probe.times;
    const lmin: number[] = [];
    const lmax: number[] = [];
    for (let i = 0; i < flowTimes.length; i++) {
      const x = Float64Array.from({ length: model.dim }, (_, j) => flowPoints.get(i, j));
      const [lo, hi] = extremeEigenvalues(model, x);
      lmin.push(lo);
      lmax.push(hi);
    }
    const Lambda = Math.max(...lmax);
    const travelled = distance(probe.final, x0);
    report(0.1);
    // GD at η = T/(C·m): its snapshots every m steps fall exactly on the flow's output times t_j = jT/C
    const etas: number[] = [];
    const sup: number[] = [];
    for (let i = 0; i < sizes.fractions.length; i++) {
      throwIfAborted(signal);
      const f = sizes.fractions[i] ?? 1;
      const m = Math.max(1, Math.round((sizes.horizon * Lambda) / (2 * f * COMPARISONS)));
      const lr = sizes.horizon / (COMPARISONS * m);
      const steps = COMPARISONS * m;
      const r = gd(model, x0, { lr, steps, every: m, recordLosses: false });
      let s = 0;
      for (let j = 0; j <= COMPARISONS; j++) {
        let d2 = 0;
        for (let c = 0; c < model.dim; c++) {
          const diff = j < (r.points.shape[0] ?? 0) ? r.points.get(j, c) - flowPoints.get(j, c) : Infinity;
          d2 += diff * diff;
        }
        s = Math.max(s, Math.sqrt(d2));
      }
      if (r.stopReason !== 'steps' || !Number.isFinite(s)) s = Infinity;
      etas.push(lr);
      sup.push(s);
      const close = Number.isFinite(s) && s <= CLOSE * travelled;
      rows.push([label, sig(lr), sig(lr * Lambda, 3), steps, Number.isFinite(s) ? sig(s) : null, r.stopReason, close ? 'yes' : 'no']);
      report(0.1 + (0.9 * (i + 1)) / sizes.fractions.length);
    }
    // small-step slope of log sup-gap against log η
    const small = etas.map((e, i) => ({ e, g: sup[i] ?? Infinity, f: sizes.fractions[i] ?? 1 })).filter((p) => p.f <= SMALL && Number.isFinite(p.g) && p.g > 0);
    if (small.length >= 3) {
      const fit = lineFit(
        small.map((p) => log(p.e)),
        small.map((p) => log(p.g)),
      );
      const slopeLabel = `${label}: slope of log sup‖θ_GD − θ_GF‖ against log η (η ≤ ${String(SMALL)}·2/λ_max)`;
      const source = 'Elkabetz & Cohen: GD is Euler’s method for the flow, gap = O(η)';
      findings.push(
        kind === 'relu'
          ? // units switching on and off make the gap a rough function of η: judge by the fit's own interval
            insideInterval(slopeLabel, fit.slope, fit.slopeStandardError, fit.slopeCi95, 1, source)
          : withinRelative(slopeLabel, fit.slope, fit.slopeStandardError, fit.slopeCi95, 1, source, 0.1, 'the O(η²) term bends the local slope by ≲ η/η_c'),
      );
    }
    // the largest step at which GD stays close to the flow, against 2/Λ
    let closest = -1;
    for (let i = 0; i < etas.length; i++) if ((sup[i] ?? Infinity) <= CLOSE * travelled) closest = i;
    const etaStar = etas[closest] ?? null;
    if (etaStar !== null && sizes.fractions.some((f) => f > 1)) {
      const value = etaStar * Lambda;
      findings.push({
        label: `${label}: η·max_t λ_max(θ_GF(t)) at the largest step where GD stays close`,
        value,
        standardError: null,
        interval: null,
        theory: 2,
        theorySource: 'GD is stable along the flow only while η·λ_max < 2 (edge of stability)',
        agrees: value < 2,
        criterion: `value < theory (close: sup gap ≤ ${String(CLOSE)}·‖θ_GF(T) − θ_GF(0)‖)`,
      });
    }
    findings.push(plainFinding(`${label}: smallest Hessian eigenvalue met along the flow`, Math.min(...lmin)));
    const series = label;
    gapMarks.push(
      {
        type: 'line',
        data: etas.flatMap((e, i): Datum[] => (Number.isFinite(sup[i] ?? Infinity) && (sup[i] ?? 0) > 0 ? [{ eta: e, gap: sup[i] ?? 0, series }] : [])),
        x: 'eta',
        y: 'gap',
        series: 'series',
      },
      {
        type: 'dot',
        data: etas.flatMap((e, i): Datum[] => (Number.isFinite(sup[i] ?? Infinity) && (sup[i] ?? 0) > 0 ? [{ eta: e, gap: sup[i] ?? 0, series }] : [])),
        x: 'eta',
        y: 'gap',
        series: 'series',
      },
      { type: 'ruleX', data: [{ eta: 2 / Lambda, series: `2/λ_max: ${label}` }], x: 'eta', series: 'series', dash: '2,3' },
    );
    const firstSmall = small[0];
    if (firstSmall !== undefined) {
      const lastSmall = small[small.length - 1] ?? firstSmall;
      gapMarks.push({
        type: 'line',
        data: [
          { eta: firstSmall.e, gap: firstSmall.g, series: `slope 1: ${label}` },
          { eta: lastSmall.e, gap: (firstSmall.g * lastSmall.e) / firstSmall.e, series: `slope 1: ${label}` },
        ],
        x: 'eta',
        y: 'gap',
        series: 'series',
        dash: '4,3',
      });
    }
    curvatureMarks.push(
      { type: 'line', data: Array.from(flowTimes, (t, i) => ({ t, lambda: lmin[i] ?? 0, series: `λ_min: ${label}` })), x: 't', y: 'lambda', series: 'series' },
      { type: 'line', data: Array.from(flowTimes, (t, i) => ({ t, lambda: lmax[i] ?? 0, series: `λ_max: ${label}` })), x: 't', y: 'lambda', series: 'series' },
    );
    notes.push(
      `${label}: d = ${String(model.dim)}, horizon t ∈ [0, ${String(sizes.horizon)}], the flow travels ${String(sig(travelled, 3))}; max λ_max along the flow Λ = ${String(sig(Lambda, 4))}, min λ_min = ${String(sig(Math.min(...lmin), 3))}.`,
    );
  }
  curvatureMarks.push({ type: 'ruleY', data: [{ lambda: 0 }], y: 'lambda' });
  progress.done();
  throwIfAborted(signal);
  notes.push(
    'The flow is Dormand–Prince 5(4) at rtol 1e-9 (gradientFlow), output at 41 times t_j = jT/40; each GD run has η = T/(40m) for an integer m, so its snapshots every m steps fall exactly on those times, and the gap is the largest distance over them. Eigenvalues are of the dense Hessian at the flow’s points.',
    `Step sizes are fractions ${sizes.fractions.join(', ')} of 2/Λ, Λ the largest Hessian eigenvalue along the flow. The slope fit uses those ≤ ${String(SMALL)} (OLS, Student-t interval).`,
  );
  const tables: Table[] = [
    {
      id: 'flow-gap',
      title: 'GD against gradient flow',
      columns: ['model', 'η', 'η·Λ', 'steps', 'sup gap', 'GD stop', 'close'],
      rows,
      caption: `close: sup gap ≤ ${String(CLOSE)} × the distance the flow travels.`,
    },
  ];
  return {
    name: 'flow',
    title: flowExperiment.title,
    paper: flowExperiment.paper,
    mode: context.mode,
    seed,
    summary:
      'Gradient descent is Euler’s method for the gradient flow: over a fixed horizon its iterates stay within O(η) of the flow (a log-log slope of 1 against the step size) as long as η·λ_max stays below 2 along the way; past that GD leaves the flow. The Hessian eigenvalues along the flow show how much negative curvature it meets (little, away from the origin) and how sharp it gets.',
    findings,
    tables,
    plots: [
      {
        id: 'flow-gap-vs-lr',
        title: 'Distance between GD and gradient flow against the step size',
        x: { label: 'step size η', type: 'log' },
        y: { label: 'sup over t ≤ T of ‖θ_GD − θ_GF‖', type: 'log' },
        marks: gapMarks,
        colorLabel: 'model',
        caption: 'Slope 1 for small η (the O(η) gap); vertical rules at 2/λ_max.',
      },
      {
        id: 'flow-curvature',
        title: 'Hessian eigenvalues along the gradient flow',
        x: { label: 'time t' },
        y: { label: 'eigenvalue' },
        marks: curvatureMarks,
        colorLabel: 'eigenvalue',
      },
    ],
    notes,
    seconds: secondsSince(start),
  };
}

/** The `flow` experiment: Elkabetz & Cohen (2021), GD against gradient flow. */
export const flowExperiment: Experiment = {
  name: 'flow',
  title: 'Gradient descent tracks gradient flow',
  paper: 'Elkabetz & Cohen 2021',
  description: 'GD vs gradient flow on a deep linear net and a ReLU net: O(η) distance against step size, Hessian eigenvalues along the flow',
  run,
};
