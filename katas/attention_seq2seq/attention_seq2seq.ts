// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * An Attention at every step of the decoder (second book, 8.2.3). See
 * README.md beside this file.
 */
export class TimeAttention {
  /** The weights `[N, T_enc]` each step of the last forward used, for looking at. */
  get attentionWeights(): Tensor[] {
    return notImplemented(
      "attention_seq2seq",
      "TimeAttention.attentionWeights",
    );
  }

  /** The context vectors `[N, T, H]` for `hsEnc` `[N, T_enc, H]` and `hsDec` `[N, T, H]`. */
  forward(hsEnc: Tensor, hsDec: Tensor): Tensor {
    return notImplemented("attention_seq2seq", "TimeAttention.forward");
  }

  /** The gradients of `hsEnc`, summed over the steps, and of `hsDec`, for `dout` `[N, T, H]`. */
  backward(dout: Tensor): { dhsEnc: Tensor; dhsDec: Tensor } {
    return notImplemented("attention_seq2seq", "TimeAttention.backward");
  }
}

/**
 * The encoder of attention seq2seq (second book, 8.2.1): it hands on every
 * hidden state. See README.md.
 */
export class AttentionEncoder {
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
    notImplemented("attention_seq2seq", "AttentionEncoder constructor");
  }

  /** Every hidden state `[N, T, H]` after reading the ids `xs` (N rows of T). */
  forward(xs: readonly (readonly number[])[]): Tensor {
    return notImplemented("attention_seq2seq", "AttentionEncoder.forward");
  }

  /** Writes every gradient into `grads`, given `dhs` `[N, T, H]`. */
  backward(dhs: Tensor): void {
    notImplemented("attention_seq2seq", "AttentionEncoder.backward");
  }
}

/**
 * The decoder of attention seq2seq (second book, 8.2.2): TimeEmbedding, a
 * TimeLSTM from the encoder's last state, TimeAttention and TimeAffine on
 * `[context, hidden state]`. See README.md.
 */
export class AttentionDecoder {
  /** The parameters by name: `embed_W`, `lstm_Wx`, `lstm_Wh`, `lstm_b`, `affine_W`, `affine_b`. */
  readonly params!: Params;
  /** Their gradients by name: the layers' own tensors, written in place by backward. */
  readonly grads!: Params;
  /** The attention layer, whose weights can be looked at after a forward. */
  readonly attention!: TimeAttention;

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
    notImplemented("attention_seq2seq", "AttentionDecoder constructor");
  }

  /** The scores `[N, T, V]` after each of `xs` (N rows of T ids), attending to `encHs` `[N, T_enc, H]`. */
  forward(xs: readonly (readonly number[])[], encHs: Tensor): Tensor {
    return notImplemented("attention_seq2seq", "AttentionDecoder.forward");
  }

  /** Writes every gradient into `grads`; returns the gradient of `encHs`. */
  backward(dscore: Tensor): Tensor {
    return notImplemented("attention_seq2seq", "AttentionDecoder.backward");
  }

  /**
   * `sampleSize` ids for each row of `encHs`: from `startId`, each step's most
   * likely id is the next step's input.
   */
  generate(encHs: Tensor, startId: number, sampleSize: number): number[][] {
    return notImplemented("attention_seq2seq", "AttentionDecoder.generate");
  }
}

/**
 * Seq2seq with attention (second book, 8.2.3): an AttentionEncoder, an
 * AttentionDecoder and TimeSoftmaxWithLoss. See README.md.
 */
export class AttentionSeq2seq {
  /** The encoder's parameters under `encoder_…`, the decoder's under `decoder_…`. */
  readonly params!: Params;
  /** Their gradients under the same names: the layers' own tensors. */
  readonly grads!: Params;
  /** The encoder, so that its parts can be looked at alone. */
  readonly encoder!: AttentionEncoder;
  /** The decoder, so that its parts (and its attention) can be looked at alone. */
  readonly decoder!: AttentionDecoder;

  /** An AttentionEncoder, then an AttentionDecoder, both drawn from `rng` in that order. */
  constructor(
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) {
    notImplemented("attention_seq2seq", "AttentionSeq2seq constructor");
  }

  /** The mean loss of predicting `ts` (answers starting with the start id) after reading `xs`. */
  forward(
    xs: readonly (readonly number[])[],
    ts: readonly (readonly number[])[],
  ): number {
    return notImplemented("attention_seq2seq", "AttentionSeq2seq.forward");
  }

  /** Writes every gradient into `grads` in place, through the decoder and the encoder. */
  backward(dout = 1): void {
    notImplemented("attention_seq2seq", "AttentionSeq2seq.backward");
  }

  /** The decoder's `sampleSize` ids per row of `xs`, attending to the encoder's reading of them. */
  generate(
    xs: readonly (readonly number[])[],
    startId: number,
    sampleSize: number,
  ): number[][] {
    return notImplemented("attention_seq2seq", "AttentionSeq2seq.generate");
  }
}
