// Mutant of affine.ts: the constructor keeps copies of W and b, so an
// optimizer's in-place update of them is never seen.
import type { Tensor } from "../../../lib/tensor.ts";

export class Affine {
  W: Tensor;
  b: Tensor;
  dW: Tensor | undefined;
  db: Tensor | undefined;
  #x: Tensor | undefined;
  #xShape: readonly number[] | undefined;

  constructor(W: Tensor, b: Tensor) {
    this.W = W.clone();
    this.b = b.clone();
  }

  forward(x: Tensor): Tensor {
    this.#xShape = x.shape;
    this.#x = x.reshape(x.shape[0], -1);
    return this.#x.matmul(this.W).add(this.b);
  }

  backward(dout: Tensor): Tensor {
    if (this.#x === undefined || this.#xShape === undefined) {
      throw new Error("Affine.backward was called before Affine.forward");
    }
    const dx = dout.matmul(this.W.T);
    this.dW = this.#x.T.matmul(dout);
    this.db = dout.sum(0);
    return dx.reshape(...this.#xShape);
  }
}
