import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import {
  TimeAffine,
  TimeEmbedding,
  TimeSoftmaxWithLoss,
} from "../time_layers/time_layers.ts";
import { TimeLSTM } from "../time_lstm/time_lstm.ts";
import { Encoder } from "../seq2seq/seq2seq.ts";

/** `[a, b]` along the last axis: `[N, T, A]` and `[N, T, B]` (or `[N, 1, A]`, repeated) to `[N, T, A + B]`. */
function concat(a: Tensor, b: Tensor): Tensor {
  const [N, T, B] = b.shape;
  const A = a.shape[2];
  return Tensor.zeros([N, T, A + B])
    .setSliceInPlace([null, null, [0, A]], a)
    .setSliceInPlace([null, null, [A, null]], b);
}

/**
 * The peeky decoder of the second book (7.4.2): the encoder's `h` goes not
 * only into the LSTM's first step but, beside the input, into every step of
 * the LSTM and of the affine layer.
 */
export class PeekyDecoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads: Params;
  readonly #embed: TimeEmbedding;
  readonly #lstm: TimeLSTM;
  readonly #affine: TimeAffine;
  /** The hidden size, where each concatenation splits. */
  readonly #H: number;

  /**
   * Draws `embed_W` `[V, D]` (standard deviation 0.01), `lstm_Wx`
   * `[H + D, 4H]` (1/√(H + D)), `lstm_Wh` `[H, 4H]` (1/√H) and `affine_W`
   * `[2H, V]` (1/√(2H)) from `rng`, in that order; the biases are zeros.
   */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    const [V, D, H] = [vocabSize, wordvecSize, hiddenSize];
    const embedW = Tensor.randn([V, D], rng, 0.01);
    const lstmWx = Tensor.randn([H + D, 4 * H], rng, 1 / Math.sqrt(H + D));
    const lstmWh = Tensor.randn([H, 4 * H], rng, 1 / Math.sqrt(H));
    const affineW = Tensor.randn([2 * H, V], rng, 1 / Math.sqrt(2 * H));
    this.#H = H;
    this.#embed = new TimeEmbedding(embedW);
    this.#lstm = new TimeLSTM(lstmWx, lstmWh, Tensor.zeros([4 * H]), true);
    this.#affine = new TimeAffine(affineW, Tensor.zeros([V]));
    const layers = {
      embed: this.#embed,
      lstm: this.#lstm,
      affine: this.#affine,
    };
    const named = (record: "params" | "grads") =>
      Object.fromEntries(
        Object.entries(layers).flatMap(([prefix, layer]) =>
          Object.entries(layer[record]).map(([k, t]) => [`${prefix}_${k}`, t])
        ),
      );
    this.params = named("params");
    this.grads = named("grads");
  }

  /** The three layers on `xs` from `h`, `h` beside every step's input of the LSTM and of the affine layer. */
  #steps(xs: readonly (readonly number[])[], h: Tensor): Tensor {
    const [N, H] = h.shape;
    const peek = h.reshape(N, 1, H);
    const out = this.#lstm.forward(concat(peek, this.#embed.forward(xs)));
    return this.#affine.forward(concat(peek, out));
  }

  /** The scores `[N, T, V]` of the next id after each of `xs` (N rows of T ids), from `h` `[N, H]`. */
  forward(xs: readonly (readonly number[])[], h: Tensor): Tensor {
    this.#lstm.setState(h);
    return this.#steps(xs, h);
  }

  /**
   * Writes every gradient into `grads`; returns the gradient of `h`, `[N, H]`:
   * the LSTM's first step's, plus what every step's peeks sent back.
   */
  backward(dscore: Tensor): Tensor {
    const H = this.#H;
    const dAffine = this.#affine.backward(dscore);
    const dLstm = this.#lstm.backward(dAffine.slice(null, null, [H, null]));
    this.#embed.backward(dLstm.slice(null, null, [H, null]));
    const dPeeks = dAffine.slice(null, null, [0, H])
      .add(dLstm.slice(null, null, [0, H]));
    return this.#lstm.dh!.add(dPeeks.sum(1));
  }

  /**
   * `sampleSize` ids for each row of `h` `[N, H]`: from `startId`, each step's
   * most likely id is the next step's input.
   */
  generate(h: Tensor, startId: number, sampleSize: number): number[][] {
    const N = h.shape[0];
    this.#lstm.setState(h);
    let ids = Array<number>(N).fill(startId);
    const sampled: number[][] = Array.from({ length: N }, () => []);
    for (let t = 0; t < sampleSize; t++) {
      const scores = this.#steps(ids.map((id) => [id]), h);
      ids = [...scores.reshape(N, -1).argmax(1).data];
      ids.forEach((id, n) => sampled[n].push(id));
    }
    return sampled;
  }
}

/**
 * Seq2seq with the peeky decoder (second book, 7.4.2): the Encoder of the
 * last kata, a PeekyDecoder and TimeSoftmaxWithLoss.
 */
export class PeekySeq2seq {
  /** The encoder's parameters under `encoder_…`, the decoder's under `decoder_…`. */
  readonly params: Params;
  /** Their gradients under the same names: the layers' own tensors. */
  readonly grads: Params;
  /** The encoder, so that its parts can be looked at alone. */
  readonly encoder: Encoder;
  /** The peeky decoder, so that its parts can be looked at alone. */
  readonly decoder: PeekyDecoder;
  readonly #loss = new TimeSoftmaxWithLoss();

  /** An Encoder, then a PeekyDecoder, both drawn from `rng` in that order. */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    this.encoder = new Encoder(vocabSize, wordvecSize, hiddenSize, rng);
    this.decoder = new PeekyDecoder(vocabSize, wordvecSize, hiddenSize, rng);
    const named = (record: "params" | "grads") =>
      Object.fromEntries([
        ...Object.entries(this.encoder[record]).map(([k, t]) => [
          `encoder_${k}`,
          t,
        ]),
        ...Object.entries(this.decoder[record]).map(([k, t]) => [
          `decoder_${k}`,
          t,
        ]),
      ]);
    this.params = named("params");
    this.grads = named("grads");
  }

  /** The mean loss of predicting `ts` (answers starting with the start id) after reading `xs`. */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    const h = this.encoder.forward(xs);
    const score = this.decoder.forward(ts.map((row) => row.slice(0, -1)), h);
    return this.#loss.forward(score, ts.map((row) => row.slice(1)));
  }

  /** Writes every gradient into `grads` in place, through the decoder and the encoder. */
  backward(dout = 1): void {
    this.encoder.backward(this.decoder.backward(this.#loss.backward(dout)));
  }

  /** The decoder's `sampleSize` ids per row of `xs`, from the encoder's reading of them. */
  generate(
    xs: readonly (readonly number[])[],
    startId: number,
    sampleSize: number,
  ): number[][] {
    return this.decoder.generate(this.encoder.forward(xs), startId, sampleSize);
  }
}
