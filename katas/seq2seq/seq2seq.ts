// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * The encoder of the second book (7.2.1): TimeEmbedding and a TimeLSTM that
 * starts every forward from zeros. See README.md beside this file.
 */
export class Encoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`. */
  readonly params!: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads!: Params;

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
    notImplemented("seq2seq", "Encoder constructor");
  }

  /** The last hidden state `[N, H]` after reading the ids `xs` (N rows of T). */
  forward(xs: readonly (readonly number[])[]): Tensor {
    return notImplemented("seq2seq", "Encoder.forward");
  }

  /** Writes every gradient into `grads`, given `dh` `[N, H]`, the gradient of the output. */
  backward(dh: Tensor): void {
    notImplemented("seq2seq", "Encoder.backward");
  }
}

/**
 * The decoder of the second book (7.2.2): TimeEmbedding, a TimeLSTM that
 * starts from the encoder's `h`, and TimeAffine. See README.md.
 */
export class Decoder {
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
    notImplemented("seq2seq", "Decoder constructor");
  }

  /** The scores `[N, T, V]` of the next id after each of `xs` (N rows of T ids), from `h` `[N, H]`. */
  forward(xs: readonly (readonly number[])[], h: Tensor): Tensor {
    return notImplemented("seq2seq", "Decoder.forward");
  }

  /** Writes every gradient into `grads`; returns the gradient of `h`, `[N, H]`. */
  backward(dscore: Tensor): Tensor {
    return notImplemented("seq2seq", "Decoder.backward");
  }

  /**
   * `sampleSize` ids for each row of `h` `[N, H]`: from `startId`, each step's
   * most likely id is the next step's input.
   */
  generate(h: Tensor, startId: number, sampleSize: number): number[][] {
    return notImplemented("seq2seq", "Decoder.generate");
  }
}

/**
 * The seq2seq model of the second book (7.3.3): an Encoder, a Decoder and
 * TimeSoftmaxWithLoss, trained by teacher forcing. See README.md.
 */
export class Seq2seq {
  /** The encoder's parameters under `encoder_…`, the decoder's under `decoder_…`. */
  readonly params!: Params;
  /** Their gradients under the same names: the layers' own tensors. */
  readonly grads!: Params;
  /** The encoder, so that its parts can be looked at alone. */
  readonly encoder!: Encoder;
  /** The decoder, so that its parts can be looked at alone. */
  readonly decoder!: Decoder;

  /** An Encoder, then a Decoder, both drawn from `rng` in that order. */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    notImplemented("seq2seq", "Seq2seq constructor");
  }

  /**
   * The mean loss of predicting the answers `ts` (N rows, each starting with
   * the start id) after reading the questions `xs`.
   */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    return notImplemented("seq2seq", "Seq2seq.forward");
  }

  /** Writes every gradient into `grads` in place, through the decoder and the encoder. */
  backward(dout = 1): void {
    notImplemented("seq2seq", "Seq2seq.backward");
  }

  /** The decoder's `sampleSize` ids per row of `xs`, from the encoder's reading of them. */
  generate(
    xs: readonly (readonly number[])[],
    startId: number,
    sampleSize: number,
  ): number[][] {
    return notImplemented("seq2seq", "Seq2seq.generate");
  }
}
