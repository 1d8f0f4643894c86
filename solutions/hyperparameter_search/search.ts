import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";

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
 * Shuffles the training rows with `rng.permutation` and holds out the first
 * `floor(N · validationRate)` of them as a validation set (book 6.5.2). The
 * test set is passed on as it is.
 */
export function splitValidation(
  data: Dataset,
  validationRate: number,
  rng: Rng,
): ValidationSplit {
  const trainSize = data.xTrain.shape[0];
  // A label for every row, or the shuffle would pair images with others' labels.
  if (data.tTrain.shape[0] !== trainSize) {
    throw new Error(
      `splitValidation: xTrain has ${trainSize} rows but tTrain has ${
        data.tTrain.shape[0]
      }: one target per training row`,
    );
  }
  const validationNum = Math.floor(trainSize * validationRate);
  // Written so that NaN fails too: both comparisons are false for it.
  if (!(validationNum >= 1 && validationNum < trainSize)) {
    throw new RangeError(
      `splitValidation: validationRate ${validationRate} of ${trainSize} ` +
        `training rows gives ${validationNum} validation rows; it must leave ` +
        `at least one row for validation and one for training`,
    );
  }
  const order = rng.permutation(trainSize);
  const xTrain = data.xTrain.rows(order);
  const tTrain = data.tTrain.rows(order);
  return {
    xVal: xTrain.slice([0, validationNum]),
    tVal: tTrain.slice([0, validationNum]),
    xTrain: xTrain.slice([validationNum]),
    tTrain: tTrain.slice([validationNum]),
    xTest: data.xTest,
    tTest: data.tTest,
  };
}

/**
 * A number between 10^minExponent and 10^maxExponent whose exponent is
 * uniform (book 6.5.3): each power of ten is as likely as any other.
 */
export function logUniform(
  rng: Rng,
  minExponent: number,
  maxExponent: number,
): number {
  if (
    !Number.isFinite(minExponent) || !Number.isFinite(maxExponent) ||
    minExponent > maxExponent
  ) {
    throw new RangeError(
      `logUniform: the exponents must be finite with min <= max, got ` +
        `[${minExponent}, ${maxExponent}]`,
    );
  }
  return 10 ** rng.uniform(minExponent, maxExponent);
}

/**
 * `trials` random trials (book 6.5.3): each draws a weight decay, then a
 * learning rate, log-uniformly from `space`, and `evaluate` trains with them
 * and returns the validation accuracy. The trials come back in the order run.
 */
export function randomSearch(
  trials: number,
  space: SearchSpace,
  rng: Rng,
  evaluate: (settings: Settings) => number,
): Trial[] {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(
      `randomSearch: trials must be a whole number >= 0, got ${trials}`,
    );
  }
  const results: Trial[] = [];
  for (let i = 0; i < trials; i++) {
    const weightDecay = logUniform(rng, ...space.weightDecay);
    const learningRate = logUniform(rng, ...space.learningRate);
    const valAccuracy = evaluate({ learningRate, weightDecay });
    results.push({ learningRate, weightDecay, valAccuracy });
  }
  return results;
}

/**
 * The `top` best trials, highest validation accuracy first; trials that tie
 * keep the order they ran in, and a NaN accuracy (a run that diverged) ranks
 * below every number. `trials` itself is left as it was.
 */
export function rankTrials(
  trials: readonly Trial[],
  top = trials.length,
): Trial[] {
  if (!Number.isInteger(top) || top < 0) {
    throw new RangeError(
      `rankTrials: top must be a whole number >= 0, got ${top}`,
    );
  }
  const score = (trial: Trial) =>
    Number.isNaN(trial.valAccuracy) ? -Infinity : trial.valAccuracy;
  return trials.toSorted((a, b) => score(b) - score(a)).slice(0, top);
}
