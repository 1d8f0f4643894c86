/**
 * The loops behind the tensor's elementwise operations and reductions.
 *
 * Each operation has a loop of its own with its arithmetic written inside,
 * so that the engine compiles the two together. One loop shared by every
 * operation, calling `(a, b) => a + b` and the others through one call site,
 * runs about ten times slower: the engine cannot inline a call that sees
 * many different functions.
 *
 * @module
 */

/**
 * One row of an elementwise operation: `out[o + j] = f(a[ia + j * sa],
 * b[ib + j * sb])` for `j < n`. A stride of 0 repeats one element (a
 * broadcast axis); `out` may be `a` itself with `o = ia` and `sa = 1` (an
 * in-place update).
 */
export type RowLoop = (
  out: Float64Array,
  o: number,
  a: Float64Array,
  ia: number,
  sa: number,
  b: Float64Array,
  ib: number,
  sb: number,
  n: number,
) => void;

/**
 * The row loops of the binary operations, by name.
 *
 * @example
 * ```ts
 * import { rowLoops } from "./elementwise.ts";
 * const out = new Float64Array(3);
 * rowLoops.add(out, 0, new Float64Array([1, 2, 3]), 0, 1, new Float64Array([10]), 0, 0, 3);
 * console.assert(out.join() === "11,12,13");
 * ```
 */
export const rowLoops: Readonly<
  Record<
    | "add"
    | "sub"
    | "mul"
    | "div"
    | "maximum"
    | "minimum"
    | "gt"
    | "lt"
    | "ge"
    | "le"
    | "eq"
    | "ne"
    | "pow",
    RowLoop
  >
> = {
  add: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = a[ia] + b[ib];
  },
  sub: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = a[ia] - b[ib];
  },
  mul: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = a[ia] * b[ib];
  },
  div: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = a[ia] / b[ib];
  },
  // A NaN on either side gives NaN, as numpy's maximum and minimum do: the
  // comparison is false when b is NaN, and a !== a catches a NaN in a.
  maximum: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) {
      out[j] = a[ia] > b[ib] || a[ia] !== a[ia] ? a[ia] : b[ib];
    }
  },
  minimum: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) {
      out[j] = a[ia] < b[ib] || a[ia] !== a[ia] ? a[ia] : b[ib];
    }
  },
  // +(x > y) is 1 or 0 without a branch, which random signs would mispredict.
  gt: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = +(a[ia] > b[ib]);
  },
  lt: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = +(a[ia] < b[ib]);
  },
  ge: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) {
      out[j] = +(a[ia] >= b[ib]);
    }
  },
  le: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) {
      out[j] = +(a[ia] <= b[ib]);
    }
  },
  eq: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) {
      out[j] = +(a[ia] === b[ib]);
    }
  },
  ne: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) {
      out[j] = +(a[ia] !== b[ib]);
    }
  },
  pow: (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = a[ia] ** b[ib];
  },
};

/**
 * The row loop that copies `b` into `out` (`a` is not read): an assignment.
 *
 * @example
 * ```ts
 * import { assignRow } from "./elementwise.ts";
 * const out = new Float64Array(2);
 * assignRow(out, 0, out, 0, 1, new Float64Array([7]), 0, 0, 2);
 * console.assert(out.join() === "7,7");
 * ```
 */
export const assignRow: RowLoop = (out, o, _a, _ia, _sa, b, ib, sb, n) => {
  const end = o + n;
  for (let j = o; j < end; j++, ib += sb) out[j] = b[ib];
};

/**
 * The row loop of any function of two numbers, for `Tensor.zipWith`. The
 * call to `fn` costs more than the inline arithmetic of {@link rowLoops}:
 * this loop sees every function a program passes to zipWith, too many for
 * the engine to inline.
 *
 * @example
 * ```ts
 * import { rowLoopOf } from "./elementwise.ts";
 * const out = new Float64Array(2);
 * rowLoopOf((x, y) => x * y)(out, 0, new Float64Array([2, 3]), 0, 1, new Float64Array([4, 5]), 0, 1, 2);
 * console.assert(out.join() === "8,15");
 * ```
 */
export function rowLoopOf(fn: (a: number, b: number) => number): RowLoop {
  return (out, o, a, ia, sa, b, ib, sb, n) => {
    const end = o + n;
    for (let j = o; j < end; j++, ia += sa, ib += sb) out[j] = fn(a[ia], b[ib]);
  };
}

