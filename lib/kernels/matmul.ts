/**
 * The matrix product behind `Tensor.matmul`: the WebAssembly SIMD kernel of
 * matmul.wat, run on copies of the operands in its memory. The result is bit
 * for bit the naive triple loop's (see matmul.wat for why); the kernel is
 * several times faster than the best plain TypeScript loop.
 *
 * @module
 */

import { MATMUL_WASM } from "./matmul_wasm.ts";
import { copyStrided } from "./strided.ts";

/**
 * A matrix operand: its elements in row-major order, or a strided view of
 * another array whose walk (see strided.ts) gives them in that order. A view
 * is copied straight into the kernel's memory, so that a transposed operand
 * (`x.T`) costs no more than the copy every operand needs.
 */
export type Operand = Float64Array | {
  /** The array the view reads. */
  data: Float64Array;
  /** Where the view starts in `data`. */
  offset: number;
  /** The axes of the walk, in row-major order. */
  shape: readonly number[];
  /** The step along each axis, in elements of `data`. */
  strides: readonly number[];
};

const PAGE = 65536;

const { exports } = new WebAssembly.Instance(
  new WebAssembly.Module(
    Uint8Array.from(atob(MATMUL_WASM), (c) => c.charCodeAt(0)),
  ),
);
const memory = exports.memory as WebAssembly.Memory;
const kernel = exports.matmul as (
  a: number,
  b: number,
  out: number,
  n: number,
  k: number,
  m: number,
  values0: number,
  values1: number,
  rows: number,
  zeros: number,
  spare: number,
) => void;

/** Byte offsets of consecutive regions of the given sizes, 16-byte aligned. */
function regions(sizes: number[]): { starts: number[]; end: number } {
  const starts: number[] = [];
  let end = 0;
  for (const size of sizes) {
    starts.push(end);
    end += Math.ceil(size / 16) * 16;
  }
  return { starts, end };
}

/**
 * The product of `a` (`n` x `k`) and `b` (`k` x `m`), row-major, as a new
 * array of `n` x `m`: bit for bit the sums of the naive triple loop, in the
 * order p = 0, 1, ..., k - 1.
 *
 * @example
 * ```ts
 * import { matmul } from "./matmul.ts";
 * const a = new Float64Array([1, 2, 3, 4]); // [[1, 2], [3, 4]]
 * const b = new Float64Array([5, 6, 7, 8]); // [[5, 6], [7, 8]]
 * console.assert(matmul(a, b, 2, 2, 2).join() === "19,22,43,50");
 * // b read transposed, [[5, 7], [6, 8]], through a view of its columns.
 * const bT = { data: b, offset: 0, shape: [2, 2], strides: [1, 2] };
 * console.assert(matmul(a, bT, 2, 2, 2).join() === "17,23,39,53");
 * ```
 */
export function matmul(
  a: Operand,
  b: Operand,
  n: number,
  k: number,
  m: number,
): Float64Array {
  // The operands, the result, then the kernel's scratch space (matmul.wat).
  const terms = k + 3;
  const { starts, end } = regions([
    8 * n * k,
    8 * k * m,
    8 * n * m,
    8 * terms,
    8 * terms,
    4 * terms,
    8 * Math.max(k, m),
    8 * m,
  ]);
  const [pa, pb, pout, pvalues0, pvalues1, prows, pzeros, pspare] = starts;
  const missing = end - memory.buffer.byteLength;
  if (missing > 0) {
    try {
      memory.grow(Math.ceil(missing / PAGE));
    } catch {
      throw new RangeError(
        `Tensor.matmul: [${n}, ${k}] times [${k}, ${m}] needs ${end} bytes, ` +
          `more than the WebAssembly kernel's memory can hold (4 GiB)`,
      );
    }
  }
  const heap = new Float64Array(memory.buffer);
  load(heap, pa / 8, a, n * k);
  load(heap, pb / 8, b, k * m);
  heap.fill(0, pzeros / 8, pzeros / 8 + Math.max(k, m));
  kernel(pa, pb, pout, n, k, m, pvalues0, pvalues1, prows, pzeros, pspare);
  return heap.slice(pout / 8, pout / 8 + n * m);
}

/** Copies the first `size` elements of `operand` into `heap` from `at`. */
function load(
  heap: Float64Array,
  at: number,
  operand: Operand,
  size: number,
): void {
  if (operand instanceof Float64Array) {
    heap.set(operand.subarray(0, size), at);
  } else {
    const { data, offset, shape, strides } = operand;
    copyStrided(data, offset, shape, strides, heap, at);
  }
}
