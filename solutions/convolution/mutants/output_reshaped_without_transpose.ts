// Mutant of convolution.ts: forward reshapes the [N*OH*OW, FN] product straight to [N, FN, OH, OW], which is right only for a single filter.
import type { Tensor } from "../../../lib/tensor.ts";
import { col2im, convOutputSize, im2col } from "../../im2col/im2col.ts";

/** The convolution layer (book 7.4.3), computed through im2col. */
export class Convolution {
  /** The filters [FN, C, FH, FW], shared with the caller (not copied). */
  W: Tensor;
  /** One bias per filter [FN], shared with the caller. */
  b: Tensor;
  /** How far the window moves each step. */
  stride: number;
  /** Zeros added on each side of the input. */
  pad: number;
  /** ∂L/∂W from the last backward. */
  dW: Tensor | undefined;
  /** ∂L/∂b from the last backward. */
  db: Tensor | undefined;

  /** The last forward's input shape, its columns and the flattened filters. */
  #xShape: readonly number[] | undefined;
  #col: Tensor | undefined;
  #colW: Tensor | undefined;

  /** Keeps `W` and `b` by reference, so an optimizer's updates are seen. */
  constructor(W: Tensor, b: Tensor, stride = 1, pad = 0) {
    this.W = W;
    this.b = b;
    this.stride = stride;
    this.pad = pad;
  }

  /** Convolves `x` [N, C, H, W] with every filter: [N, FN, OH, OW]. */
  forward(x: Tensor): Tensor {
    const [fn, , fh, fw] = this.W.shape;
    const [n, , h, w] = x.shape;
    const outH = convOutputSize(h, fh, this.stride, this.pad);
    const outW = convOutputSize(w, fw, this.stride, this.pad);

    const col = im2col(x, fh, fw, this.stride, this.pad);
    // One filter per column, its weights in the (c, fh, fw) order of col.
    const colW = this.W.reshape(fn, -1).T;
    const out = col.matmul(colW).add(this.b);

    this.#xShape = x.shape;
    this.#col = col;
    this.#colW = colW;
    // Rows of `out` run over (n, oh, ow): move the filter axis to second place.
    return out.reshape(n, fn, outH, outW);
  }

  /** Stores dW and db; returns ∂L/∂x of the last forward's input. */
  backward(dout: Tensor): Tensor {
    if (!this.#xShape || !this.#col || !this.#colW) {
      throw new Error("Convolution.backward was called before forward");
    }
    const [fn, c, fh, fw] = this.W.shape;
    // Back to the layout of `out` in forward: one row per (n, oh, ow).
    const d = dout.transpose(0, 2, 3, 1).reshape(-1, fn);

    // Each bias is added at every position of every image: sum them all.
    this.db = d.sum(0);
    // colᵀ·d is [C*FH*FW, FN]: one column per filter, so transpose first.
    this.dW = this.#col.T.matmul(d).T.reshape(fn, c, fh, fw);

    const dcol = d.matmul(this.#colW.T);
    return col2im(dcol, this.#xShape, fh, fw, this.stride, this.pad);
  }
}
