import type { Tensor } from "../../lib/tensor.ts";

/** The Affine layer `y = x·W + b` (book 5.6). */
export class Affine {
  /** The weights, shape `[D, M]`: the very tensor given to the constructor. */
  W: Tensor;
  /** The bias, shape `[M]`: the very tensor given to the constructor. */
  b: Tensor;
  /** ∂L/∂W from the last backward (shape of `W`); undefined before it. */
  dW: Tensor | undefined;
  /** ∂L/∂b from the last backward (shape of `b`); undefined before it. */
  db: Tensor | undefined;
  /** The last forward's input, flattened to `[N, D]`. */
  #x: Tensor | undefined;
  /** The shape of the last forward's input, for dx. */
  #xShape: readonly number[] | undefined;

  /** Keeps `W` and `b` by reference, so in-place updates are seen. */
  constructor(W: Tensor, b: Tensor) {
    // No copies: an optimizer updates these very tensors in place.
    this.W = W;
    this.b = b;
  }

  /** Returns `x·W + b`, each sample of `x` flattened to a row of D values. */
  forward(x: Tensor): Tensor {
    // An image batch [N, C, H, W] becomes [N, C*H*W]; [N, D] stays as it is.
    this.#x = x.reshape(x.shape[0], -1);
    this.#xShape = x.shape;
    return this.#x.matmul(this.W).add(this.b);
  }

  /** Sets `dW` and `db`; returns `dx` in the shape of forward's `x`. */
  backward(dout: Tensor): Tensor {
    if (this.#x === undefined || this.#xShape === undefined) {
      throw new Error("Affine.backward was called before Affine.forward");
    }
    const dx = dout.matmul(this.W.T);
    this.dW = this.#x.T.matmul(dout);
    // b was broadcast to every row of the batch, so its gradient sums them.
    this.db = dout.sum(0);
    return dx.reshape(...this.#xShape);
  }
}
