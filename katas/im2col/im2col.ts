// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/**
 * The output height (or width) of a window of `filterSize` sliding by
 * `stride` over `inputSize` padded by `pad` on each side (book 7.2.5):
 * see README.md beside this file.
 */
export function convOutputSize(
  inputSize: number,
  filterSize: number,
  stride = 1,
  pad = 0,
): number {
  return notImplemented("im2col", "convOutputSize");
}

/**
 * Unrolls the windows of `input` [N, C, H, W] into rows of a matrix
 * [N*OH*OW, C*FH*FW] (book 7.4.3).
 */
export function im2col(
  input: Tensor,
  filterH: number,
  filterW: number,
  stride = 1,
  pad = 0,
): Tensor {
  return notImplemented("im2col", "im2col");
}

/**
 * The adjoint of im2col: adds the rows of `col` back onto their windows and
 * returns images of `inputShape` [N, C, H, W], without the padding.
 */
export function col2im(
  col: Tensor,
  inputShape: readonly number[],
  filterH: number,
  filterW: number,
  stride = 1,
  pad = 0,
): Tensor {
  return notImplemented("im2col", "col2im");
}
