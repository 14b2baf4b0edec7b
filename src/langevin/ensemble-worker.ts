/**
 * The worker-thread side of `simulateEnsemble({ workers })`: rebuilds the ensemble's configuration
 * from its serialisable description (once per worker and ensemble) and runs a range of walkers with
 * the same code as the calling thread, so the numbers are the same bit for bit. Loaded only by the
 * worker pool. @internal
 *
 * @module
 */
import { simulateWalkers, walkerConfig, walkerOutput, type WalkerConfig, type WalkerOptions } from './ensemble-kernels';
import { fastLandscape } from './fast-kernels';
import { fastGradient, isSpec, resolveObjectiveSpec, resolveStopSpec, type ModuleExportSpec, type ObjectiveSpec } from './objective-spec';

/** A task: the ensemble's serialisable options (objective and stop as descriptions) and a walker range. @internal */
export interface EnsembleTask {
  key: string;
  payload: WalkerOptions & { objective: ObjectiveSpec; stop?: unknown };
  start: number;
  end: number;
}

/** What a task returns: the outputs of walkers [start, end). @internal */
export interface EnsembleTaskResult {
  firstPassage: Float64Array;
  escaped: Uint8Array;
  steps: Float64Array;
  final: Float64Array;
}

let cached: { key: string; cfg: WalkerConfig } | null = null;

/** Builds the configuration of a payload (what the calling thread checked already). @internal */
export async function configFromPayload(payload: EnsembleTask['payload']): Promise<WalkerConfig> {
  const objective = await resolveObjectiveSpec('options.objective', payload.objective);
  const s = payload.stop;
  const stop = s !== null && typeof s === 'object' && 'module' in s ? await resolveStopSpec('options.stop', s as ModuleExportSpec) : s;
  const cfg = walkerConfig({ ...payload, objective, stop });
  const fast = fastGradient(payload.objective, objective);
  if (fast !== null) cfg.drift.gradient = fast;
  cfg.landscape = fastLandscape(payload.objective, objective);
  return cfg;
}

/** Runs one task (tinypool's entry). @internal */
export default async function ensembleTask(task: EnsembleTask): Promise<EnsembleTaskResult> {
  if (cached?.key !== task.key) {
    if (!isSpec(task.payload.objective)) throw new TypeError('options.objective: expected a serialisable description in a worker');
    cached = { key: task.key, cfg: await configFromPayload(task.payload) };
  }
  const out = walkerOutput(task.end - task.start, cached.cfg.d);
  simulateWalkers(cached.cfg, task.start, task.end, out);
  return out;
}
