// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import type { Encoder } from "../seq2seq/seq2seq.ts";

/**
 * The peeky decoder of the second book (7.4.2): the encoder's `h` beside
 * every step's input of the LSTM and of the affine layer. See README.md
 * beside this file.
 */
export class PeekyDecoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params!: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads!: Params;

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
    notImplemented("peeky_seq2seq", "PeekyDecoder constructor");
  }

  /** The scores `[N, T, V]` of the next id after each of `xs` (N rows of T ids), from `h` `[N, H]`. */
  forward(xs: readonly (readonly number[])[], h: Tensor): Tensor {
    return notImplemented("peeky_seq2seq", "PeekyDecoder.forward");
  }

  /** Writes every gradient into `grads`; returns the gradient of `h`, `[N, H]`. */
  backward(dscore: Tensor): Tensor {
    return notImplemented("peeky_seq2seq", "PeekyDecoder.backward");
  }

  /**
   * `sampleSize` ids for each row of `h` `[N, H]`: from `startId`, each step's
   * most likely id is the next step's input.
   */
  generate(h: Tensor, startId: number, sampleSize: number): number[][] {
    return notImplemented("peeky_seq2seq", "PeekyDecoder.generate");
  }
}

/**
 * Seq2seq with the peeky decoder (second book, 7.4.2): your Encoder, a
 * PeekyDecoder and TimeSoftmaxWithLoss. See README.md.
 */
export class PeekySeq2seq {
  /** The encoder's parameters under `encoder_…`, the decoder's under `decoder_…`. */
  readonly params!: Params;
  /** Their gradients under the same names: the layers' own tensors. */
  readonly grads!: Params;
  /** The encoder, so that its parts can be looked at alone. */
  readonly encoder!: Encoder;
  /** The peeky decoder, so that its parts can be looked at alone. */
  readonly decoder!: PeekyDecoder;

  /** An Encoder, then a PeekyDecoder, both drawn from `rng` in that order. */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    notImplemented("peeky_seq2seq", "PeekySeq2seq constructor");
  }

  /** The mean loss of predicting `ts` (answers starting with the start id) after reading `xs`. */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    return notImplemented("peeky_seq2seq", "PeekySeq2seq.forward");
  }

  /** Writes every gradient into `grads` in place, through the decoder and the encoder. */
  backward(dout = 1): void {
    notImplemented("peeky_seq2seq", "PeekySeq2seq.backward");
  }

  /** The decoder's `sampleSize` ids per row of `xs`, from the encoder's reading of them. */
  generate(
    xs: readonly (readonly number[])[],
    startId: number,
    sampleSize: number,
  ): number[][] {
    return notImplemented("peeky_seq2seq", "PeekySeq2seq.generate");
  }
}
