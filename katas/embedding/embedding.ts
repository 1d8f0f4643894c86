// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Embedding layer (second book, 4.1): see README.md beside this file. */
export class Embedding {
  /** The parameters by name: `W`, one row per word, the very tensor given. */
  readonly params!: Params;
  /** Their gradients by name: made once, overwritten by every backward. */
  readonly grads!: Params;

  /** Keeps `W` by reference and a gradient of zeros in its shape. */
  constructor(W: Tensor) {
    notImplemented("embedding", "Embedding constructor");
  }

  /** Returns row `idx[i]` of W as row `i`: shape `[idx.length, D]`. */
  forward(idx: readonly number[]): Tensor {
    return notImplemented("embedding", "Embedding.forward");
  }

  /** Writes dW into `grads.W` in place: row `i` of dout added into row `idx[i]`. */
  backward(dout: Tensor): void {
    notImplemented("embedding", "Embedding.backward");
  }
}
