// Mutant of relu.ts: a shortcut in backward returns the caller's dout object
// itself when nothing was masked.
import type { Tensor } from "../../../lib/tensor.ts";

export class Relu {
  #mask: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#mask = x.le(0);
    return x.zipWith(this.#mask, (v, masked) => (masked ? 0 : v));
  }

  backward(dout: Tensor): Tensor {
    if (this.#mask === undefined) {
      throw new Error("Relu.backward was called before Relu.forward");
    }
    if (this.#mask.sum() === 0) return dout;
    return dout.zipWith(this.#mask, (g, masked) => (masked ? 0 : g));
  }
}
