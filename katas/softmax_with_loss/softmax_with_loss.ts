// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import {
  crossEntropyError,
  softmax,
} from "../softmax_cross_entropy/softmax_cross_entropy.ts";

/** Softmax followed by cross-entropy, as one layer (book 5.6.3): see README.md. */
export class SoftmaxWithLoss {
  /** The softmax of the last forward's x, shape `[N, C]`. */
  y: Tensor | undefined;
  /** The last forward's targets: labels `[N]` or one-hot `[N, C]`. */
  t: Tensor | undefined;
  /** The last forward's loss. */
  loss: number | undefined;

  /** Returns the cross-entropy error of `softmax(x)` against `t`. */
  forward(x: Tensor, t: Tensor): number {
    return notImplemented("softmax_with_loss", "SoftmaxWithLoss.forward");
  }

  /** Returns ∂L/∂x = `dout * (y - t) / N`, with `t` as one-hot rows. */
  backward(dout = 1): Tensor {
    return notImplemented("softmax_with_loss", "SoftmaxWithLoss.backward");
  }
}
