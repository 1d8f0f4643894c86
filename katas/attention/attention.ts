// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * The weighted sum of the encoder's hidden states (second book, 8.1.2): see
 * README.md beside this file.
 */
export class WeightSum {
  /** `c` `[N, H]` for `hs` `[N, T, H]` and the weights `a` `[N, T]`. */
  forward(hs: Tensor, a: Tensor): Tensor {
    return notImplemented("attention", "WeightSum.forward");
  }

  /** The gradients of `hs` `[N, T, H]` and of `a` `[N, T]` for `dc` `[N, H]`. */
  backward(dc: Tensor): { dhs: Tensor; da: Tensor } {
    return notImplemented("attention", "WeightSum.backward");
  }
}

/**
 * The attention weights (second book, 8.1.4): softmax over the steps of each
 * hidden state's dot product with `h`. See README.md.
 */
export class AttentionWeight {
  /** `a` `[N, T]`, each row summing to 1, for `hs` `[N, T, H]` and `h` `[N, H]`. */
  forward(hs: Tensor, h: Tensor): Tensor {
    return notImplemented("attention", "AttentionWeight.forward");
  }

  /** The gradients of `hs` `[N, T, H]` and of `h` `[N, H]` for `da` `[N, T]`. */
  backward(da: Tensor): { dhs: Tensor; dh: Tensor } {
    return notImplemented("attention", "AttentionWeight.backward");
  }
}

/**
 * The attention layer (second book, 8.1.5): AttentionWeight, then WeightSum.
 * See README.md.
 */
export class Attention {
  /** The weights `[N, T]` of the last forward, for looking at. */
  get attentionWeight(): Tensor | undefined {
    return notImplemented("attention", "Attention.attentionWeight");
  }

  /** The context vector `[N, H]` for `hs` `[N, T, H]` and `h` `[N, H]`. */
  forward(hs: Tensor, h: Tensor): Tensor {
    return notImplemented("attention", "Attention.forward");
  }

  /** The gradients of `hs` (by both roads) and of `h` for `dc` `[N, H]`. */
  backward(dc: Tensor): { dhs: Tensor; dh: Tensor } {
    return notImplemented("attention", "Attention.backward");
  }
}
