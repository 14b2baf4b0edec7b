/**
 * The registry of the `sgd-dynamics` command's experiments, in the order the command lists and
 * runs them: `escape` (Xie et al.), `limiting` (Kunin et al.), `flow` (Elkabetz & Cohen), `diffmap`
 * (Fjellström & Nyström).
 *
 * @module
 */
import type { Experiment } from '../experiment';
import { escapeExperiment } from './escape';
import { diffmapExperiment } from './diffmap';
import { flowExperiment } from './flow';
import { limitingExperiment } from './limiting';

/** Every experiment, in the order escape, limiting, flow, diffmap. */
export const EXPERIMENTS: readonly Experiment[] = [escapeExperiment, limitingExperiment, flowExperiment, diffmapExperiment];
