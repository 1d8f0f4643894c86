import { type Tensor, where } from "../../lib/tensor.ts";

/** The ReLU layer (book 5.5.1). */
export class Relu {
  /** 1 where the last forward's input was <= 0, 0 elsewhere. */
  #mask: Tensor | undefined;

  /** Zeroes the elements of `x` that are <= 0; remembers where they were. */
  forward(x: Tensor): Tensor {
    this.#mask = x.le(0);
    return where(this.#mask, 0, x);
  }

  /** Passes `dout` through where the last forward's input was > 0. */
  backward(dout: Tensor): Tensor {
    if (this.#mask === undefined) {
      throw new Error("Relu.backward was called before Relu.forward");
    }
    // A new tensor, where the book writes into dout: the caller may keep it.
    return where(this.#mask, 0, dout);
  }
}
