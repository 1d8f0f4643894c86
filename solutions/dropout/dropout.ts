import { shapeToString, Tensor, where } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";

/** The Dropout layer (book 6.4.3). */
export class Dropout {
  readonly #rng: Rng;
  readonly #ratio: number;
  /**
   * The 0/1 mask of the last training forward, `null` after an inference
   * forward, `undefined` before any forward.
   */
  #mask: Tensor | null | undefined;

  /** Drops each input with probability `dropoutRatio`, drawing from `rng`. */
  constructor(rng: Rng, dropoutRatio = 0.5) {
    if (!(dropoutRatio >= 0 && dropoutRatio < 1)) {
      throw new Error(
        `new Dropout: dropoutRatio must be at least 0 and below 1, got ${dropoutRatio}`,
      );
    }
    this.#rng = rng;
    this.#ratio = dropoutRatio;
  }

  /**
   * Training: zeroes the inputs whose uniform draw is <= the ratio.
   * Inference: keeps every input, scaled by the fraction training keeps.
   */
  forward(x: Tensor, train = true): Tensor {
    if (train) {
      this.#mask = Tensor.uniform(x.shape, this.#rng).gt(this.#ratio);
      // where, not x * mask: a dropped Infinity is 0, not Infinity * 0 = NaN.
      return where(this.#mask, x, 0);
    }
    this.#mask = null;
    return x.mul(1 - this.#ratio);
  }

  /** The gradient of the last forward: the same mask, or the same scale. */
  backward(dout: Tensor): Tensor {
    if (this.#mask === undefined) {
      throw new Error("Dropout.backward was called before Dropout.forward");
    }
    if (this.#mask === null) return dout.mul(1 - this.#ratio);
    // A dout of another shape would broadcast against the mask unnoticed.
    if (shapeToString(dout.shape) !== shapeToString(this.#mask.shape)) {
      throw new Error(
        `Dropout.backward: dout of shape ${
          shapeToString(dout.shape)
        } is not the shape of the last forward's x, ${
          shapeToString(this.#mask.shape)
        }`,
      );
    }
    return where(this.#mask, dout, 0);
  }
}
