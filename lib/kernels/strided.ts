/**
 * The loops behind slicing and transposing: copying a strided view of a
 * tensor's data into a new array, and writing or adding values into such a
 * view. A view is an offset plus, per axis, a count and a stride (in
 * elements) into the data.
 *
 * Before looping, axes of size 1 are dropped and neighbouring axes that walk
 * the data without a gap are merged, so that a contiguous block (a range of
 * rows, say) is one copy, and im2col's windows are copied a whole row of the
 * window at a time.
 *
 * @module
 */

/**
 * Rows shorter than this are copied with a plain loop: for short rows,
 * making the `subarray` that `set` needs costs more than the copy itself
 * (measured in Deno 2.9: `set` wins from about 64 values, and is 14 times
 * slower for rows of 8).
 */
const SET_MIN = 64;

/** The shape and the strides of each operand after dropping size-1 axes and merging contiguous neighbours. */
interface Merged {
  shape: number[];
  strides: number[][];
}

function merge(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): Merged {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    // Axis d continues the previous kept axis when, for every operand, one
    // step along the previous axis is a whole run along d.
    const joins = last >= 0 &&
      strides.every((s, k) => outStrides[k][last] === s[d] * shape[d]);
    if (joins) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(shape[d]);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Rows and columns per tile of a transposing copy: 32 x 32 floats (8 KB
 * read, 8 KB written), which stay in the L1 cache. With four columns copied
 * at a time, 16 and 64 measured about the same as 32 on the transposes of
 * the SimpleConvNet's step and of large square matrices (bench/ noise of
 * 20 % between runs); 32 is between them.
 */
const TILE = 32;

/**
 * A new array with the elements of the view of `src` that starts at
 * `offset` and has `strides` along the axes of `shape`, in row-major order.
 *
 * @example
 * ```ts
 * import { gatherStrided } from "./strided.ts";
 * // Every other column of [[0, 1, 2, 3], [4, 5, 6, 7]].
 * const src = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]);
 * console.assert(gatherStrided(src, 0, [2, 2], [4, 2]).join() === "0,2,4,6");
 * ```
 */
export function gatherStrided(
  src: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): Float64Array {
  let size = 1;
  for (const d of shape) size *= d;
  const out = new Float64Array(size);
  copyStrided(src, offset, shape, strides, out, 0);
  return out;
}

/**
 * Copies the view of `src` that starts at `offset` and has `strides` along
 * the axes of `shape` into `out` from index `at`, in row-major order: the
 * gather of {@link gatherStrided} into an array that already exists (the
 * memory of a WebAssembly kernel, say).
 *
 * A view that reads its last axis at a stride but another axis at stride 1
 * (a transpose) is copied tile by tile, so that both the reads and the
 * writes touch only a few cache lines at a time, however long the axes are.
 *
 * @example
 * ```ts
 * import { copyStrided } from "./strided.ts";
 * // The transpose of [[1, 2, 3], [4, 5, 6]], after a 0 already in place.
 * const out = new Float64Array(7);
 * copyStrided(new Float64Array([1, 2, 3, 4, 5, 6]), 0, [3, 2], [1, 3], out, 1);
 * console.assert(out.join() === "0,1,4,2,5,3,6");
 * ```
 */
export function copyStrided(
  src: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  out: Float64Array,
  at: number,
): void {
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const m = merge(shape, [strides]);
  const last = m.shape.length - 1;
  if (last < 0) {
    out[at] = src[offset];
    return;
  }
  const shp = m.shape;
  const st = m.strides[0];
  const unit = st.indexOf(1);
  if (unit >= 0 && unit < last) {
    copyTiled(src, offset, shp, st, unit, out, at);
    return;
  }
  const n = shp[last];
  const step = st[last];
  const counter = new Int32Array(last);
  let i = offset;
  for (let o = at, end = at + size; o < end; o += n) {
    if (step === 1 && n >= SET_MIN) {
      out.set(src.subarray(i, i + n), o);
    } else {
      for (let j = 0, k = i; j < n; j++, k += step) out[o + j] = src[k];
    }
    for (let d = last - 1; d >= 0; d--) {
      i += st[d];
      if (++counter[d] < shp[d]) break;
      i -= st[d] * shp[d];
      counter[d] = 0;
    }
  }
}

/**
 * Copies `rows` x `cols` elements from `src`, rows at stride 1 and columns
 * at stride `step` from `from`, into `out` at `to`, rows at stride `rowOut`
 * and columns at stride 1: a transpose, tile by tile.
 */
