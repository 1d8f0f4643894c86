import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { Embedding } from "../embedding/embedding.ts";
import { NegativeSamplingLoss } from "../negative_sampling/negative_sampling.ts";

/** word2vec's continuous bag-of-words with negative sampling (second book, 3.2 and 4.3). */
export class CBOW {
  /** The parameters by name: `W_in` (the word vectors) and `W_out`, both `[V, H]`. */
  readonly params: Params;
  /** Their gradients by name, written in place by every backward. */
  readonly grads: Params;
  /** One Embedding of `W_in` per context position. */
  readonly #inLayers: Embedding[];
  readonly #nsLoss: NegativeSamplingLoss;

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
    const W_in = Tensor.randn([vocabSize, hiddenSize], rng, 0.01);
    const W_out = Tensor.randn([vocabSize, hiddenSize], rng, 0.01);
    this.#inLayers = Array.from(
      { length: 2 * windowSize },
      () => new Embedding(W_in),
    );
    this.#nsLoss = new NegativeSamplingLoss(
      W_out,
      corpus,
      rng,
      0.75,
      sampleSize,
    );
    this.params = { W_in, W_out };
    // W_out's gradient is the loss layer's own tensor, which its backward
    // overwrites in place; W_in's gathers the context positions'.
    this.grads = {
      W_in: Tensor.zeros(W_in.shape),
      W_out: this.#nsLoss.grads.W,
    };
  }

  /** The word vectors: the rows of `W_in`. */
  get wordVecs(): Tensor {
    return this.params.W_in;
  }

  /** The loss of predicting each target from the mean of its context words' vectors. */
  forward(
    contexts: readonly (readonly number[])[],
    target: readonly number[],
  ): number {
    const width = this.#inLayers.length;
    const bad = contexts.findIndex((row) => row.length !== width);
    if (bad >= 0) {
      throw new Error(
        `CBOW.forward: contexts[${bad}] has ${
          contexts[bad].length
        } words, but the window needs ${width}`,
      );
    }
    // Position j of every context goes through the j-th Embedding.
    const vectors = this.#inLayers.map((layer, j) =>
      layer.forward(contexts.map((row) => row[j]))
    );
    const h = vectors.reduce((sum, v) => sum.add(v));
    return this.#nsLoss.forward(h.mul(1 / width), target);
  }

  /** Writes the gradients into `grads.W_in` and `grads.W_out` in place. */
  backward(dout = 1): void {
    const width = this.#inLayers.length;
    const dh = this.#nsLoss.backward(dout).mul(1 / width);
    this.grads.W_in.assignInPlace(0);
    for (const layer of this.#inLayers) {
      layer.backward(dh);
      this.grads.W_in.addInPlace(layer.grads.W);
    }
  }
}
