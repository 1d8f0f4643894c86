// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** CBOW with negative sampling (second book, 3.2 and 4.3): see README.md beside this file. */
export class CBOW {
  /** The parameters by name: `W_in` (the word vectors) and `W_out`, both `[V, H]`. */
  readonly params!: Params;
  /** Their gradients by name, written in place by every backward. */
  readonly grads!: Params;

  /**
   * Draws `W_in`, then `W_out`, from `rng` (normal, standard deviation 0.01),
   * then hands `rng` to the negative-sampling loss.
   */
  constructor(
    vocabSize: number,
    hiddenSize: number,
    windowSize: number,
    corpus: readonly number[],
    rng: Rng,
    sampleSize = 5,
  ) {
    notImplemented("cbow", "new CBOW");
  }

  /** The word vectors: the rows of `W_in`. */
  get wordVecs(): Tensor {
    return notImplemented("cbow", "CBOW.wordVecs");
  }

  /** The loss of predicting each target from the mean of its context words' vectors. */
  forward(
    contexts: readonly (readonly number[])[],
    target: readonly number[],
  ): number {
    return notImplemented("cbow", "CBOW.forward");
  }

  /** Writes the gradients into `grads.W_in` and `grads.W_out` in place. */
  backward(dout = 1): void {
    notImplemented("cbow", "CBOW.backward");
  }
}
