import type { Tensor } from "../../lib/tensor.ts";
import {
  crossEntropyError,
  softmax,
} from "../softmax_cross_entropy/softmax_cross_entropy.ts";

/** Softmax followed by cross-entropy, as one layer (book 5.6.3). */
export class SoftmaxWithLoss {
  /** The softmax of the last forward's x, shape `[N, C]`. */
  y: Tensor | undefined;
  /** The last forward's targets: labels `[N]` or one-hot `[N, C]`. */
  t: Tensor | undefined;
  /** The last forward's loss. */
  loss: number | undefined;

  /** Returns the cross-entropy error of `softmax(x)` against `t`. */
  forward(x: Tensor, t: Tensor): number {
    this.y = softmax(x);
    this.t = t;
    this.loss = crossEntropyError(this.y, this.t);
    return this.loss;
  }

  /** Returns ∂L/∂x = `dout * (y - t) / N`, with `t` as one-hot rows. */
  backward(dout = 1): Tensor {
    if (this.y === undefined || this.t === undefined) {
      throw new Error(
        "SoftmaxWithLoss.backward was called before SoftmaxWithLoss.forward",
      );
    }
    const batchSize = this.t.shape[0];
    let dx: Tensor;
    if (this.t.size === this.y.size) {
      // One-hot targets: the famous y - t, over N because the loss is a mean.
      dx = this.y.sub(this.t).div(batchSize);
    } else {
      // Labels: y[arange(N), t] -= 1, on a copy so that this.y stays the
      // softmax output.
      dx = this.y.clone().addPerRowInPlace(this.t, -1).div(batchSize);
    }
    // The book's Python leaves dout out: it is 1 there, but a loss may be scaled.
    return dx.mul(dout);
  }
}
