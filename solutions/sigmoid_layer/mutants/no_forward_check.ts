// Mutant of sigmoid.ts: backward before forward is not detected, so it fails
// with an obscure TypeError from inside the tensor code.
import type { Tensor } from "../../../lib/tensor.ts";

export class Sigmoid {
  #out: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#out = x.map((v) => 1 / (1 + Math.exp(-v)));
    return this.#out;
  }

  backward(dout: Tensor): Tensor {
    return dout.mul(this.#out!.map((y) => y * (1 - y)));
  }
}
