import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import {
  TimeAffine,
  TimeEmbedding,
  TimeSoftmaxWithLoss,
} from "../time_layers/time_layers.ts";
import { TimeLSTM } from "../time_lstm/time_lstm.ts";
import { Attention } from "../attention/attention.ts";

/** The entries of the records under `prefix_name`, the tensors themselves. */
function named(records: Record<string, Params>): Params {
  return Object.fromEntries(
    Object.entries(records).flatMap(([prefix, record]) =>
      Object.entries(record).map(([name, t]) => [`${prefix}_${name}`, t])
    ),
  );
}

/**
 * An Attention at every step of the decoder (second book, 8.2.3): step t's
 * hidden state looks at all the encoder's.
 */
export class TimeAttention {
  /** The last forward's layers, one per decoder step. */
  #layers: Attention[] | undefined;

  /** The weights `[N, T_enc]` each step of the last forward used, for looking at. */
  get attentionWeights(): Tensor[] {
    return (this.#layers ?? []).map((layer) => layer.attentionWeight!);
  }

  /** The context vectors `[N, T, H]` for `hsEnc` `[N, T_enc, H]` and `hsDec` `[N, T, H]`. */
  forward(hsEnc: Tensor, hsDec: Tensor): Tensor {
    const [N, T, H] = hsDec.shape;
    const out = Tensor.zeros([N, T, H]);
    this.#layers = [];
    for (let t = 0; t < T; t++) {
      const layer = new Attention();
      out.setSliceInPlace(
        [null, t],
        layer.forward(hsEnc, hsDec.slice(null, t)),
      );
      this.#layers.push(layer);
    }
    return out;
  }

  /** The gradients of `hsEnc`, summed over the steps, and of `hsDec`, for `dout` `[N, T, H]`. */
  backward(dout: Tensor): { dhsEnc: Tensor; dhsDec: Tensor } {
    if (this.#layers === undefined) {
      throw new Error(
        "TimeAttention.backward was called before TimeAttention.forward",
      );
    }
    let dhsEnc: Tensor | undefined;
    const dhsDec = Tensor.zeros(dout.shape);
    this.#layers.forEach((layer, t) => {
      const { dhs, dh } = layer.backward(dout.slice(null, t));
      // Every step looked at all of hsEnc: their gradients add up.
      dhsEnc = dhsEnc === undefined ? dhs : dhsEnc.add(dhs);
      dhsDec.setSliceInPlace([null, t], dh);
    });
    return { dhsEnc: dhsEnc!, dhsDec };
  }
}

/**
 * The encoder of attention seq2seq (second book, 8.2.1): the Encoder of the
 * seq2seq kata, handing on every hidden state instead of the last.
 */
