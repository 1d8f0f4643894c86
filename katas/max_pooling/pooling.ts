// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import { col2im, convOutputSize, im2col } from "../im2col/im2col.ts";

/** The max pooling layer (book 7.5): see README.md beside this file. */
export class Pooling {
  /** The window's height. */
  poolH: number;
  /** The window's width. */
  poolW: number;
  /** How far the window moves each step. */
  stride: number;
  /** Zeros added on each side of the input. */
  pad: number;

  /** A pooling layer with windows of poolH x poolW. */
  constructor(poolH: number, poolW: number, stride = 2, pad = 0) {
    this.poolH = poolH;
    this.poolW = poolW;
    this.stride = stride;
    this.pad = pad;
  }

  /** The maximum of each window of each channel: [N, C, OH, OW]. */
  forward(x: Tensor): Tensor {
    return notImplemented("max_pooling", "Pooling.forward");
  }

  /** Sends each gradient to the maximum of its window; returns ∂L/∂x. */
  backward(dout: Tensor): Tensor {
    return notImplemented("max_pooling", "Pooling.backward");
  }
}
