// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Dropout layer (book 6.4.3): see README.md beside this file. */
export class Dropout {
  /** Drops each input with probability `dropoutRatio`, drawing from `rng`. */
  constructor(rng: Rng, dropoutRatio = 0.5) {
    notImplemented("dropout", "new Dropout");
  }

  /**
   * Training: zeroes the inputs whose uniform draw is <= the ratio.
   * Inference: keeps every input, scaled by 1 - the ratio.
   */
  forward(x: Tensor, train = true): Tensor {
    return notImplemented("dropout", "Dropout.forward");
  }

  /** The gradient of the last forward: dout times its mask (or its scale). */
  backward(dout: Tensor): Tensor {
    return notImplemented("dropout", "Dropout.backward");
  }
}
