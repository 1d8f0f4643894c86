// Mutant of relu.ts: backward zeroes the masked gradients inside the caller's
// dout (as the book's Python does) and returns a copy.
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
    for (let i = 0; i < dout.size; i++) {
      if (this.#mask.data[i]) dout.data[i] = 0;
    }
    return dout.clone();
  }
}