/**
 * `out[i] = fn(x[i], i)` for every element, for `Tensor.map`.
 *
 * @example
 * ```ts
 * import { mapInto } from "./elementwise.ts";
 * const out = new Float64Array(3);
 * mapInto(out, new Float64Array([1, 2, 3]), (v, i) => v * 10 + i);
 * console.assert(out.join() === "10,21,32");
 * ```
 */
export function mapInto(
  out: Float64Array,
  x: Float64Array,
  fn: (value: number, index: number) => number,
): void {
  for (let i = 0; i < out.length; i++) out[i] = fn(x[i], i);
}

/**
 * Runs `loop` over every row (last axis) of `a` and `b` broadcast to
 * `shape`, writing `out` in row-major order. `stridesA` and `stridesB` are
 * the operands' strides along each axis of `shape`, 0 where they repeat.
 *
 * @example
 * ```ts
 * import { broadcastRows, rowLoops } from "./elementwise.ts";
 * // [[1], [2]] + [10, 20, 30]: a repeats along axis 1, b along axis 0.
 * const out = new Float64Array(6);
 * broadcastRows(rowLoops.add, out, [2, 3], new Float64Array([1, 2]), [1, 0], new Float64Array([10, 20, 30]), [0, 1]);
 * console.assert(out.join() === "11,21,31,12,22,32");
 * ```
 */
export function broadcastRows(
  loop: RowLoop,
  out: Float64Array,
  shape: readonly number[],
  a: Float64Array,
  stridesA: readonly number[],
  b: Float64Array,
  stridesB: readonly number[],
): void {
  if (shape.length === 0) {
    // A single element: one row of one.
    loop(out, 0, a, 0, 0, b, 0, 0, out.length);
    return;
  }
  const last = shape.length - 1;
  const width = shape[last];
  // An odometer over every axis but the last: the rows, in row-major order.
  const counter = new Array<number>(last).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < out.length; o += width) {
    loop(out, o, a, ia, stridesA[last], b, ib, stridesB[last], width);
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      ia += stridesA[d];
      ib += stridesB[d];
      if (counter[d] < shape[d]) break;
      ia -= stridesA[d] * shape[d];
      ib -= stridesB[d] * shape[d];
      counter[d] = 0;
    }
  }
}

/** A reduction: its starting value, how it folds a contiguous run into one
 * number, and how it folds a row of values into a row of running results. */
export interface Reducer {
  /** The result of reducing nothing. */
  init: number;
  /** Reduces each of `count` runs of `len` consecutive values of `x`, the
   * first starting at `x[0]`, into `out[0]` ... `out[count - 1]`. */
  rows(x: Float64Array, out: Float64Array, count: number, len: number): void;
  /** The row loop `out = step(a, b)`: `a` the running results, `b` values. */
  combine: RowLoop;
}

/**
 * Sum, maximum and minimum. NaN wins a maximum or minimum, as in numpy.
 *
 * @example
 * ```ts
 * import { reducers } from "./elementwise.ts";
 * const out = new Float64Array(2);
 * reducers.sum.rows(new Float64Array([3, 1, 2, 5]), out, 2, 2);
 * console.assert(out.join() === "4,7");
 * reducers.max.rows(new Float64Array([3, 1, 2, 5]), out, 1, 4);
 * console.assert(out[0] === 5);
 * ```
 */
export const reducers: Readonly<Record<"sum" | "max" | "min", Reducer>> = {
  sum: {
    init: 0,
    rows: (x, out, count, len) => {
      for (let r = 0, k = 0; r < count; r++) {
        let acc = 0;
        for (const end = k + len; k < end; k++) acc += x[k];
        out[r] = acc;
      }
    },
    combine: rowLoops.add,
  },
  max: {
    init: -Infinity,
    // The comparison selects the index of the running maximum without a
    // branch (random values would mispredict half of them); the value is
    // read back from there.
    rows: (x, out, count, len) => {
      for (let r = 0, start = 0; r < count; r++, start += len) {
        let at = start;
        for (let k = start + 1, end = start + len; k < end; k++) {
          const wins = +(x[k] > x[at]) | +(x[k] !== x[k]);
          at ^= (at ^ k) & -wins;
        }
        out[r] = len === 0 ? -Infinity : x[at];
      }
    },
    combine: (out, o, a, ia, sa, b, ib, sb, n) => {
      const end = o + n;
      for (let j = o; j < end; j++, ia += sa, ib += sb) {
        out[j] = b[ib] > a[ia] || b[ib] !== b[ib] ? b[ib] : a[ia];
      }
    },
  },
  min: {
    init: Infinity,
    rows: (x, out, count, len) => {
      for (let r = 0, start = 0; r < count; r++, start += len) {
        let at = start;
        for (let k = start + 1, end = start + len; k < end; k++) {
          const wins = +(x[k] < x[at]) | +(x[k] !== x[k]);
          at ^= (at ^ k) & -wins;
        }
        out[r] = len === 0 ? Infinity : x[at];
      }
    },
    combine: (out, o, a, ia, sa, b, ib, sb, n) => {
      const end = o + n;
      for (let j = o; j < end; j++, ia += sa, ib += sb) {
        out[j] = b[ib] < a[ia] || b[ib] !== b[ib] ? b[ib] : a[ia];
      }
    },
  },
};

