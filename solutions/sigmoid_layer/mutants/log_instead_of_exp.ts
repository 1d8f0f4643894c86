// Mutant of sigmoid.ts: forward uses log where the formula has exp, 1 / (1 +
// log(-x)).
import type { Tensor } from "../../../lib/tensor.ts";

export class Sigmoid {
  #out: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#out = x.map((v) => 1 / (1 + Math.log(-v)));
    return this.#out;
  }

  backward(dout: Tensor): Tensor {
    if (this.#out === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    return dout.mul(this.#out.map((y) => y * (1 - y)));
  }
}
