// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Embedding-dot layer (second book, 4.2.4): see README.md beside this file. */
export class EmbeddingDot {
  /** The parameters by name: `W`, the very tensor given. */
  readonly params!: Params;
  /** Their gradients by name: `W`, written in place by every backward. */
  readonly grads!: Params;

  /** Looks the rows up with your Embedding of `W`, sharing its params and grads. */
  constructor(W: Tensor) {
    notImplemented("embedding_dot", "EmbeddingDot constructor");
  }

  /** Returns `out[i] = h[i] · W[idx[i]]`, shape `[N]`. */
  forward(h: Tensor, idx: readonly number[]): Tensor {
    return notImplemented("embedding_dot", "EmbeddingDot.forward");
  }

  /** Writes dW into `grads.W`; returns dh. */
  backward(dout: Tensor): Tensor {
    return notImplemented("embedding_dot", "EmbeddingDot.backward");
  }
}