/**
 * The index of the largest value (`high`) or the smallest of each of
 * `count` runs of `len` consecutive values of `x` (the first one on ties;
 * the first NaN wins, as in numpy), into `out[0]` ... `out[count - 1]`.
 *
 * @example
 * ```ts
 * import { argBestRows } from "./elementwise.ts";
 * const out = new Float64Array(2);
 * argBestRows(new Float64Array([3, 1, 2, 5]), out, 2, 2, true);
 * console.assert(out.join() === "0,1");
 * argBestRows(new Float64Array([3, NaN, NaN, 5]), out, 1, 4, false);
 * console.assert(out[0] === 1);
 * ```
 */
export function argBestRows(
  x: Float64Array,
  out: Float64Array,
  count: number,
  len: number,
  high: boolean,
): void {
  // One loop for each direction, and the comparison's outcome (0 or 1)
  // masking in the new index rather than a branch, which random values and
  // max pooling's 2 x 2 windows would mispredict half the time.
  if (high) {
    for (let r = 0, start = 0; r < count; r++, start += len) {
      let at = start;
      for (let k = start + 1, end = start + len; k < end; k++) {
        const wins = +(x[k] > x[at]) | (+(x[k] !== x[k]) & +(x[at] === x[at]));
        at ^= (at ^ k) & -wins;
      }
      out[r] = at - start;
    }
  } else {
    for (let r = 0, start = 0; r < count; r++, start += len) {
      let at = start;
      for (let k = start + 1, end = start + len; k < end; k++) {
        const wins = +(x[k] < x[at]) | (+(x[k] !== x[k]) & +(x[at] === x[at]));
        at ^= (at ^ k) & -wins;
      }
      out[r] = at - start;
    }
  }
}

/**
 * `out = cond ? a : b` elementwise over `shape` (numpy's `np.where`), each
 * operand read with its own strides along each axis of `shape`, 0 where it
 * repeats. A condition is true when it is not 0 (NaN is true, as in numpy).
 *
 * @example
 * ```ts
 * import { broadcastWhere } from "./elementwise.ts";
 * // where([[1], [0]], [10, 20], -1)
 * const out = new Float64Array(4);
 * broadcastWhere(out, [2, 2], new Float64Array([1, 0]), [1, 0], new Float64Array([10, 20]), [0, 1], new Float64Array([-1]), [0, 0]);
 * console.assert(out.join() === "10,20,-1,-1");
 * ```
 */
export function broadcastWhere(
  out: Float64Array,
  shape: readonly number[],
  cond: Float64Array,
  stridesC: readonly number[],
  a: Float64Array,
  stridesA: readonly number[],
  b: Float64Array,
  stridesB: readonly number[],
): void {
  if (out.length === 0) return;
  const last = shape.length - 1;
  const width = last < 0 ? 1 : shape[last];
  const sc = last < 0 ? 0 : stridesC[last];
  const sa = last < 0 ? 0 : stridesA[last];
  const sb = last < 0 ? 0 : stridesB[last];
  const counter = new Int32Array(Math.max(last, 0));
  // Both candidates go into `pair` and the condition indexes it: a ternary
  // here is a branch that random conditions mispredict, four times slower.
  const pair = new Float64Array(2);
  let ic = 0;
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < out.length; o += width) {
    const end = o + width;
    for (let j = o, c = ic, x = ia, y = ib; j < end; j++) {
      pair[0] = b[y];
      pair[1] = a[x];
      out[j] = pair[+(cond[c] !== 0)];
      c += sc;
      x += sa;
      y += sb;
    }
    for (let d = last - 1; d >= 0; d--) {
      ic += stridesC[d];
      ia += stridesA[d];
      ib += stridesB[d];
      if (++counter[d] < shape[d]) break;
      ic -= stridesC[d] * shape[d];
      ia -= stridesA[d] * shape[d];
      ib -= stridesB[d] * shape[d];
      counter[d] = 0;
    }
  }
}
