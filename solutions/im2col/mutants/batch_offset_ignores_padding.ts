// Mutant of im2col.ts: the offset of each image in the padded batch is computed from the unpadded image size, so with padding every image after the first is read from the wrong place.
import { Tensor } from "../../../lib/tensor.ts";

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

/** The layout of one im2col: every size it needs, worked out once. */
interface Layout {
  n: number;
  c: number;
  h: number;
  w: number;
  outH: number;
  outW: number;
  /** Where each element of the column matrix sits in the padded images. */
  source: Int32Array;
}

/**
 * For every element of the column matrix [N*OH*OW, C*FH*FW], its flat index
 * in the padded images [N, C, H+2P, W+2P]. Rows run over (n, oh, ow) and
 * columns over (c, fh, fw), as in the book. im2col reads through this table
 * and col2im adds back through it, which is why one is the other's adjoint.
 */
function layout(
  inputShape: readonly number[],
  filterH: number,
  filterW: number,
  stride: number,
  pad: number,
): Layout {
  if (inputShape.length !== 4) {
    throw new RangeError(
      `im2col: the input must have 4 dimensions [N, C, H, W], got shape [${
        inputShape.join(", ")
      }]`,
    );
  }
  const [n, c, h, w] = inputShape;
  const outH = convOutputSize(h, filterH, stride, pad);
  const outW = convOutputSize(w, filterW, stride, pad);
  const paddedH = h + 2 * pad;
  const paddedW = w + 2 * pad;
  const source = new Int32Array(n * outH * outW * c * filterH * filterW);
  let k = 0;
  for (let img = 0; img < n; img++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let ch = 0; ch < c; ch++) {
          for (let fh = 0; fh < filterH; fh++) {
            for (let fw = 0; fw < filterW; fw++) {
              const y = oh * stride + fh;
              const x = ow * stride + fw;
              source[k++] = img * c * h * w + (ch * paddedH + y) * paddedW + x;
            }
          }
        }
      }
    }
  }
  return { n, c, h, w, outH, outW, source };
}

/** The images [N, C, H, W] with `pad` zeros around each: [N, C, H+2P, W+2P]. */
function padImages(images: Tensor, pad: number): Tensor {
  const [n, c, h, w] = images.shape;
  const paddedH = h + 2 * pad;
  const paddedW = w + 2 * pad;
  const out = new Float64Array(n * c * paddedH * paddedW);
  for (let plane = 0; plane < n * c; plane++) {
    for (let y = 0; y < h; y++) {
      const from = (plane * h + y) * w;
      const to = (plane * paddedH + y + pad) * paddedW + pad;
      out.set(images.data.subarray(from, from + w), to);
    }
  }
  return new Tensor(out, [n, c, paddedH, paddedW]);
}

/** The inverse of padImages: drops `pad` rows and columns on each side. */
function stripPadding(padded: Tensor, pad: number): Tensor {
  const [n, c, paddedH, paddedW] = padded.shape;
  const h = paddedH - 2 * pad;
  const w = paddedW - 2 * pad;
  const out = new Float64Array(n * c * h * w);
  for (let plane = 0; plane < n * c; plane++) {
    for (let y = 0; y < h; y++) {
      const from = (plane * paddedH + y + pad) * paddedW + pad;
      out.set(padded.data.subarray(from, from + w), (plane * h + y) * w);
    }
  }
  return new Tensor(out, [n, c, h, w]);
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
  const { n, c, outH, outW, source } = layout(
    input.shape,
    filterH,
    filterW,
    stride,
    pad,
  );
  const img = padImages(input, pad).data;
  const col = new Float64Array(source.length);
  for (let k = 0; k < source.length; k++) col[k] = img[source[k]];
  return new Tensor(col, [n * outH * outW, c * filterH * filterW]);
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
  const { n, c, h, w, source } = layout(
    inputShape,
    filterH,
    filterW,
    stride,
    pad,
  );
  if (col.size !== source.length) {
    throw new RangeError(
      `col2im: a column matrix of shape [${col.shape.join(", ")}] does not ` +
        `match input shape [${
          inputShape.join(", ")
        }] with ${filterH}x${filterW} ` +
        `filters, stride ${stride} and padding ${pad}`,
    );
  }
  const img = new Float64Array(n * c * (h + 2 * pad) * (w + 2 * pad));
  // A pixel under several windows receives the gradient of each of them.
  for (let k = 0; k < source.length; k++) img[source[k]] += col.data[k];
  return stripPadding(new Tensor(img, [n, c, h + 2 * pad, w + 2 * pad]), pad);
}
