/**
 * The matrix product behind `Tensor.matmul`: the WebAssembly SIMD kernel of
 * matmul.wat, run on copies of the operands in its memory (a tall a in
 * blocks of rows). The result is bit for bit the naive triple loop's (see
 * matmul.wat for why); the kernel is several times faster than the best
 * plain TypeScript loop.
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
/** The most a 32-bit WebAssembly memory can hold: 65,536 pages. */
const MAX_BYTES = PAGE * PAGE;

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
  keepZeros: number,
) => void;
const finite = exports.finite as (x: number, n: number) => number;

/**
 * Bytes of a and out per block of rows when b fits in the kernel's panel
 * (see {@link blocks}): a block and its results stay in the L2 cache from
 * their copy into the kernel's memory to the copy of the results out.
 */
const BLOCK_BYTES = 131072;
/** The kernel's panel of b (matmul.wat): b up to this size is one panel. */
const PANEL_BYTES = 262144;

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
  const parts = blocks(a, n, k, m);
  const most = Math.max(...parts.map((part) => part.rows));
  // The operands (a block of rows of a), the result (of that block), then
  // the kernel's scratch space (matmul.wat).
  const terms = k + 3;
  const layout = (rows: number) =>
    regions([
      8 * rows * k,
      8 * k * m,
      8 * rows * m,
      8 * terms,
      8 * terms,
      4 * terms,
      8 * Math.max(k, m),
      8 * m,
    ]);
  const { starts, end } = layout(most);
  const [pa, pb, pout, pvalues0, pvalues1, prows, pzeros, pspare] = starts;
  // In blocks or not, the product is refused where it would not fit whole.
  const whole = layout(n).end;
  if (whole > MAX_BYTES || !reserve(end)) {
    throw new RangeError(
      `Tensor.matmul: [${n}, ${k}] times [${k}, ${m}] needs ${whole} bytes, ` +
        `more than the WebAssembly kernel's memory can hold (4 GiB)`,
    );
  }
  const heap = new Float64Array(memory.buffer);
  load(heap, pb / 8, b, k * m);
  heap.fill(0, pzeros / 8, pzeros / 8 + Math.max(k, m));
  const keepZeros = 1 - finite(pb, k * m);
  const product = (rows: number) =>
    kernel(
      pa,
      pb,
      pout,
      rows,
      k,
      m,
      pvalues0,
      pvalues1,
      prows,
      pzeros,
      pspare,
      keepZeros,
    );
  if (parts.length === 1) {
    load(heap, pa / 8, a, n * k);
    product(n);
    return heap.slice(pout / 8, pout / 8 + n * m);
  }
  const out = new Float64Array(n * m);
  let row = 0;
  for (const part of parts) {
    load(heap, pa / 8, part.operand, part.rows * k);
    product(part.rows);
    out.set(heap.subarray(pout / 8, pout / 8 + part.rows * m), row * m);
    row += part.rows;
  }
  return out;
}

/**
 * The rows of `a` in blocks, each multiplied on its own: a block is copied
 * into the kernel's memory, multiplied and its results copied out while
 * all of it is still in the cache, rather than each of the three passes
 * going through main memory. Only worth it, and only done, when b fits in
 * one panel of the kernel (larger ones would be read again for each block)
 * and there are at least 16 blocks' worth of rows (2 MB of a and out; less
 * stays in the caches anyway): the convolution's products, 57,600 x 25
 * times 25 x 30, are (about 3 % of the SimpleConvNet step, measured), the
 * TwoLayerNet's are not. A view whose walk does not split at a row (its
 * first axes do not make up the rows exactly) is one block.
 */
function blocks(
  a: Operand,
  n: number,
  k: number,
  m: number,
): { rows: number; operand: Operand }[] {
  const target = Math.max(2, Math.floor(BLOCK_BYTES / (8 * (k + m))));
  if (8 * k * m > PANEL_BYTES || n < 16 * target) {
    return [{ rows: n, operand: a }];
  }
  if (a instanceof Float64Array) {
    const parts = [];
    for (let r = 0; r < n; r += target) {
      const rows = Math.min(target, n - r);
      parts.push({ rows, operand: a.subarray(r * k, (r + rows) * k) });
    }
    return parts;
  }
  // Rows of whole steps along the walk's first axis: `unit` rows each.
  const { data, offset, shape, strides } = a;
  let rowsOfAxes = 1;
  let axes = 0;
  while (rowsOfAxes < n && axes < shape.length) rowsOfAxes *= shape[axes++];
  if (rowsOfAxes !== n || axes === 0 || shape[0] < 2) {
    return [{ rows: n, operand: a }];
  }
  const unit = n / shape[0];
  const steps = Math.max(1, Math.floor(target / unit));
  const parts = [];
  for (let s = 0; s < shape[0]; s += steps) {
    const count = Math.min(steps, shape[0] - s);
    parts.push({
      rows: count * unit,
      operand: {
        data,
        offset: offset + s * strides[0],
        shape: [count, ...shape.slice(1)],
        strides,
      },
    });
  }
  return parts;
}

/** Grows the kernel's memory to at least `bytes`; false if it cannot. */
function reserve(bytes: number): boolean {
  const missing = bytes - memory.buffer.byteLength;
  if (missing <= 0) return true;
  try {
    memory.grow(Math.ceil(missing / PAGE));
    return true;
  } catch {
    return false;
  }
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
