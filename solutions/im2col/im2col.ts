import { Tensor } from "../../lib/tensor.ts";

/**
 * The output height (or width) of a convolution or pooling window sliding
 * over an input of `inputSize` with `pad` zeros on each side (book 7.2.5):
 * 1 + floor((inputSize + 2 * pad - filterSize) / stride).
 */
export function convOutputSize(
  inputSize: number,
  filterSize: number,
  stride = 1,
  pad = 0,
): number {
  for (
    const [name, value, least] of [
      ["inputSize", inputSize, 1],
      ["filterSize", filterSize, 1],
      ["stride", stride, 1],
      ["pad", pad, 0],
    ] as const
  ) {
    if (!Number.isInteger(value) || value < least) {
      throw new RangeError(
        `convOutputSize: ${name} must be an integer >= ${least}, got ${value}`,
      );
    }
  }
  const size = 1 + Math.floor((inputSize + 2 * pad - filterSize) / stride);
  if (size < 1) {
    throw new RangeError(
      `convOutputSize: a filter of size ${filterSize} does not fit in an ` +
        `input of size ${inputSize} with padding ${pad}`,
    );
  }
  return size;
}

/** The shape of a batch of images, [N, C, H, W], or a RangeError from `op`. */
function imageShape(op: string, shape: readonly number[]): readonly number[] {
  if (shape.length !== 4) {
    throw new RangeError(
      `${op}: the input must have 4 dimensions [N, C, H, W], got shape [${
        shape.join(", ")
      }]`,
    );
  }
  return shape;
}

/**
 * Unrolls every filter window of `input` [N, C, H, W] into one row of a matrix
 * [N*OH*OW, C*FH*FW] (book 7.4.3), so that a convolution becomes one matrix
 * product. Rows run over (n, oh, ow), columns over (c, fh, fw).
 */
export function im2col(
  input: Tensor,
  filterH: number,
  filterW: number,
  stride = 1,
  pad = 0,
): Tensor {
  const [n, c, h, w] = imageShape("im2col", input.shape);
  const outH = convOutputSize(h, filterH, stride, pad);
  const outW = convOutputSize(w, filterW, stride, pad);

  const img = input.pad([[0, 0], [0, 0], [pad, pad], [pad, pad]]);
  const col = Tensor.zeros([n, c, filterH, filterW, outH, outW]);
  // Filter element (y, x) meets pixels y, y + S, ... of the windows' rows.
  for (let y = 0; y < filterH; y++) {
    const yMax = y + stride * outH;
    for (let x = 0; x < filterW; x++) {
      const xMax = x + stride * outW;
      col.setSliceInPlace(
        [null, null, y, x],
        img.slice(null, null, [y, yMax, stride], [x, xMax, stride]),
      );
    }
  }
  return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * outH * outW, -1);
}

/**
 * The adjoint of im2col: adds every row of `col` [N*OH*OW, C*FH*FW] back onto
 * the window it came from, summing where windows overlap, and returns the
 * images of `inputShape` [N, C, H, W] without the padding.
 */
export function col2im(
  col: Tensor,
  inputShape: readonly number[],
  filterH: number,
  filterW: number,
  stride = 1,
  pad = 0,
): Tensor {
  const [n, c, h, w] = imageShape("col2im", inputShape);
  const outH = convOutputSize(h, filterH, stride, pad);
  const outW = convOutputSize(w, filterW, stride, pad);
  const rows = n * outH * outW;
  const columns = c * filterH * filterW;
  if (col.ndim !== 2 || col.shape[0] !== rows || col.shape[1] !== columns) {
    throw new RangeError(
      `col2im: a column matrix of shape [${col.shape.join(", ")}] does not ` +
        `match input shape [${inputShape.join(", ")}] with ${filterH}x` +
        `${filterW} filters, stride ${stride} and padding ${pad}: ` +
        `[${rows}, ${columns}] expected`,
    );
  }

  const cols = col.reshape(n, outH, outW, c, filterH, filterW)
    .transpose(0, 3, 4, 5, 1, 2);
  const img = Tensor.zeros([n, c, h + 2 * pad, w + 2 * pad]);
  for (let y = 0; y < filterH; y++) {
    const yMax = y + stride * outH;
    for (let x = 0; x < filterW; x++) {
      const xMax = x + stride * outW;
      // A pixel under several windows receives the gradient of each of them.
      img.addSliceInPlace(
        [null, null, [y, yMax, stride], [x, xMax, stride]],
        cols.slice(null, null, y, x),
      );
    }
  }
  return img.slice(null, null, [pad, h + pad], [pad, w + pad]);
}
