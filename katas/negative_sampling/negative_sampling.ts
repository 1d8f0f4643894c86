// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The unigram sampler (second book, 4.2.6): see README.md beside this file. */
export class UnigramSampler {
  /** The probability of each word id, `count ** power` normalised: shape `[V]`. */
  readonly wordP!: Tensor;

  /** Counts the words of `corpus` (ids 0 to V-1); draws `sampleSize` negatives per target from `rng`. */
  constructor(
    corpus: readonly number[],
    power: number,
    sampleSize: number,
    rng: Rng,
  ) {
    notImplemented("negative_sampling", "new UnigramSampler");
  }

  /** For each target, `sampleSize` different word ids other than it: shape `[N][sampleSize]`. */
  getNegativeSample(target: readonly number[]): number[][] {
    return notImplemented(
      "negative_sampling",
      "UnigramSampler.getNegativeSample",
    );
  }
}

/** The negative-sampling loss (second book, 4.2.7): see README.md beside this file. */
export class NegativeSamplingLoss {
  /** The parameters by name: `W`, the very tensor given. */
  readonly params!: Params;
  /** Their gradients by name: `W`, written in place by every backward. */
  readonly grads!: Params;
  /** Where the negatives come from. */
  readonly sampler!: UnigramSampler;

  /** Scores with the rows of `W`; draws `sampleSize` negatives per target from `corpus`'s unigrams. */
  constructor(
    W: Tensor,
    corpus: readonly number[],
    rng: Rng,
    power = 0.75,
    sampleSize = 5,
  ) {
    notImplemented("negative_sampling", "new NegativeSamplingLoss");
  }

  /** The loss of `h` scored against each target (label 1) and its negatives (label 0). */
  forward(h: Tensor, target: readonly number[]): number {
    return notImplemented("negative_sampling", "NegativeSamplingLoss.forward");
  }

  /** Writes dW into `grads.W` in place; returns dh. */
  backward(dout = 1): Tensor {
    return notImplemented("negative_sampling", "NegativeSamplingLoss.backward");
  }
}
