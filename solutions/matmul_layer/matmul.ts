import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";

/** The MatMul layer `y = x·W` of the second book (1.3.4). */
export class MatMul {
  /** The parameters by name: `W`, the very tensor given to the constructor. */
  readonly params: Params;
  /** Their gradients by name: one tensor each, made once, overwritten by every backward. */
  readonly grads: Params;
  /** The last forward's input, for dW. */
  #x: Tensor | undefined;

  /** Keeps `W` by reference and a gradient of zeros in its shape. */
  constructor(W: Tensor) {
    this.params = { W };
    this.grads = { W: Tensor.zeros(W.shape) };
  }

  /** Returns `x·W`. */
  forward(x: Tensor): Tensor {
    this.#x = x;
    return x.matmul(this.params.W);
  }

  /** Writes dW into `grads.W` in place; returns dx. */
  backward(dout: Tensor): Tensor {
    if (this.#x === undefined) {
      throw new Error("MatMul.backward was called before MatMul.forward");
    }
    const dx = dout.matmul(this.params.W.T);
    const dW = this.#x.T.matmul(dout);
    // The book's grads[0][...] = dW: a network that gathered grads.W once
    // must see every new gradient in the tensor it already holds.
    this.grads.W.assignInPlace(dW);
    return dx;
  }
}
