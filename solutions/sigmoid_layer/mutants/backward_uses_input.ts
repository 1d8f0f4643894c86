// Mutant of sigmoid.ts: backward computes dout * x * (1 - x) from the input x
// instead of the output y.
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
    if (this.#x === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    return dout.mul(this.#x.map((v) => v * (1 - v)));
  }
}