export class AttentionEncoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`. */
  readonly params: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads: Params;
  readonly #embed: TimeEmbedding;
  readonly #lstm: TimeLSTM;

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

  /** Every hidden state `[N, T, H]` after reading the ids `xs` (N rows of T). */
  forward(xs: readonly (readonly number[])[]): Tensor {
    return this.#lstm.forward(this.#embed.forward(xs));
  }

  /** Writes every gradient into `grads`, given `dhs` `[N, T, H]`. */
  backward(dhs: Tensor): void {
    this.#embed.backward(this.#lstm.backward(dhs));
  }
}

/**
 * The decoder of attention seq2seq (second book, 8.2.2): the LSTM starts from
 * the encoder's last hidden state, every step's context vector from
 * TimeAttention goes beside its hidden state into the affine layer.
 */
export class AttentionDecoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads: Params;
  /** The attention layer, whose weights can be looked at after a forward. */
  readonly attention: TimeAttention = new TimeAttention();
  readonly #embed: TimeEmbedding;
  readonly #lstm: TimeLSTM;
  readonly #affine: TimeAffine;
  readonly #H: number;

  /**
   * Draws `embed_W` `[V, D]` (standard deviation 0.01), `lstm_Wx` `[D, 4H]`
   * (1/√D), `lstm_Wh` `[H, 4H]` (1/√H) and `affine_W` `[2H, V]` (1/√(2H))
   * from `rng`, in that order; the biases are zeros.
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
    const affineW = Tensor.randn([2 * H, V], rng, 1 / Math.sqrt(2 * H));
    this.#H = H;
    this.#embed = new TimeEmbedding(embedW);
    this.#lstm = new TimeLSTM(lstmWx, lstmWh, Tensor.zeros([4 * H]), true);
    this.#affine = new TimeAffine(affineW, Tensor.zeros([V]));
    this.params = named({
      embed: this.#embed.params,
      lstm: this.#lstm.params,
      affine: this.#affine.params,
    });
    this.grads = named({
      embed: this.#embed.grads,
      lstm: this.#lstm.grads,
      affine: this.#affine.grads,
    });
  }

  /** The LSTM, the attention and the affine layer on `xs`, the LSTM's state as it is. */
  #steps(xs: readonly (readonly number[])[], encHs: Tensor): Tensor {
    const decHs = this.#lstm.forward(this.#embed.forward(xs));
    const c = this.attention.forward(encHs, decHs);
    const [N, T, H] = decHs.shape;
    const rec = Tensor.zeros([N, T, 2 * H])
      .setSliceInPlace([null, null, [0, H]], c)
      .setSliceInPlace([null, null, [H, null]], decHs);
    return this.#affine.forward(rec);
  }

  /** The scores `[N, T, V]` after each of `xs` (N rows of T ids), attending to `encHs` `[N, T_enc, H]`. */
  forward(xs: readonly (readonly number[])[], encHs: Tensor): Tensor {
    this.#lstm.setState(encHs.slice(null, -1));
    return this.#steps(xs, encHs);
  }

  /**
   * Writes every gradient into `grads`; returns the gradient of `encHs`: the
   * attention's, plus the LSTM's `dh` at the last step, whose state it was.
   */
  backward(dscore: Tensor): Tensor {
    const H = this.#H;
    const drec = this.#affine.backward(dscore);
    const { dhsEnc, dhsDec } = this.attention.backward(
      drec.slice(null, null, [0, H]),
    );
    const dout = this.#lstm.backward(
      drec.slice(null, null, [H, null]).add(dhsDec),
    );
    this.#embed.backward(dout);
    const T = dhsEnc.shape[1];
    return dhsEnc.clone().addSliceInPlace([null, T - 1], this.#lstm.dh!);
  }

  /**
   * `sampleSize` ids for each row of `encHs`: from `startId`, each step's most
   * likely id is the next step's input.
   */
  generate(encHs: Tensor, startId: number, sampleSize: number): number[][] {
    const N = encHs.shape[0];
    this.#lstm.setState(encHs.slice(null, -1));
    let ids = Array<number>(N).fill(startId);
    const sampled: number[][] = Array.from({ length: N }, () => []);
    for (let t = 0; t < sampleSize; t++) {
      const scores = this.#steps(ids.map((id) => [id]), encHs);
      ids = [...scores.reshape(N, -1).argmax(1).data];
      ids.forEach((id, n) => sampled[n].push(id));
    }
    return sampled;
  }
}

/**
 * Seq2seq with attention (second book, 8.2.3): an AttentionEncoder, an
 * AttentionDecoder and TimeSoftmaxWithLoss.
 */
export class AttentionSeq2seq {
  /** The encoder's parameters under `encoder_…`, the decoder's under `decoder_…`. */
  readonly params: Params;
  /** Their gradients under the same names: the layers' own tensors. */
  readonly grads: Params;
  /** The encoder, so that its parts can be looked at alone. */
  readonly encoder: AttentionEncoder;
  /** The decoder, so that its parts (and its attention) can be looked at alone. */
  readonly decoder: AttentionDecoder;
  readonly #loss = new TimeSoftmaxWithLoss();

  /** An AttentionEncoder, then an AttentionDecoder, both drawn from `rng` in that order. */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    this.encoder = new AttentionEncoder(
      vocabSize,
      wordvecSize,
      hiddenSize,
      rng,
    );
    this.decoder = new AttentionDecoder(
      vocabSize,
      wordvecSize,
      hiddenSize,
      rng,
    );
    this.params = named({
      encoder: this.encoder.params,
      decoder: this.decoder.params,
    });
    this.grads = named({
      encoder: this.encoder.grads,
      decoder: this.decoder.grads,
    });
  }

  /** The mean loss of predicting `ts` (answers starting with the start id) after reading `xs`. */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    const encHs = this.encoder.forward(xs);
    const score = this.decoder.forward(
      ts.map((row) => row.slice(0, -1)),
      encHs,
    );
    return this.#loss.forward(score, ts.map((row) => row.slice(1)));
  }

  /** Writes every gradient into `grads` in place, through the decoder and the encoder. */
  backward(dout = 1): void {
    this.encoder.backward(this.decoder.backward(this.#loss.backward(dout)));
  }

  /** The decoder's `sampleSize` ids per row of `xs`, attending to the encoder's reading of them. */
  generate(
    xs: readonly (readonly number[])[],
    startId: number,
    sampleSize: number,
  ): number[][] {
    return this.decoder.generate(this.encoder.forward(xs), startId, sampleSize);
  }
}
