import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import {
  TimeAffine,
  TimeEmbedding,
  TimeSoftmaxWithLoss,
} from "../time_layers/time_layers.ts";
import { TimeLSTM } from "../time_lstm/time_lstm.ts";

/**
 * Scales every gradient by the same factor, in place, so that their global
 * L2 norm (over all of them together) is at most `maxNorm` (second book,
 * 6.1.4).
 */
export function clipGrads(grads: Params, maxNorm: number): void {
  let squares = 0;
  for (const g of Object.values(grads)) squares += g.pow(2).sum();
  const norm = Math.sqrt(squares);
  if (norm > maxNorm) {
    for (const g of Object.values(grads)) g.mulInPlace(maxNorm / norm);
  }
}

/**
 * A language model of the second book (6.4): TimeEmbedding, a stateful
 * TimeLSTM, TimeAffine and TimeSoftmaxWithLoss.
 */
export class Rnnlm {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads: Params;
  readonly #embed: TimeEmbedding;
  readonly #lstm: TimeLSTM;
  readonly #affine: TimeAffine;
  readonly #loss = new TimeSoftmaxWithLoss();

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
    const [V, D, H] = [vocabSize, wordvecSize, hiddenSize];
    const embedW = Tensor.randn([V, D], rng, 0.01);
    const lstmWx = Tensor.randn([D, 4 * H], rng, 1 / Math.sqrt(D));
    const lstmWh = Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H));
    const affineW = Tensor.randn([H, V], rng, 1 / Math.sqrt(H));
    this.#embed = new TimeEmbedding(embedW);
    this.#lstm = new TimeLSTM(lstmWx, lstmWh, Tensor.zeros([4 * H]), true);
    this.#affine = new TimeAffine(affineW, Tensor.zeros([V]));
    const named = (prefix: string, record: Params) =>
      Object.entries(record).map(([name, t]) => [`${prefix}_${name}`, t]);
    this.params = Object.fromEntries([
      ...named("embed", this.#embed.params),
      ...named("lstm", this.#lstm.params),
      ...named("affine", this.#affine.params),
    ]);
    this.grads = Object.fromEntries([
      ...named("embed", this.#embed.grads),
      ...named("lstm", this.#lstm.grads),
      ...named("affine", this.#affine.grads),
    ]);
  }

  /** The scores of the next word after each word of `xs` (N rows of T ids): `[N, T, V]`. */
  predict(xs: readonly (readonly number[])[]): Tensor {
    const vectors = this.#embed.forward(xs);
    return this.#affine.forward(this.#lstm.forward(vectors));
  }

  /** The mean loss of predicting `ts` (N rows of T ids, -1 ignored) from `xs`. */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    return this.#loss.forward(this.predict(xs), ts);
  }

  /** Writes every gradient into `grads` in place, through the four layers in reverse. */
  backward(dout = 1): void {
    const dscores = this.#loss.backward(dout);
    const dhs = this.#affine.backward(dscores);
    this.#embed.backward(this.#lstm.backward(dhs));
  }

  /** Forgets the LSTM's state: the next forward starts a new text. */
  resetState(): void {
    this.#lstm.resetState();
  }
}
