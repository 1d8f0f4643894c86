// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** A training set and a test set, as `loadMnist` gives them. */
export interface Dataset {
  /** Training inputs, `[N, ...]`. */
  xTrain: Tensor;
  /** Training targets, one row per input row. */
  tTrain: Tensor;
  /** Test inputs: never trained on, never tuned on. */
  xTest: Tensor;
  /** Test targets. */
  tTest: Tensor;
}

/** A {@link Dataset} with a validation set carved from its training rows. */
export interface ValidationSplit extends Dataset {
  /** Validation inputs: training rows held out to judge hyperparameters. */
  xVal: Tensor;
  /** Validation targets. */
  tVal: Tensor;
}

/** The hyperparameters one trial trains with. */
export interface Settings {
  /** The learning rate of SGD. */
  learningRate: number;
  /** The weight decay strength λ. */
  weightDecay: number;
}

/** One trial of a search: its settings and the validation accuracy they reached. */
export interface Trial extends Settings {
  /** The accuracy on the validation set after training with these settings. */
  valAccuracy: number;
}

/** Where to search: each range is [lowest, highest] power of ten. */
export interface SearchSpace {
  /** Exponents of the learning rate, e.g. [-6, -2] for 1e-6 to 1e-2. */
  learningRate: [number, number];
  /** Exponents of the weight decay, e.g. [-8, -4]. */
  weightDecay: [number, number];
}

/**
 * Shuffles the training rows and holds out `floor(N · validationRate)` of
 * them as a validation set (book 6.5.2): see README.md beside this file.
 */
export function splitValidation(
  data: Dataset,
  validationRate: number,
  rng: Rng,
): ValidationSplit {
  return notImplemented("hyperparameter_search", "splitValidation");
}

/** A number between 10^minExponent and 10^maxExponent whose exponent is uniform (book 6.5.3). */
export function logUniform(
  rng: Rng,
  minExponent: number,
  maxExponent: number,
): number {
  return notImplemented("hyperparameter_search", "logUniform");
}

/** `trials` random trials over `space`, each scored by `evaluate` (book 6.5.3). */
export function randomSearch(
  trials: number,
  space: SearchSpace,
  rng: Rng,
  evaluate: (settings: Settings) => number,
): Trial[] {
  return notImplemented("hyperparameter_search", "randomSearch");
}

/** The `top` best trials, highest validation accuracy first. */
export function rankTrials(
  trials: readonly Trial[],
  top = trials.length,
): Trial[] {
  return notImplemented("hyperparameter_search", "rankTrials");
}