function copyPlane(
  src: Float64Array,
  from: number,
  step: number,
  rows: number,
  cols: number,
  out: Float64Array,
  to: number,
  rowOut: number,
): void {
  const step2 = 2 * step;
  const step3 = 3 * step;
  for (let c0 = 0; c0 < cols; c0 += TILE) {
    const c1 = Math.min(cols, c0 + TILE);
    for (let r0 = 0; r0 < rows; r0 += TILE) {
      const r1 = Math.min(rows, r0 + TILE);
      // Four columns at a time, so that each row of out gets four
      // neighbouring values at once: about three times faster than one
      // column at a time, which writes a value per cache line.
      let c = c0;
      for (; c + 3 < c1; c += 4) {
        // Reads along the axis of stride 1, indices carried along rather
        // than multiplied out.
        let i = from + r0 + c * step;
        let o = to + r0 * rowOut + c;
        for (let r = r0; r < r1; r++, i++, o += rowOut) {
          out[o] = src[i];
          out[o + 1] = src[i + step];
          out[o + 2] = src[i + step2];
          out[o + 3] = src[i + step3];
        }
      }
      for (; c < c1; c++) {
        let i = from + r0 + c * step;
        let o = to + r0 * rowOut + c;
        for (let r = r0; r < r1; r++, i++, o += rowOut) out[o] = src[i];
      }
    }
  }
}

/**
 * {@link copyStrided} of merged axes whose axis `unit` has stride 1 and
 * whose last axis does not: for every position along the other axes, the
 * plane of those two axes is copied by tiles of {@link TILE} x TILE.
 */
function copyTiled(
  src: Float64Array,
  offset: number,
  shp: readonly number[],
  st: readonly number[],
  unit: number,
  out: Float64Array,
  at: number,
): void {
  const last = shp.length - 1;
  const outStrides = new Array<number>(shp.length);
  for (let d = last, s = 1; d >= 0; d--) {
    outStrides[d] = s;
    s *= shp[d];
  }
  const rows = shp[unit];
  const cols = shp[last];
  const step = st[last];
  const rowOut = outStrides[unit];
  // The other axes, walked by an odometer: their sizes and both strides.
  const axes = shp.map((_, d) => d).filter((d) => d !== unit && d !== last);
  const counter = new Int32Array(axes.length);
  let planes = 1;
  for (const d of axes) planes *= shp[d];
  let i = offset;
  let o = at;
  for (let p = 0; p < planes; p++) {
    copyPlane(src, i, step, rows, cols, out, o, rowOut);
    for (let k = axes.length - 1; k >= 0; k--) {
      const d = axes[k];
      i += st[d];
      o += outStrides[d];
      if (++counter[k] < shp[d]) break;
      i -= st[d] * shp[d];
      o -= outStrides[d] * shp[d];
      counter[k] = 0;
    }
  }
}

/**
 * Writes (or, with `add`, adds) `values` into the view of `dst` that starts
 * at `offset` and has `strides` along the axes of `shape`. `valueStrides`
 * are the strides of `values` along the same axes, 0 where a value repeats
 * (broadcasting), from `valueOffset` on. Each element of the view must be a different element of
 * `dst`, as slices with positive steps are.
 *
 * @example
 * ```ts
 * import { scatterStrided } from "./strided.ts";
 * // The first column of a 2 x 3 matrix gets 7, then 1 added.
 * const dst = new Float64Array(6);
 * scatterStrided(dst, 0, [2], [3], new Float64Array([7]), [0], false);
 * scatterStrided(dst, 0, [2], [3], new Float64Array([1]), [0], true);
 * console.assert(dst.join() === "8,0,0,8,0,0");
 * ```
 */
export function scatterStrided(
  dst: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  values: Float64Array,
  valueStrides: readonly number[],
  add: boolean,
  valueOffset = 0,
): void {
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const m = merge(shape, [strides, valueStrides]);
  const last = m.shape.length - 1;
  if (last < 0) {
    const value = values[valueOffset];
    dst[offset] = add ? dst[offset] + value : value;
    return;
  }
  const shp = m.shape;
  const sd = m.strides[0];
  const sv = m.strides[1];
  const n = shp[last];
  const stepD = sd[last];
  const stepV = sv[last];
  const counter = new Int32Array(last);
  let i = offset;
  let v = valueOffset;
  for (let o = 0; o < size; o += n) {
    if (add) {
      for (let j = 0, k = i, l = v; j < n; j++, k += stepD, l += stepV) {
        dst[k] += values[l];
      }
    } else if (stepD === 1 && stepV === 1 && n >= SET_MIN) {
      dst.set(values.subarray(v, v + n), i);
    } else {
      for (let j = 0, k = i, l = v; j < n; j++, k += stepD, l += stepV) {
        dst[k] = values[l];
      }
    }
    for (let d = last - 1; d >= 0; d--) {
      i += sd[d];
      v += sv[d];
      if (++counter[d] < shp[d]) break;
      i -= sd[d] * shp[d];
      v -= sv[d] * shp[d];
      counter[d] = 0;
    }
  }
}
