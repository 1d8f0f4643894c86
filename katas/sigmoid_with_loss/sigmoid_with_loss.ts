// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Sigmoid-with-Loss layer (second book, 4.2.3): see README.md beside this file. */
export class SigmoidWithLoss {
  /** Returns the mean cross-entropy of `sigmoid(x)` against the labels `t`. */
  forward(x: Tensor, t: Tensor): number {
    return notImplemented("sigmoid_with_loss", "SigmoidWithLoss.forward");
  }

  /** Returns ∂L/∂x = `dout * (y - t) / N`. */
  backward(dout = 1): Tensor {
    return notImplemented("sigmoid_with_loss", "SigmoidWithLoss.backward");
  }
}
