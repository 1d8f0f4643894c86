// Mutant of sigmoid.ts: backward multiplies dout in place (numpy's dout *= ...)
// and returns it.
import type { Tensor } from "../../../lib/tensor.ts";

export class Sigmoid {
  #out: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#out = x.map((v) => 1 / (1 + Math.exp(-v)));
    return this.#out;
  }

  backward(dout: Tensor): Tensor {
    if (this.#out === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    return dout.mulInPlace(this.#out.map((y) => y * (1 - y)));
  }
}
