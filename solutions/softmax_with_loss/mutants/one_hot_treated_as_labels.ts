// Mutant of softmax_with_loss.ts: backward always reads t.data[i] as the label
// of sample i, also when t holds one-hot rows.
import type { Tensor } from "../../../lib/tensor.ts";
import {
  crossEntropyError,
  softmax,
} from "../../softmax_cross_entropy/softmax_cross_entropy.ts";

export class SoftmaxWithLoss {
  y: Tensor | undefined;
  t: Tensor | undefined;
  loss: number | undefined;

  forward(x: Tensor, t: Tensor): number {
    this.t = t;
    this.y = softmax(x);
    this.loss = crossEntropyError(this.y, this.t);
    return this.loss;
  }

  backward(dout = 1): Tensor {
    if (this.y === undefined || this.t === undefined) {
      throw new Error(
        "SoftmaxWithLoss.backward was called before SoftmaxWithLoss.forward",
      );
    }
    const batchSize = this.y.shape[0];
    const dx = this.y.clone();
    for (let i = 0; i < batchSize; i++) {
      const label = this.t.data[i];
      dx.setInPlace([i, label], dx.get(i, label) - 1);
    }
    return dx.mul(dout / batchSize);
  }
}
