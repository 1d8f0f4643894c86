// Mutant of sigmoid.ts: forward computes exp(x) / (1 + exp(x)), equal on paper
// but Infinity / Infinity = NaN for large x.
import type { Tensor } from "../../../lib/tensor.ts";

export class Sigmoid {
  #out: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#out = x.map((v) => Math.exp(v) / (1 + Math.exp(v)));
    return this.#out;
  }

  backward(dout: Tensor): Tensor {
    if (this.#out === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    return dout.mul(this.#out.map((y) => y * (1 - y)));
  }
}
