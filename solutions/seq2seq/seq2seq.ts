import { shapeToString, Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import {
  TimeAffine,
  TimeEmbedding,
  TimeSoftmaxWithLoss,
} from "../time_layers/time_layers.ts";
import { TimeLSTM } from "../time_lstm/time_lstm.ts";

/** The entries of the layers' records under `prefix_name`, the tensors themselves. */
function named(layers: Record<string, Params>): Params {
  return Object.fromEntries(
    Object.entries(layers).flatMap(([prefix, record]) =>
      Object.entries(record).map(([name, t]) => [`${prefix}_${name}`, t])
    ),
  );
}

/**
 * The encoder of the second book (7.2.1): TimeEmbedding and a TimeLSTM that
 * starts every forward from zeros; the last hidden state is its output.
 */
export class Encoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`. */
  readonly params: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads: Params;
  readonly #embed: TimeEmbedding;
  readonly #lstm: TimeLSTM;
  /** The shape of the last forward's hidden states, `[N, T, H]`. */
  #hsShape: readonly number[] | undefined;

  /**
   * Draws `embed_W` (standard deviation 0.01), `lstm_Wx` (1/√D) and `lstm_Wh`
   * (1/√H) from `rng`, in that order; the bias is zeros.
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
    this.#embed = new TimeEmbedding(embedW);
    this.#lstm = new TimeLSTM(lstmWx, lstmWh, Tensor.zeros([4 * H]), false);
    this.params = named({ embed: this.#embed.params, lstm: this.#lstm.params });
    this.grads = named({ embed: this.#embed.grads, lstm: this.#lstm.grads });
  }

  /** The last hidden state `[N, H]` after reading the ids `xs` (N rows of T). */
  forward(xs: readonly (readonly number[])[]): Tensor {
    const hs = this.#lstm.forward(this.#embed.forward(xs));
    this.#hsShape = hs.shape;
    return hs.slice(null, -1);
  }

  /** Writes every gradient into `grads`, given `dh` `[N, H]`, the gradient of the output. */
  backward(dh: Tensor): void {
    if (this.#hsShape === undefined) {
      throw new Error("Encoder.backward was called before Encoder.forward");
    }
    const [N, T, H] = this.#hsShape;
    if (shapeToString(dh.shape) !== shapeToString([N, H])) {
      throw new Error(
        `Encoder.backward: dh has shape ${
          shapeToString(dh.shape)
        }, but the output was ${shapeToString([N, H])}`,
      );
    }
    // Only the last step's hidden state left the encoder.
    const dhs = Tensor.zeros([N, T, H]).setSliceInPlace([null, T - 1], dh);
    this.#embed.backward(this.#lstm.backward(dhs));
  }
}

/**
 * The decoder of the second book (7.2.2): TimeEmbedding, a TimeLSTM that
 * starts from the encoder's `h`, and TimeAffine to a score per character.
 */
export class Decoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads: Params;
  readonly #embed: TimeEmbedding;
  readonly #lstm: TimeLSTM;
  readonly #affine: TimeAffine;

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
    // Stateful, so that setState gives the first step the encoder's h and
    // generate can feed the steps one at a time.
    this.#lstm = new TimeLSTM(lstmWx, lstmWh, Tensor.zeros([4 * H]), true);
    this.#affine = new TimeAffine(affineW, Tensor.zeros([V]));
    const layers = {
      embed: this.#embed,
      lstm: this.#lstm,
      affine: this.#affine,
    };
    this.params = named(
      Object.fromEntries(Object.entries(layers).map(([k, l]) => [k, l.params])),
    );
    this.grads = named(
      Object.fromEntries(Object.entries(layers).map(([k, l]) => [k, l.grads])),
    );
  }

  /** The scores `[N, T, V]` of the next character after each of `xs` (N rows of T ids), from `h` `[N, H]`. */
  forward(xs: readonly (readonly number[])[], h: Tensor): Tensor {
    this.#lstm.setState(h);
    return this.#affine.forward(this.#lstm.forward(this.#embed.forward(xs)));
  }

  /** Writes every gradient into `grads`; returns the gradient of `h`, `[N, H]`. */
  backward(dscore: Tensor): Tensor {
    const dhs = this.#lstm.backward(this.#affine.backward(dscore));
    this.#embed.backward(dhs);
    return this.#lstm.dh!;
  }

  /**
   * `sampleSize` ids for each row of `h` `[N, H]`: from `startId`, each step's
   * most likely character is the next step's input.
   */
  generate(h: Tensor, startId: number, sampleSize: number): number[][] {
    const N = h.shape[0];
    this.#lstm.setState(h);
    let ids = Array<number>(N).fill(startId);
    const sampled: number[][] = Array.from({ length: N }, () => []);
    for (let t = 0; t < sampleSize; t++) {
      const scores = this.#affine.forward(
        this.#lstm.forward(this.#embed.forward(ids.map((id) => [id]))),
      );
      ids = [...scores.reshape(N, -1).argmax(1).data];
      ids.forEach((id, n) => sampled[n].push(id));
    }
    return sampled;
  }
}

/**
 * The seq2seq model of the second book (7.3.3): an Encoder, a Decoder and
 * TimeSoftmaxWithLoss, trained by teacher forcing.
 */
export class Seq2seq {
  /** The encoder's parameters under `encoder_…`, the decoder's under `decoder_…`. */
  readonly params: Params;
  /** Their gradients under the same names: the layers' own tensors. */
  readonly grads: Params;
  /** The encoder, so that its parts can be looked at alone. */
  readonly encoder: Encoder;
  /** The decoder, so that its parts can be looked at alone. */
  readonly decoder: Decoder;
  readonly #loss = new TimeSoftmaxWithLoss();

  /** An Encoder, then a Decoder, both drawn from `rng` in that order. */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    this.encoder = new Encoder(vocabSize, wordvecSize, hiddenSize, rng);
    this.decoder = new Decoder(vocabSize, wordvecSize, hiddenSize, rng);
    this.params = named({
      encoder: this.encoder.params,
      decoder: this.decoder.params,
    });
    this.grads = named({
      encoder: this.encoder.grads,
      decoder: this.decoder.grads,
    });
  }

  /**
   * The mean loss of the decoder's prediction of `ts` (N rows of answers,
   * each starting with the start id) after reading `xs`: the decoder reads
   * `ts` without its last id and predicts `ts` without its first.
   */
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
    const dh = this.decoder.backward(this.#loss.backward(dout));
    this.encoder.backward(dh);
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
