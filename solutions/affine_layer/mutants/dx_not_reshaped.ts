// Mutant of affine.ts: dx is returned flat, shape [N, D], instead of in the
// shape of forward's input.
import type { Tensor } from "../../../lib/tensor.ts";

export class Affine {
  W: Tensor;
  b: Tensor;
  dW: Tensor | undefined;
  db: Tensor | undefined;
  #x: Tensor | undefined;

  constructor(W: Tensor, b: Tensor) {
    this.W = W;
    this.b = b;
  }

  forward(x: Tensor): Tensor {
    this.#x = x.reshape(x.shape[0], -1);
    return this.#x.matmul(this.W).add(this.b);
  }

  backward(dout: Tensor): Tensor {
    if (this.#x === undefined) {
      throw new Error("Affine.backward was called before Affine.forward");
    }
    this.dW = this.#x.T.matmul(dout);
    this.db = dout.sum(0);
    return dout.matmul(this.W.T);
  }
}
