// Mutant of sigmoid.ts: forward remembers its output only the first time, so
// backward after a second forward uses a stale output.
import type { Tensor } from "../../../lib/tensor.ts";

export class Sigmoid {
  #out: Tensor | undefined;

  forward(x: Tensor): Tensor {
    const out = x.map((v) => 1 / (1 + Math.exp(-v)));
    this.#out ??= out;
    return out;
  }

  backward(dout: Tensor): Tensor {
    if (this.#out === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    return dout.mul(this.#out.map((y) => y * (1 - y)));
  }
}
