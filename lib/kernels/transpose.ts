/**
 * The transpose of a matrix, the layout change behind `x.T` (in Affine's
 * backward pass, `x.T` and `W.T` on every step).
 *
 * @module
 */

/**
 * Rows and columns per tile: 16 x 16 floats (2 KB), which stay in the L1
 * cache. Larger tiles were slower for some shapes (cache set conflicts).
 */
const TILE = 16;

/**
 * The transpose of the `rows` x `cols` row-major matrix `x`, as a new array.
 * It works tile by tile, so that both the reads and the writes touch only a
 * few cache lines at a time, however long the rows are.
 *
 * @example
 * ```ts
 * import { transposeMatrix } from "./transpose.ts";
 * const x = new Float64Array([1, 2, 3, 4, 5, 6]); // [[1, 2, 3], [4, 5, 6]]
 * console.assert(transposeMatrix(x, 2, 3).join() === "1,4,2,5,3,6");
 * ```
 */
export function transposeMatrix(
  x: Float64Array,
  rows: number,
  cols: number,
): Float64Array {
  return transposeMatrices(x, 1, rows, cols);
}

/**
 * The transposes of `batch` row-major `rows` x `cols` matrices stored one
 * after the other in `x`, as a new array: the layout change of a transpose
 * that keeps its leading axes, such as im2col's `(0, 4, 5, 1, 2, 3)`.
 *
 * @example
 * ```ts
 * import { transposeMatrices } from "./transpose.ts";
 * const x = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]); // two 2 x 2 matrices
 * console.assert(transposeMatrices(x, 2, 2, 2).join() === "1,3,2,4,5,7,6,8");
 * ```
 */
export function transposeMatrices(
  x: Float64Array,
  batch: number,
  rows: number,
  cols: number,
): Float64Array {
  const out = new Float64Array(batch * rows * cols);
  for (let b = 0, base = 0; b < batch; b++, base += rows * cols) {
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = Math.min(rows, i0 + TILE);
      for (let j0 = 0; j0 < cols; j0 += TILE) {
        const j1 = Math.min(cols, j0 + TILE);
        for (let i = i0; i < i1; i++) {
          // Indices carried along rather than multiplied out: about a
          // quarter faster at im2col's and the convolution's shapes.
          let from = base + i * cols + j0;
          let to = base + j0 * rows + i;
          for (let j = j0; j < j1; j++, from++, to += rows) out[to] = x[from];
        }
      }
    }
  }
  return out;
}
