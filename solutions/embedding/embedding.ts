import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";

/** The Embedding layer of the second book (4.1): the rows of W for word ids. */
export class Embedding {
  /** The parameters by name: `W`, one row per word, the very tensor given. */
  readonly params: Params;
  /** Their gradients by name: made once, overwritten by every backward. */
  readonly grads: Params;
  /** The word ids of the last forward. */
  #idx: readonly number[] | undefined;

  /** Keeps `W` by reference and a gradient of zeros in its shape. */
  constructor(W: Tensor) {
    this.params = { W };
    this.grads = { W: Tensor.zeros(W.shape) };
  }

  /** Returns row `idx[i]` of W as row `i`: shape `[idx.length, D]`. */
  forward(idx: readonly number[]): Tensor {
    this.#idx = idx;
    return this.params.W.rows(idx);
  }

  /** Writes dW into `grads.W` in place: row `i` of dout added into row `idx[i]`. */
  backward(dout: Tensor): void {
    if (this.#idx === undefined) {
      throw new Error("Embedding.backward was called before Embedding.forward");
    }
    const dW = this.grads.W;
    dW.assignInPlace(0);
    // np.add.at, not dW[idx] = dout: a word that occurs twice in the batch
    // gets both gradients, where an assignment would keep only the last.
    dW.addRowsInPlace(this.#idx, dout);
  }
}
