// Mutant of relu.ts: the mask is x < 0 instead of x <= 0, so the gradient
// flows through an input of exactly 0.
import type { Tensor } from "../../../lib/tensor.ts";

export class Relu {
  #mask: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#mask = x.map((v) => (v < 0 ? 1 : 0));
    return x.zipWith(this.#mask, (v, masked) => (masked ? 0 : v));
  }

  backward(dout: Tensor): Tensor {
    if (this.#mask === undefined) {
      throw new Error("Relu.backward was called before Relu.forward");
    }
    return dout.zipWith(this.#mask, (g, masked) => (masked ? 0 : g));
  }
}
