// Mutant of relu.ts: forward multiplies x by the mask (x > 0), which is
// -Infinity * 0 = NaN for an input of -Infinity.
import type { Tensor } from "../../../lib/tensor.ts";

/** The ReLU layer (book 5.5.1). */
export class Relu {
  /** 1 where the last forward's input was <= 0, 0 elsewhere. */
  #mask: Tensor | undefined;

  /** Zeroes the elements of `x` that are <= 0; remembers where they were. */
  forward(x: Tensor): Tensor {
    this.#mask = x.le(0);
    return x.mul(x.gt(0));
  }

  /** Passes `dout` through where the last forward's input was > 0. */
  backward(dout: Tensor): Tensor {
    if (this.#mask === undefined) {
      throw new Error("Relu.backward was called before Relu.forward");
    }
    return dout.zipWith(this.#mask, (g, masked) => (masked ? 0 : g));
  }
}
