// Mutant of softmax_with_loss.ts: backward before forward is not detected, so
// it fails with an obscure TypeError.
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
    const y = this.y!;
    const t = this.t!;
    const batchSize = y.shape[0];
    let dx: Tensor;
    if (t.size === y.size) {
      dx = y.sub(t);
    } else {
      dx = y.clone();
      for (let i = 0; i < batchSize; i++) {
        const label = t.get(i);
        dx.setInPlace([i, label], dx.get(i, label) - 1);
      }
    }
    return dx.mul(dout / batchSize);
  }
}
