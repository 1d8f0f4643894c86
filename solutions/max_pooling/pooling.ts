import { Tensor } from "../../lib/tensor.ts";
import { col2im, convOutputSize, im2col } from "../im2col/im2col.ts";

/** The max pooling layer (book 7.5), computed through im2col. */
export class Pooling {
  /** The window's height. */
  poolH: number;
  /** The window's width. */
  poolW: number;
  /** How far the window moves each step. */
  stride: number;
  /** Zeros added on each side of the input. */
  pad: number;

  /** The last forward's input shape and, per window, where its maximum was. */
  #xShape: readonly number[] | undefined;
  #argMax: Tensor | undefined;

  /**
   * A pooling layer with windows of poolH x poolW; the stride defaults to 2,
   * the book's current code, so that `new Pooling(2, 2)` tiles the image.
   */
  constructor(poolH: number, poolW: number, stride = 2, pad = 0) {
    this.poolH = poolH;
    this.poolW = poolW;
    this.stride = stride;
    this.pad = pad;
  }

  /** The maximum of each window of each channel: [N, C, OH, OW]. */
  forward(x: Tensor): Tensor {
    const [n, c, h, w] = x.shape;
    const outH = convOutputSize(h, this.poolH, this.stride, this.pad);
    const outW = convOutputSize(w, this.poolW, this.stride, this.pad);

    // A row of im2col holds the window of every channel, one after the
    // other; splitting it gives one row per (image, window, channel).
    const col = im2col(x, this.poolH, this.poolW, this.stride, this.pad)
      .reshape(-1, this.poolH * this.poolW);
    this.#argMax = col.argmax(1);
    const out = col.max(1);

    this.#xShape = x.shape;
    return out.reshape(n, outH, outW, c).transpose(0, 3, 1, 2);
  }

  /** Sends each gradient to the maximum of its window; returns ∂L/∂x. */
  backward(dout: Tensor): Tensor {
    if (!this.#xShape || !this.#argMax) {
      throw new Error("Pooling.backward was called before forward");
    }
    // Rows in the order of forward's col: (image, window, channel).
    const d = dout.transpose(0, 2, 3, 1);
    const poolSize = this.poolH * this.poolW;

    // Only the maximum of a window reached the output, so only it gets the
    // gradient; the other elements of the window get 0.
    const dmax = Tensor.zeros([d.size, poolSize]);
    dmax.addPerRowInPlace(this.#argMax, d.reshape(-1));

    const dcol = dmax.reshape(-1, this.#xShape[1] * poolSize);
    return col2im(
      dcol,
      this.#xShape,
      this.poolH,
      this.poolW,
      this.stride,
      this.pad,
    );
  }
}
