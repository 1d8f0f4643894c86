import { shapeToString, Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";

/** The RNN cell of the second book (5.3.1): one time step of a simple RNN. */
export class RNN {
  /** The parameters by name: `Wx` `[D, H]`, `Wh` `[H, H]`, `b` `[H]`, the very tensors given. */
  readonly params: Params;
  /** Their gradients by name: made once, overwritten by every backward. */
  readonly grads: Params;
  /** What backward needs from the last forward. */
  #cache: { x: Tensor; hPrev: Tensor; hNext: Tensor } | undefined;

  /** Keeps the weights by reference and a gradient of zeros in each one's shape. */
  constructor(Wx: Tensor, Wh: Tensor, b: Tensor) {
    this.params = { Wx, Wh, b };
    this.grads = {
      Wx: Tensor.zeros(Wx.shape),
      Wh: Tensor.zeros(Wh.shape),
      b: Tensor.zeros(b.shape),
    };
  }

  /** Returns `hNext = tanh(hPrev·Wh + x·Wx + b)`, shape `[N, H]`. */
  forward(x: Tensor, hPrev: Tensor): Tensor {
    const { Wx, Wh, b } = this.params;
    const expected = [x.shape[0], Wh.shape[0]];
    if (shapeToString(hPrev.shape) !== shapeToString(expected)) {
      throw new Error(
        `RNN.forward: hPrev has shape ${
          shapeToString(hPrev.shape)
        }, but x of shape ${shapeToString(x.shape)} needs ${
          shapeToString(expected)
        }`,
      );
    }
    const t = hPrev.matmul(Wh).add(x.matmul(Wx)).add(b);
    const hNext = t.map(Math.tanh);
    this.#cache = { x, hPrev, hNext };
    return hNext;
  }

  /** Writes dWx, dWh and db into `grads` in place; returns dx and dhPrev. */
  backward(dhNext: Tensor): { dx: Tensor; dhPrev: Tensor } {
    if (this.#cache === undefined) {
      throw new Error("RNN.backward was called before RNN.forward");
    }
    const { x, hPrev, hNext } = this.#cache;
    if (shapeToString(dhNext.shape) !== shapeToString(hNext.shape)) {
      throw new Error(
        `RNN.backward: dhNext has shape ${
          shapeToString(dhNext.shape)
        }, but hNext has shape ${shapeToString(hNext.shape)}`,
      );
    }
    const { Wx, Wh } = this.params;
    // tanh'(t) = 1 - tanh(t)², read off the output forward kept.
    const dt = dhNext.mul(hNext.pow(2).neg().add(1));
    this.grads.b.assignInPlace(dt.sum(0));
    this.grads.Wh.assignInPlace(hPrev.T.matmul(dt));
    this.grads.Wx.assignInPlace(x.T.matmul(dt));
    return { dx: dt.matmul(Wx.T), dhPrev: dt.matmul(Wh.T) };
  }
}
