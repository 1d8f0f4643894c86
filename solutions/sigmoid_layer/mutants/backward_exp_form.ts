// Mutant of sigmoid.ts: backward uses the book's intermediate form dout * y^2 *
// exp(-x), which is Infinity * 0 = NaN for large negative x.
import type { Tensor } from "../../../lib/tensor.ts";

export class Sigmoid {
  #out: Tensor | undefined;
  #x: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#x = x;
    this.#out = x.map((v) => 1 / (1 + Math.exp(-v)));
    return this.#out;
  }

  backward(dout: Tensor): Tensor {
    if (this.#out === undefined || this.#x === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    return dout.mul(this.#out.pow(2)).mul(this.#x.neg().exp());
  }
}
