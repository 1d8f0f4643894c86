// Mutant of softmax_with_loss.ts: backward takes the batch size from the
// wrong dimension of y, dividing by the number of classes C instead of N.
import type { Tensor } from "../../../lib/tensor.ts";
import {
  crossEntropyError,
  softmax,
} from "../../softmax_cross_entropy/softmax_cross_entropy.ts";

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
    this.t = t;
    this.y = softmax(x);
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
    const batchSize = this.y.shape[1];
    let dx: Tensor;
    if (this.t.size === this.y.size) {
      // One-hot targets: the famous y - t.
      dx = this.y.sub(this.t);
    } else {
      // Labels: subtract 1 where the one-hot row would have its 1, working on
      // a copy so that this.y stays the softmax output.
      dx = this.y.clone();
      for (let i = 0; i < batchSize; i++) {
        const label = this.t.get(i);
        dx.setInPlace([i, label], dx.get(i, label) - 1);
      }
    }
    // The loss is a batch mean, so each sample's gradient carries 1 / N.
    return dx.mul(dout / batchSize);
  }
}
