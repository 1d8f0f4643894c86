// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The ReLU layer (book 5.5.1): see README.md beside this file. */
export class Relu {
  /** Zeroes the elements of `x` that are <= 0; remembers where they were. */
  forward(x: Tensor): Tensor {
    return notImplemented("relu_layer", "Relu.forward");
  }

  /** Passes `dout` through where the last forward's input was > 0. */
  backward(dout: Tensor): Tensor {
    return notImplemented("relu_layer", "Relu.backward");
  }
}
