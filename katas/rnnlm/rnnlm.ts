// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * Scales every gradient by the same factor, in place, so that their global
 * L2 norm (over all of them together) is at most `maxNorm`: see README.md.
 */
export function clipGrads(grads: Params, maxNorm: number): void {
  notImplemented("rnnlm", "clipGrads");
}

/**
 * A language model of the second book (6.4): TimeEmbedding, a stateful
 * TimeLSTM, TimeAffine and TimeSoftmaxWithLoss. See README.md.
 */
export class Rnnlm {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params!: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads!: Params;

  /**
   * Draws `embed_W` (standard deviation 0.01), `lstm_Wx` (1/√D), `lstm_Wh`
   * and `affine_W` (1/√H) from `rng`, in that order; the biases are zeros.
   */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    notImplemented("rnnlm", "Rnnlm constructor");
  }

  /** The scores of the next word after each word of `xs` (N rows of T ids): `[N, T, V]`. */
  predict(xs: readonly (readonly number[])[]): Tensor {
    return notImplemented("rnnlm", "Rnnlm.predict");
  }

  /** The mean loss of predicting `ts` (N rows of T ids, -1 ignored) from `xs`. */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    return notImplemented("rnnlm", "Rnnlm.forward");
  }

  /** Writes every gradient into `grads` in place, through the four layers in reverse. */
  backward(dout = 1): void {
    notImplemented("rnnlm", "Rnnlm.backward");
  }

  /** Forgets the LSTM's state: the next forward starts a new text. */
  resetState(): void {
    notImplemented("rnnlm", "Rnnlm.resetState");
  }
}
