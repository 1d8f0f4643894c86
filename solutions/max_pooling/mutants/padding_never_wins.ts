// Mutant of pooling.ts: the padding is -Infinity instead of zeros (as some libraries do), so a padded window of negative values gives its largest negative value, not the padding's 0.
import { Tensor } from "../../../lib/tensor.ts";
import { col2im, convOutputSize, im2col } from "../../im2col/im2col.ts";

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

  /** A pooling layer with windows of poolH x poolW. */
  constructor(poolH: number, poolW: number, stride = 1, pad = 0) {
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
    const cols = im2col(x, this.poolH, this.poolW, this.stride, this.pad)
      .reshape(-1, this.poolH * this.poolW);
    // 1 where im2col read a pixel of x, 0 where it read the padding.
    const inside = im2col(
      Tensor.ones(x.shape),
      this.poolH,
      this.poolW,
      this.stride,
      this.pad,
    ).reshape(-1, this.poolH * this.poolW);
    const col = cols.zipWith(inside, (v, keep) => keep ? v : -Infinity);
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
    const poolSize = this.poolH * this.poolW;
    // Rows in the order of forward's col: (image, window, channel).
    const d = dout.transpose(0, 2, 3, 1);

    // Only the maximum of a window reached the output, so only it gets the
    // gradient; the other elements of the window get 0.
    const dmax = Tensor.zeros([d.size, poolSize]);
    for (let i = 0; i < d.size; i++) {
      dmax.setInPlace([i, this.#argMax.data[i]], d.data[i]);
    }

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
