/**
 * Printing tensors the way numpy does: aligned columns, `[ 0.5 -1. ]`,
 * `nan` and `inf`, and `...` where a large tensor is elided.
 *
 * @module
 */

/** What the printer needs of a tensor (kept structural to avoid a cycle). */
export interface Printable {
  /** Elements in row-major order. */
  readonly data: Float64Array;
  /** Size of each dimension. */
  readonly shape: readonly number[];
}

/** Tensors with more elements than this are elided, 3 items per edge. */
export const SUMMARY_THRESHOLD = 100;
const EDGE_ITEMS = 3;
const GAP = -1;

/** Indices to print along one axis; `-1` stands for an elided run (`...`). */
export type Kept = number[];

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function edges(n: number): Kept {
  return n > 2 * EDGE_ITEMS
    ? [...range(0, EDGE_ITEMS), GAP, ...range(n - EDGE_ITEMS, n)]
    : range(0, n);
}

/**
 * The indices kept along an axis of length `n` when printing a window of
 * `radius` items either side of `center`.
 *
 * @example
 * ```ts
 * import { windowAround } from "./format.ts";
 * console.assert(windowAround(10, 5, 1).join() === "-1,4,5,6,-1");
 * ```
 */
export function windowAround(n: number, center: number, radius: number): Kept {
  const from = Math.max(0, center - radius);
  const to = Math.min(n, center + radius + 1);
  return [
    ...(from > 0 ? [GAP] : []),
    ...range(from, to),
    ...(to < n ? [GAP] : []),
  ];
}

function formatNumbers(values: number[]): string[] {
  const finite = values.filter(Number.isFinite);
  const special = (v: number) =>
    Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  if (finite.every((v) => Number.isInteger(v) && Math.abs(v) < 1e16)) {
    return values.map((v) => (Number.isFinite(v) ? String(v) : special(v)));
  }
  const magnitudes = finite.map(Math.abs).filter((v) => v > 0);
  const big = Math.max(0, ...magnitudes);
  const small = Math.min(Infinity, ...magnitudes);
  if (big >= 1e8 || small < 1e-4) {
    return values.map((v) =>
      Number.isFinite(v)
        ? v.toExponential(4).replace(/e([+-])(\d)$/, "e$10$2")
        : special(v)
    );
  }
  const texts = values.map((v) => {
    if (!Number.isFinite(v)) return special(v);
    const fixed = v.toFixed(8).replace(/0+$/, "");
    return fixed;
  });
  // Align on the decimal point: pad the fraction part on the right. `nan`
  // and `inf` have no point; the caller right-aligns them, as numpy does.
  const fracWidth = Math.max(
    ...texts.map((t) => (t.includes(".") ? t.length - t.indexOf(".") : 0)),
  );
  return texts.map((t) =>
    t.includes(".") ? t.padEnd(t.indexOf(".") + fracWidth) : t
  );
}

/**
 * Prints a tensor; `kept` chooses, per axis, which indices appear (by default
 * all of them, or the edges of each axis once the tensor is large).
 *
 * @example
 * ```ts
 * import { formatTensor } from "./format.ts";
 * const t = { data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] };
 * console.assert(formatTensor(t) === "[[1 2]\n [3 4]]");
 * ```
 */
export function formatTensor(t: Printable, kept?: Kept[]): string {
  const shape = t.shape;
  if (shape.length === 0) return formatNumbers([t.data[0]])[0];
  const keep = kept ??
    shape.map((n) =>
      t.data.length > SUMMARY_THRESHOLD ? edges(n) : range(0, n)
    );
  const strides = shape.map((_, i) =>
    shape.slice(i + 1).reduce((a, b) => a * b, 1)
  );
  const offsets: number[] = [];
  const collect = (axis: number, offset: number) => {
    for (const k of keep[axis]) {
      if (k === GAP) continue;
      const o = offset + k * strides[axis];
      if (axis === shape.length - 1) offsets.push(o);
      else collect(axis + 1, o);
    }
  };
  collect(0, 0);
  const texts = formatNumbers(offsets.map((o) => t.data[o]));
  const width = Math.max(0, ...texts.map((s) => s.length));
  let next = 0;
  const render = (axis: number, indent: string): string => {
    const last = axis === shape.length - 1;
    const parts: string[] = [];
    for (const k of keep[axis]) {
      if (k === GAP) parts.push("...");
      else if (last) parts.push(texts[next++].padStart(width));
      else parts.push(render(axis + 1, indent + " "));
    }
    const newlines = "\n".repeat(Math.max(1, shape.length - 1 - axis));
    const sep = last ? " " : newlines + indent + " ";
    return "[" + parts.join(sep) + "]";
  };
  return render(0, "");
}
