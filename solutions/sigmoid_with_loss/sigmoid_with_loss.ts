import { Tensor } from "../../lib/tensor.ts";
import { sigmoid } from "../activation_functions/activations.ts";
import { crossEntropyError } from "../softmax_cross_entropy/softmax_cross_entropy.ts";

/** The sigmoid followed by the binary cross-entropy, as one layer (second book, 4.2.3). */
export class SigmoidWithLoss {
  /** The sigmoid of the last forward's scores, and its labels. */
  #last: { y: Tensor; t: Tensor } | undefined;

  /** Returns the mean cross-entropy of `sigmoid(x)` against the labels `t`. */
  forward(x: Tensor, t: Tensor): number {
    const y = sigmoid(x);
    this.#last = { y, t };
    // np.c_[1 - y, y]: per sample, the probabilities of label 0 and label 1,
    // so that the label picks its column as a class index would.
    const probs = Tensor.from([...y.data].map((p) => [1 - p, p]));
    return crossEntropyError(probs, t);
  }

  /** Returns ∂L/∂x = `dout * (y - t) / N`. */
  backward(dout = 1): Tensor {
    if (this.#last === undefined) {
      throw new Error(
        "SigmoidWithLoss.backward was called before SigmoidWithLoss.forward",
      );
    }
    const { y, t } = this.#last;
    const batchSize = t.shape[0];
    return y.sub(t).mul(dout).div(batchSize);
  }
}
