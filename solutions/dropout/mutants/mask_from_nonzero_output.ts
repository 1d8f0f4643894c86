// Mutant of dropout.ts: backward rebuilds the mask from the output (out ≠ 0),
// like ReLU's, so an input that was 0 but kept gets no gradient.
import { Tensor } from "../../../lib/tensor.ts";
import type { Rng } from "../../../lib/random.ts";

/** The Dropout layer (book 6.4.3). */
export class Dropout {
  readonly #ratio: number;
  readonly #rng: Rng;
  /**
   * What backward multiplies dout by: the 0/1 mask of the last training
   * forward, or the scale 1 - ratio of the last inference forward.
   */
  #factor: Tensor | number | undefined;
  #out: Tensor | undefined;

  /** Drops each input with probability `dropoutRatio`, drawing from `rng`. */
  constructor(dropoutRatio = 0.5, rng: Rng) {
    this.#ratio = dropoutRatio;
    this.#rng = rng;
  }

  /**
   * Training: zeroes the inputs whose uniform draw is <= the ratio.
   * Inference: keeps every input, scaled by the fraction training keeps.
   */
  forward(x: Tensor, train = true): Tensor {
    if (train) {
      // One uniform draw per element, in row-major order.
      const mask = Tensor.uniform(x.shape, this.#rng).gt(this.#ratio);
      this.#factor = mask;
      this.#out = x.mul(mask);
      return this.#out;
    }
    this.#factor = 1 - this.#ratio;
    return x.mul(this.#factor);
  }

  /** The gradient of the last forward: the same mask, or the same scale. */
  backward(dout: Tensor): Tensor {
    if (this.#factor === undefined) {
      throw new Error("Dropout.backward was called before Dropout.forward");
    }
    if (this.#factor instanceof Tensor && this.#out !== undefined) {
      return dout.mul(this.#out.map((v) => (v !== 0 ? 1 : 0)));
    }
    return dout.mul(this.#factor);
  }
}
