// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The sigmoid layer (book 5.5.2): see README.md beside this file. */
export class Sigmoid {
  /** Returns `1 / (1 + exp(-x))` elementwise; remembers the output. */
  forward(x: Tensor): Tensor {
    return notImplemented("sigmoid_layer", "Sigmoid.forward");
  }

  /** Returns `dout * (1 - y) * y`, with `y` the last forward's output. */
  backward(dout: Tensor): Tensor {
    return notImplemented("sigmoid_layer", "Sigmoid.backward");
  }
}
