// Mutant of sigmoid.ts: backward turns the remembered output y into
// y(1 - y) in place, which changes the y that forward returned and makes a
// second backward square the factor again.
import type { Tensor } from "../../../lib/tensor.ts";

/** The sigmoid layer (book 5.5.2). */
export class Sigmoid {
  /** The last forward's output: the derivative is written in terms of it. */
  #out: Tensor | undefined;

  /** Returns `1 / (1 + exp(-x))` elementwise; remembers the output. */
  forward(x: Tensor): Tensor {
    // For x = -1000, exp(1000) is Infinity and 1 / Infinity is 0: finite.
    this.#out = x.map((v) => 1 / (1 + Math.exp(-v)));
    return this.#out;
  }

  /** Returns `dout * y * (1 - y)`, with `y` the last forward's output. */
  backward(dout: Tensor): Tensor {
    if (this.#out === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    // dy/dx = y(1 - y): no exp needed, and no Infinity * 0 at large |x|.
    const y = this.#out;
    return dout.mul(y.mulInPlace(y.neg().add(1)));
  }
}
