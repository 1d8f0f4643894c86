import { shapeToString, type Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { Embedding } from "../embedding/embedding.ts";

/** The dot product of each `h` row with the row of W its id names (second book, 4.2.4). */
export class EmbeddingDot {
  /** The parameters by name: `W`, the very tensor given. */
  readonly params: Params;
  /** Their gradients by name: `W`, written in place by every backward. */
  readonly grads: Params;
  readonly #embed: Embedding;
  /** The last forward's `h` and the rows of W it was multiplied with. */
  #cache: { h: Tensor; targetW: Tensor } | undefined;

  /** Looks the rows up with an Embedding of `W`, sharing its params and grads. */
  constructor(W: Tensor) {
    this.#embed = new Embedding(W);
    this.params = this.#embed.params;
    this.grads = this.#embed.grads;
  }

  /** Returns `out[i] = h[i] · W[idx[i]]`, shape `[N]`. */
  forward(h: Tensor, idx: readonly number[]): Tensor {
    const targetW = this.#embed.forward(idx);
    // Broadcasting would quietly pair a single row of h with every id.
    if (shapeToString(h.shape) !== shapeToString(targetW.shape)) {
      throw new Error(
        `EmbeddingDot.forward: h has shape ${
          shapeToString(h.shape)
        }, but ${idx.length} ids need ${
          shapeToString(targetW.shape)
        }, one row of W's width per id`,
      );
    }
    this.#cache = { h, targetW };
    return targetW.mul(h).sum(1) as Tensor;
  }

  /** Writes dW into `grads.W`; returns dh. */
  backward(dout: Tensor): Tensor {
    if (this.#cache === undefined) {
      throw new Error(
        "EmbeddingDot.backward was called before EmbeddingDot.forward",
      );
    }
    const { h, targetW } = this.#cache;
    const n = h.shape[0];
    // One number per row, spread along the row: out[i] = Σ_j targetW[i][j] h[i][j].
    // n, not -1: a dout of another size is refused instead of broadcast.
    const column = dout.reshape(n, 1);
    this.#embed.backward(column.mul(h));
    return column.mul(targetW);
  }
}
