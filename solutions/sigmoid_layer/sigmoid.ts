import { add, div, sub, type Tensor } from "../../lib/tensor.ts";

/** The sigmoid layer (book 5.5.2). */
export class Sigmoid {
  /** The last forward's output: the derivative is written in terms of it. */
  #out: Tensor | undefined;

  /** Returns `1 / (1 + exp(-x))` elementwise; remembers the output. */
  forward(x: Tensor): Tensor {
    // For x = -1000, exp(1000) is Infinity and 1 / Infinity is 0: finite.
    this.#out = div(1, add(1, x.neg().exp()));
    return this.#out;
  }

  /** Returns `dout * (1 - y) * y`, with `y` the last forward's output. */
  backward(dout: Tensor): Tensor {
    if (this.#out === undefined) {
      throw new Error("Sigmoid.backward was called before Sigmoid.forward");
    }
    // dy/dx = (1 - y)y: no exp needed, and no Infinity * 0 at large |x|.
    return dout.mul(sub(1, this.#out)).mul(this.#out);
  }
}
