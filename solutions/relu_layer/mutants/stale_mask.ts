// Mutant of relu.ts: the mask is computed by the first forward only, so
// backward after a second forward uses a stale mask.
import type { Tensor } from "../../../lib/tensor.ts";

export class Relu {
  #mask: Tensor | undefined;

  forward(x: Tensor): Tensor {
    this.#mask ??= x.le(0);
    return x.map((v) => (v > 0 ? v : 0));
  }

  backward(dout: Tensor): Tensor {
    if (this.#mask === undefined) {
      throw new Error("Relu.backward was called before Relu.forward");
    }
    return dout.zipWith(this.#mask, (g, masked) => (masked ? 0 : g));
  }
}
