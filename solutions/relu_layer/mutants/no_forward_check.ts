// Mutant of relu.ts: backward before forward is not detected, so it fails
// with an obscure TypeError from deep inside the tensor code.
import type { Tensor } from "../../../lib/tensor.ts";

export class Relu {
  #mask: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#mask = x.le(0);
    return x.zipWith(this.#mask, (v, masked) => (masked ? 0 : v));
  }

  backward(dout: Tensor): Tensor {
    return dout.zipWith(this.#mask!, (g, masked) => (masked ? 0 : g));
  }
}
