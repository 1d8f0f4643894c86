/**
 * A small float64 tensor: a row-major `Float64Array` plus a shape, with the
 * numpy operations that "Deep Learning from Scratch" uses. Operations return
 * new tensors; the few that update in place say so in their name
 * (`addInPlace`, `setInPlace`, ...).
 *
 * @module
 */

import type { Rng } from "./random.ts";
import { formatTensor } from "./format.ts";
import { matmul as matmulKernel, type Operand } from "./kernels/matmul.ts";
import { gatherStrided, scatterStrided } from "./kernels/strided.ts";
import {
  argBestRows,
  assignRow,
  broadcastRows,
  broadcastWhere,
  mapInto,
  type Reducer,
  reducers,
  type RowLoop,
  rowLoopOf,
  rowLoops,
} from "./kernels/elementwise.ts";

/** Nested arrays of numbers, as written in source: `[[1, 2], [3, 4]]`. */
export type NestedArray = number | NestedArray[];

/** A tensor or a plain number (broadcast as a scalar). */
export type TensorLike = Tensor | number;

/**
 * How {@link Tensor.slice} reads one axis, as numpy's basic indexing does:
 * `null` or `[]` the whole axis (`:`); `[start, stop, step]` a range (`a:b:c`),
 * each part optional or `null`, negative start and stop counting from the
 * end, out-of-range ones clamped, the step a positive integer; a number one
 * index, which drops the axis (`x[:, 2]`).
 */
export type SliceSpec =
  | null
  | number
  | readonly []
  | readonly [start: number | null, stop?: number | null, step?: number | null];

/** Where a slice lies in its tensor's data: offset, counts and strides. */
interface View {
  offset: number;
  shape: number[];
  strides: number[];
}

/**
 * The elements of a tensor that reads them from another tensor's data and
 * has not copied them yet (a transpose, a slice, or a reshape of either):
 * walking `shape` with `strides` from `offset` in `source` gives them in
 * row-major order. Operations that can read such a walk directly (matmul,
 * the slice updates) skip the copy; every other one makes it first.
 */
interface Lazy extends View {
  source: Float64Array;
}

/**
 * A tensor's elements as a walk of an array: per axis of the tensor, the
 * sizes and strides of the walk's axes that it runs over (several where a
 * reshape merged them, none for an axis of size 1).
 */
interface Walk {
  source: Float64Array;
  offset: number;
  axes: [size: number, stride: number][][];
}

/**
 * The axes of a walk over `walkShape` grouped by the axes of `shape`, or
 * undefined when an axis of `shape` splits an axis of the walk (a reshape
 * that no single walk expresses).
 */
function groupAxes(
  shape: readonly number[],
  walkShape: readonly number[],
  walkStrides: readonly number[],
): Walk["axes"] | undefined {
  const axes: Walk["axes"] = [];
  let g = 0;
  for (const d of shape) {
    const group: [number, number][] = [];
    let size = 1;
    while (size < d) {
      if (g >= walkShape.length) return undefined;
      if (walkShape[g] !== 1) {
        group.push([walkShape[g], walkStrides[g]]);
        size *= walkShape[g];
      }
      g++;
    }
    if (size !== d) return undefined;
    axes.push(group);
  }
  return axes;
}

/**
 * The one stride that walks a group of axes (see {@link Walk}), or undefined
 * if they leave gaps between them.
 */
function groupStride(group: readonly [number, number][]): number | undefined {
  for (let i = 0; i + 1 < group.length; i++) {
    if (group[i][1] !== group[i + 1][1] * group[i + 1][0]) return undefined;
  }
  return group.length === 0 ? 0 : group[group.length - 1][1];
}

/** Whether `strides` walk `shape` in row-major order without gaps. */
function isRowMajor(
  shape: readonly number[],
  strides: readonly number[],
): boolean {
  const own = stridesOf(shape);
  return shape.every((d, i) => d === 1 || strides[i] === own[i]);
}

function specToString(spec: SliceSpec | undefined): string {
  if (typeof spec === "number") return String(spec);
  if (spec === null || spec === undefined) return ":";
  if (!Array.isArray(spec)) return String(spec);
  const [start, stop, step] = spec as (number | null | undefined)[];
  const part = (v: number | null | undefined) =>
    v === null || v === undefined ? "" : String(v);
  return `${part(start)}:${part(stop)}${
    spec.length > 2 ? `:${part(step)}` : ""
  }`;
}

function specsToString(specs: readonly SliceSpec[]): string {
  return `[${specs.map(specToString).join(", ")}]`;
}

/**
 * The view that `specs` select in a tensor of `shape`, or a TensorError; the
 * tensor's own elements are at `base.offset` and `base.strides` (row-major
 * unless given).
 */
function viewOf(
  op: string,
  shape: readonly number[],
  specs: readonly SliceSpec[],
  base: { offset: number; strides: readonly number[] } = {
    offset: 0,
    strides: stridesOf(shape),
  },
): View {
  const fail = (why: string) =>
    new TensorError(
      op,
      `${why} (slice ${specsToString(specs)} of shape ${shapeToString(shape)})`,
    );
  if (specs.length > shape.length) {
    throw fail(
      `${specs.length} specs for ${shape.length} dimension(s)`,
    );
  }
  const strides = base.strides;
  const view: View = { offset: base.offset, shape: [], strides: [] };
  for (let d = 0; d < shape.length; d++) {
    const spec = specs[d] ?? null;
    const size = shape[d];
    if (typeof spec === "number") {
      if (!Number.isInteger(spec) || spec < -size || spec >= size) {
        throw fail(`index ${spec} is out of range for axis ${d}`);
      }
      view.offset += (spec < 0 ? spec + size : spec) * strides[d];
      continue;
    }
    if (!Array.isArray(spec) && spec !== null || (spec?.length ?? 0) > 3) {
      throw fail(
        `axis ${d}: a spec is null, a number or [start, stop, step]`,
      );
    }
    const [start, stop, step] = (spec ?? []) as (number | null | undefined)[];
    for (const [name, v] of [["start", start], ["stop", stop]] as const) {
      if (v !== null && v !== undefined && !Number.isInteger(v)) {
        throw fail(`axis ${d}: ${name} ${v} is not an integer`);
      }
    }
    const by = step ?? 1;
    if (!Number.isInteger(by) || by <= 0) {
      throw fail(`axis ${d}: step ${by} must be a positive integer`);
    }
    // numpy's clamping: negative counts from the end, then into [0, size].
    const clamp = (v: number) =>
      Math.min(size, Math.max(0, v < 0 ? v + size : v));
    const from = clamp(start ?? 0);
    const to = clamp(stop ?? size);
    const count = Math.max(0, Math.ceil((to - from) / by));
    if (count > 0) view.offset += from * strides[d];
    view.shape.push(count);
    view.strides.push(strides[d] * by);
  }
  return view;
}

/** The indices of `rows`/`takePerRow`-like operations as numbers, or a TensorError. */
function indexList(
  op: string,
  indices: readonly number[] | Tensor,
  what: string,
): ArrayLike<number> {
  if (!(indices instanceof Tensor)) return indices;
  if (indices.ndim !== 1) {
    throw new TensorError(
      op,
      `the ${what} must be 1-D, got shape ${shapeToString(indices.shape)}`,
    );
  }
  return peek(indices);
}

/**
 * The error thrown for bad input to a tensor operation. Its message names the
 * operation and the shapes involved.
 */
export class TensorError extends Error {
  /** Creates the error; `op` is the operation's name, e.g. `"Tensor.add"`. */
  constructor(op: string, detail: string) {
    super(`${op}: ${detail}`);
    this.name = "TensorError";
  }
}

/** Formats a shape the way errors print it: `[2, 3]`. */
export function shapeToString(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

function checkShape(op: string, shape: readonly number[]): number[] {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new TensorError(
        op,
        `every dimension must be a non-negative integer, got shape ${
          shapeToString(shape)
        }`,
      );
    }
  }
  return [...shape];
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

function normalizeAxis(
  op: string,
  axis: number,
  shape: readonly number[],
): number {
  const ndim = shape.length;
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new TensorError(
      op,
      `axis ${axis} is out of range for shape ${
        shapeToString(shape)
      } (${ndim} dimension(s))`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

/** The shape two shapes broadcast to, or a TensorError naming both. */
export function broadcastShapes(
  op: string,
  a: readonly number[],
  b: readonly number[],
): number[] {
  const ndim = Math.max(a.length, b.length);
  const out = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const da = a[a.length - ndim + i] ?? 1;
    const db = b[b.length - ndim + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new TensorError(
        op,
        `shapes ${shapeToString(a)} and ${shapeToString(b)} do not broadcast`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * A row-major float64 tensor.
 *
 * @example
 * ```ts
 * import { Tensor } from "./tensor.ts";
 * const x = Tensor.from([[1, -2], [3, -4]]);
 * const y = x.maximum(0).add(1);
 * console.assert(y.toString() === "[[2 1]\n [4 1]]");
 * ```
 */
/**
 * The data of a tensor, for reading inside this module: never a copy, even
 * while a reshape shares it (the public `data` would copy it first).
 */
let peek: (t: Tensor) => Float64Array;

/** A tensor of `shape` whose elements are the walk `lazy`, not yet copied. */
let lazyTensor: (lazy: Lazy, shape: readonly number[]) => Tensor;

export class Tensor {
  #data: Float64Array;
  /**
   * Whether another tensor may hold the same data (a reshape shares it): the
   * next in-place update copies it first, so that neither sees the other's.
   */
  #shared = false;
  /**
   * The walk that gives this tensor's elements while they are not copied
   * yet; `#data` is then a placeholder of the right length, never read.
   */
  #lazy: Lazy | undefined;
  /**
   * Whether `data` has handed out the array: views of it are copied at
   * once, since the caller may write into the array after making them.
   */
  #exposed = false;
  /** The size of each dimension. */
  readonly shape: readonly number[];

  /**
   * Wraps `data` (not copied) with `shape`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const t = new Tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
   * console.assert(t.get(1, 0) === 4);
   * ```
   */
  constructor(data: Float64Array, shape: readonly number[]) {
    const s = checkShape("new Tensor", shape);
    if (sizeOf(s) !== data.length) {
      throw new TensorError(
        "new Tensor",
        `shape ${shapeToString(s)} holds ${
          sizeOf(s)
        } elements but the data has ${data.length}`,
      );
    }
    this.#data = data;
    this.shape = Object.freeze(s);
  }

  /**
   * The elements in row-major order: the array given to the constructor, not
   * a copy. Treat it as read-only and change a tensor through its `...InPlace`
   * methods. A tensor that shares its data with a reshape gets a copy of its
   * own here first, so that writing into the array changes only this tensor;
   * so does a transpose or a slice, whose elements wait to be copied until
   * something reads them in order.
   */
  get data(): Float64Array {
    this.#exposed = true;
    return this.#own();
  }

  static {
    peek = (t) => t.#lazy === undefined ? t.#data : t.#copyLazy();
    lazyTensor = (lazy, shape) => {
      const t = new Tensor(lazy.source.subarray(0, sizeOf(shape)), shape);
      t.#lazy = lazy;
      return t;
    };
  }

  /** Copies the elements of the walk `#lazy` into data of this tensor's own. */
  #copyLazy(): Float64Array {
    const { source, offset, shape, strides } = this.#lazy!;
    this.#lazy = undefined;
    if (
      offset === 0 && source.length === this.#data.length &&
      isRowMajor(shape, strides)
    ) {
      // All of the source in order (a slice of everything): share it.
      this.#data = source;
      this.#shared = true;
    } else {
      this.#data = gatherStrided(source, offset, shape, strides);
    }
    return this.#data;
  }

  /** This tensor's elements as a walk, copied first only if no walk can say it. */
  #walk(): Walk {
    const lazy = this.#lazy;
    if (lazy !== undefined) {
      const axes = groupAxes(this.shape, lazy.shape, lazy.strides);
      if (axes) return { source: lazy.source, offset: lazy.offset, axes };
    }
    const strides = stridesOf(this.shape);
    return {
      source: peek(this),
      offset: 0,
      axes: this.shape.map((d, i) => d === 1 ? [] : [[d, strides[i]]]),
    };
  }

  /**
   * A tensor of `shape` reading the walk `lazy` of this tensor's elements
   * (from {@link Tensor.#walk}): this tensor's data is marked shared, so that
   * its in-place updates copy it first and never show in the view.
   */
  #view(lazy: Lazy, shape: readonly number[]): Tensor {
    if (lazy.source === this.#data) this.#shared = true;
    const view = lazyTensor(lazy, shape);
    if (this.#exposed) peek(view);
    return view;
  }

  /** The data, made this tensor's own first if a reshape may share it. */
  #own(): Float64Array {
    if (this.#lazy !== undefined) this.#copyLazy();
    if (this.#shared) {
      this.#data = this.#data.slice();
      this.#shared = false;
    }
    return this.#data;
  }

  // ---------------------------------------------------------------- creation

  /**
   * A tensor from nested arrays (or a single number, giving shape `[]`).
   * Ragged arrays and non-numbers are rejected.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[1, 2, 3]]).shape.join() === "1,3");
   * ```
   */
  static from(values: NestedArray | Tensor): Tensor {
    if (values instanceof Tensor) return values.clone();
    const shape: number[] = [];
    let level: NestedArray = values;
    while (Array.isArray(level)) {
      shape.push(level.length);
      if (level.length === 0) break;
      level = level[0];
    }
    const data = new Float64Array(sizeOf(shape));
    let k = 0;
    const walk = (v: NestedArray, depth: number, path: number[]) => {
      const where = path.length ? ` at [${path.join(", ")}]` : "";
      if (depth === shape.length) {
        if (typeof v !== "number") {
          throw new TensorError(
            "Tensor.from",
            `ragged nested array: expected a number${where}, got ${
              Array.isArray(v) ? "an array" : typeof v
            } (shape so far ${shapeToString(shape)})`,
          );
        }
        data[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw new TensorError(
          "Tensor.from",
          `ragged nested array: expected an array of length ${
            shape[depth]
          }${where}, got ${
            Array.isArray(v) ? `length ${v.length}` : typeof v
          } (shape ${shapeToString(shape)})`,
        );
      }
      for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, [...path, i]);
    };
    walk(values, 0, []);
    return new Tensor(data, shape);
  }

  /**
   * A tensor of the given shape filled with `value`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.full([2, 2], 7).sum() === 28);
   * ```
   */
  static full(shape: readonly number[], value: number): Tensor {
    const s = checkShape("Tensor.full", shape);
    return new Tensor(new Float64Array(sizeOf(s)).fill(value), s);
  }

  /**
   * A tensor of zeros.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.zeros([3]).toString() === "[0 0 0]");
   * ```
   */
  static zeros(shape: readonly number[]): Tensor {
    const s = checkShape("Tensor.zeros", shape);
    return new Tensor(new Float64Array(sizeOf(s)), s);
  }

  /**
   * A tensor of ones.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.ones([2, 3]).sum() === 6);
   * ```
   */
  static ones(shape: readonly number[]): Tensor {
    return Tensor.full(checkShape("Tensor.ones", shape), 1);
  }

  /**
   * Standard normal draws from a seeded generator, times `std`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import { Rng } from "./random.ts";
   * const w = Tensor.randn([784, 50], new Rng(0), 0.01);
   * console.assert(Math.abs(w.mean()) < 0.001);
   * ```
   */
  static randn(shape: readonly number[], rng: Rng, std = 1): Tensor {
    const t = Tensor.zeros(checkShape("Tensor.randn", shape));
    for (let i = 0; i < peek(t).length; i++) peek(t)[i] = rng.normal(0, std);
    return t;
  }

  /**
   * Uniform draws in [low, high) from a seeded generator.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * import { Rng } from "./random.ts";
   * const u = Tensor.uniform([100], new Rng(0), -1, 1);
   * console.assert(u.max() < 1 && u.min() >= -1);
   * ```
   */
  static uniform(
    shape: readonly number[],
    rng: Rng,
    low = 0,
    high = 1,
  ): Tensor {
    const t = Tensor.zeros(checkShape("Tensor.uniform", shape));
    for (let i = 0; i < peek(t).length; i++) {
      peek(t)[i] = rng.uniform(low, high);
    }
    return t;
  }

  // ------------------------------------------------------------- properties

  /** The number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The number of elements. */
  get size(): number {
    return this.#data.length;
  }

  /**
   * The transpose (all axes reversed), like numpy's `x.T`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[1, 2, 3]]).T.shape.join() === "3,1");
   * ```
   */
  get T(): Tensor {
    return this.transpose();
  }

  /**
   * A copy with its own data.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const a = Tensor.from([1, 2]);
   * console.assert(a.clone().data !== a.data);
   * ```
   */
  clone(): Tensor {
    return new Tensor(peek(this).slice(), this.shape);
  }

  // ---------------------------------------------------------- element access

  #offset(op: string, index: readonly number[]): number {
    if (index.length !== this.ndim) {
      throw new TensorError(
        op,
        `index [${
          index.join(", ")
        }] has ${index.length} coordinate(s) but the shape ${
          shapeToString(this.shape)
        } has ${this.ndim}`,
      );
    }
    const shape = this.shape;
    let offset = 0;
    for (let i = 0; i < index.length; i++) {
      const d = shape[i];
      let k = index[i];
      if (k < 0) k += d;
      if (!(k >= 0 && k < d && Number.isInteger(k))) {
        throw new TensorError(
          op,
          `index [${index.join(", ")}] is out of range for shape ${
            shapeToString(this.shape)
          }`,
        );
      }
      offset = offset * d + k;
    }
    return offset;
  }

  /**
   * The element at an index (negative coordinates count from the end).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[1, 2], [3, 4]]).get(1, -1) === 4);
   * ```
   */
  get(...index: number[]): number {
    return peek(this)[this.#offset("Tensor.get", index)];
  }

  /**
   * Writes one element, in place, and returns this tensor.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const t = Tensor.zeros([2, 2]).setInPlace([0, 1], 5);
   * console.assert(t.get(0, 1) === 5);
   * ```
   */
  setInPlace(index: readonly number[], value: number): this {
    const offset = this.#offset("Tensor.setInPlace", index);
    this.#own()[offset] = value;
    return this;
  }

  /**
   * The single value of a tensor with one element.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[3]]).item() === 3);
   * ```
   */
  item(): number {
    if (this.size !== 1) {
      throw new TensorError(
        "Tensor.item",
        `needs exactly one element, the shape is ${shapeToString(this.shape)}`,
      );
    }
    return peek(this)[0];
  }

  /**
   * Nested arrays of the elements (a number for shape `[]`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(JSON.stringify(Tensor.ones([1, 2]).toArray()) === "[[1,1]]");
   * ```
   */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.ndim) return peek(this)[offset];
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from(
        { length: this.shape[dim] },
        (_, i) => build(dim + 1, offset + i * stride),
      );
    };
    return build(0, 0);
  }

  /**
   * The elements as numpy prints them; large tensors are elided with `...`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([0.5, -1]).toString() === "[ 0.5 -1. ]");
   * ```
   */
  toString(): string {
    return formatTensor(this);
  }

  // ------------------------------------------------------------------ shape

  /**
   * The same elements under another shape; one dimension may be -1.
   * Nothing is copied: the two tensors share their data until either is
   * updated through an `...InPlace` method, which copies it first, so an
   * update of one never shows in the other (as if reshape had copied).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.zeros([2, 3, 4]);
   * const y = x.reshape(2, -1);
   * console.assert(y.shape.join() === "2,12");
   * y.setInPlace([0, 0], 1);
   * console.assert(x.get(0, 0, 0) === 0 && y.get(0, 0) === 1);
   * ```
   */
  reshape(...shape: number[]): Tensor {
    const op = "Tensor.reshape";
    const inferred = shape.filter((d) => d === -1).length;
    if (inferred > 1) {
      throw new TensorError(
        op,
        `only one dimension may be -1, got ${shapeToString(shape)}`,
      );
    }
    const known = shape.filter((d) => d !== -1);
    if (known.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new TensorError(
        op,
        `cannot reshape ${shapeToString(this.shape)} to ${
          shapeToString(shape)
        }: every dimension must be a non-negative integer or -1`,
      );
    }
    const knownSize = sizeOf(known);
    let target = shape;
    if (inferred === 1) {
      if (knownSize === 0 || this.size % knownSize !== 0) {
        throw new TensorError(
          op,
          `cannot reshape ${
            shapeToString(this.shape)
          } (${this.size} elements) to ${shapeToString(shape)}`,
        );
      }
      target = shape.map((d) => d === -1 ? this.size / knownSize : d);
    }
    if (sizeOf(target) !== this.size) {
      throw new TensorError(
        op,
        `cannot reshape ${
          shapeToString(this.shape)
        } (${this.size} elements) to ${shapeToString(shape)} (${
          sizeOf(target)
        } elements)`,
      );
    }
    // A view not copied yet stays one, under its new shape.
    if (this.#lazy !== undefined) return lazyTensor(this.#lazy, target);
    // No copy: the two share the data until either is updated in place.
    const view = new Tensor(this.#data, target);
    this.#shared = true;
    view.#shared = true;
    return view;
  }

  /**
   * Permutes the axes; with no arguments reverses them (numpy's `transpose`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.zeros([2, 3, 4, 5]);
   * console.assert(x.transpose(0, 2, 3, 1).shape.join() === "2,4,5,3");
   * ```
   */
  transpose(...axes: number[]): Tensor {
    const op = "Tensor.transpose";
    const n = this.ndim;
    const perm = axes.length === 0
      ? Array.from({ length: n }, (_, i) => n - 1 - i)
      : axes.map((a) => normalizeAxis(op, a, this.shape));
    if (perm.length !== n || new Set(perm).size !== n) {
      throw new TensorError(
        op,
        `axes [${
          axes.join(", ")
        }] are not a permutation of the ${n} axes of shape ${
          shapeToString(this.shape)
        }`,
      );
    }
    const outShape = perm.map((a) => this.shape[a]);
    if (n === 0) return new Tensor(peek(this).slice(), outShape);
    // A walk of the same elements with its axes permuted: the copy waits
    // until something needs the elements in order (matmul does not).
    const { source, offset, axes: groups } = this.#walk();
    const walked = perm.flatMap((a) => groups[a]);
    return this.#view({
      source,
      offset,
      shape: walked.map(([size]) => size),
      strides: walked.map(([, stride]) => stride),
    }, outShape);
  }

  /**
   * The rows (entries along axis 0) at the given indices, in that order:
   * numpy's `x[indices]`, used to take a minibatch.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.from([[1, 1], [2, 2], [3, 3]]);
   * console.assert(x.rows([2, 0]).toString() === "[[3 3]\n [1 1]]");
   * ```
   */
  rows(indices: readonly number[]): Tensor {
    if (this.ndim === 0) {
      throw new TensorError("Tensor.rows", "a scalar tensor has no rows");
    }
    const n = this.shape[0];
    const width = this.size / (n || 1);
    const out = new Float64Array(indices.length * width);
    indices.forEach((r, i) => {
      if (!Number.isInteger(r) || r < 0 || r >= n) {
        throw new TensorError(
          "Tensor.rows",
          `row index ${r} is out of range for shape ${
            shapeToString(this.shape)
          }`,
        );
      }
      out.set(peek(this).subarray(r * width, (r + 1) * width), i * width);
    });
    return new Tensor(out, [indices.length, ...this.shape.slice(1)]);
  }

  /**
   * A copy of a part of this tensor, numpy's basic slicing: one
   * {@link SliceSpec} per leading axis, missing trailing axes whole.
   * `x.slice([i, i + batch])` is numpy's `x[i:i+batch]`,
   * `x.slice(null, null, [y, yMax, stride])` is `x[:, :, y:yMax:stride]`, and
   * a number picks one index and drops its axis (`col[:, :, y, x]`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.from([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
   * console.assert(x.slice([1]).toString() === "[[ 4  5  6  7]\n [ 8  9 10 11]]");
   * console.assert(x.slice(null, [null, null, 2]).toString() === "[[ 0  2]\n [ 4  6]\n [ 8 10]]");
   * console.assert(x.slice(-1, [1, 3]).toString() === "[ 9 10]");
   * ```
   */
  slice(...specs: SliceSpec[]): Tensor {
    let walk = this.#walk();
    let strides = walk.axes.map(groupStride);
    if (strides.some((s) => s === undefined)) {
      // A reshape merged axes with gaps between them: copy first.
      walk = { source: peek(this), offset: 0, axes: [] };
      strides = stridesOf(this.shape);
    }
    const v = viewOf("Tensor.slice", this.shape, specs, {
      offset: walk.offset,
      strides: strides as number[],
    });
    // Copied only when something needs the elements in order: the slice
    // updates read the view as it is.
    return this.#view({ source: walk.source, ...v }, v.shape);
  }

  /**
   * Writes `values` (broadcast to the slice's shape) into the slice that
   * `specs` select, in place, and returns this tensor: numpy's
   * `x[specs] = values`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.zeros([2, 4]);
   * x.setSliceInPlace([null, [1, null, 2]], Tensor.from([[1], [2]]));
   * console.assert(x.toString() === "[[0 1 0 1]\n [0 2 0 2]]");
   * ```
   */
  setSliceInPlace(specs: readonly SliceSpec[], values: TensorLike): this {
    return this.#scatter("Tensor.setSliceInPlace", specs, values, false);
  }

  /**
   * Adds `values` (broadcast to the slice's shape) into the slice that `specs`
   * select, in place, and returns this tensor: numpy's `x[specs] += values`,
   * the accumulation of col2im.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.ones([3, 3]);
   * x.addSliceInPlace([[0, 2], [1]], 10).addSliceInPlace([[1], [1]], 10);
   * console.assert(x.toString() === "[[ 1 11 11]\n [ 1 21 21]\n [ 1 11 11]]");
   * ```
   */
  addSliceInPlace(specs: readonly SliceSpec[], values: TensorLike): this {
    return this.#scatter("Tensor.addSliceInPlace", specs, values, true);
  }

  #scatter(
    op: string,
    specs: readonly SliceSpec[],
    values: TensorLike,
    add: boolean,
  ): this {
    const v = viewOf(op, this.shape, specs);
    this.#own();
    if (typeof values === "number") {
      scatterStrided(
        peek(this),
        v.offset,
        v.shape,
        v.strides,
        Float64Array.of(values),
        v.shape.map(() => 0),
        add,
      );
      return this;
    }
    const shape = broadcastShapes(op, values.shape, v.shape);
    if (!sameShape(shape, v.shape)) {
      throw new TensorError(
        op,
        `values of shape ${shapeToString(values.shape)} do not fit the slice ${
          specsToString(specs)
        } of shape ${shapeToString(v.shape)} (tensor shape ${
          shapeToString(this.shape)
        })`,
      );
    }
    // A view not copied yet (a slice in col2im) is read where it lies.
    const walk = values.#walk();
    let strides = walk.axes.map(groupStride);
    let source = walk.source;
    let offset = walk.offset;
    if (strides.some((s) => s === undefined)) {
      source = peek(values);
      offset = 0;
      strides = stridesOf(values.shape);
    }
    // Values read from this very tensor are copied first, so that the
    // writes cannot change them half-way, as numpy guarantees.
    if (source === peek(this)) source = source.slice();
    scatterStrided(
      peek(this),
      v.offset,
      v.shape,
      v.strides,
      source,
      broadcastStrides(values.shape, v.shape, strides as number[]),
      add,
      offset,
    );
    return this;
  }

  /**
   * This tensor surrounded by `value` (numpy's `np.pad` in `"constant"` mode):
   * `widths[d]` is `[before, after]` for axis `d`, one pair per axis.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.from([[1, 2]]).pad([[1, 0], [0, 1]]);
   * console.assert(x.toString() === "[[0 0 0]\n [1 2 0]]");
   * ```
   */
  pad(widths: readonly (readonly [number, number])[], value = 0): Tensor {
    const op = "Tensor.pad";
    const shown = `[${widths.map((w) => `[${w}]`).join(", ")}]`;
    if (widths.length !== this.ndim) {
      throw new TensorError(
        op,
        `${widths.length} width pair(s) ${shown} for shape ${
          shapeToString(this.shape)
        } (${this.ndim} dimension(s))`,
      );
    }
    for (const w of widths) {
      if (
        w.length !== 2 ||
        !w.every((n) => Number.isInteger(n) && n >= 0)
      ) {
        throw new TensorError(
          op,
          `widths ${shown} must be pairs of non-negative integers (shape ${
            shapeToString(this.shape)
          })`,
        );
      }
    }
    // No padding (im2col's default): the same elements, shared until either
    // tensor is updated in place, as a reshape shares them.
    if (widths.every(([before, after]) => before === 0 && after === 0)) {
      return this.reshape(...this.shape);
    }
    const shape = this.shape.map((d, i) => widths[i][0] + d + widths[i][1]);
    const strides = stridesOf(shape);
    const out = new Float64Array(sizeOf(shape));
    if (value !== 0) out.fill(value);
    let offset = 0;
    for (let d = 0; d < shape.length; d++) offset += widths[d][0] * strides[d];
    scatterStrided(
      out,
      offset,
      this.shape,
      strides,
      peek(this),
      stridesOf(this.shape),
      false,
    );
    return new Tensor(out, shape);
  }

  /**
   * One element per row of a 2-D tensor, the one in column `labels[i]` for
   * row `i`: numpy's `y[np.arange(N), t]`, as in cross-entropy.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const y = Tensor.from([[0.1, 0.9], [0.8, 0.2]]);
   * console.assert(y.takePerRow([1, 0]).toString() === "[0.9 0.8]");
   * ```
   */
  takePerRow(labels: readonly number[] | Tensor): Tensor {
    const t = this.#labels("Tensor.takePerRow", labels);
    const cols = this.shape[1];
    const out = new Float64Array(t.length);
    for (let i = 0; i < t.length; i++) out[i] = peek(this)[i * cols + t[i]];
    return new Tensor(out, [t.length]);
  }

  /**
   * Adds `values[i]` (or one number) to the element in column `labels[i]` of
   * row `i`, in place, and returns this tensor: numpy's
   * `np.add.at(y, (np.arange(N), t), values)`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const dx = Tensor.from([[0.1, 0.9], [0.8, 0.2]]).addPerRowInPlace([1, 0], -1);
   * console.assert(dx.toString() === "[[ 0.1 -0.1]\n [-0.2  0.2]]");
   * ```
   */
  addPerRowInPlace(
    labels: readonly number[] | Tensor,
    values: TensorLike,
  ): this {
    const op = "Tensor.addPerRowInPlace";
    const t = this.#labels(op, labels);
    const cols = this.shape[1];
    const data = this.#own();
    if (typeof values === "number") {
      for (let i = 0; i < t.length; i++) data[i * cols + t[i]] += values;
      return this;
    }
    if (!sameShape(values.shape, [t.length])) {
      throw new TensorError(
        op,
        `values must be a number or of shape [${t.length}], one per row, got ${
          shapeToString(values.shape)
        } (tensor shape ${shapeToString(this.shape)})`,
      );
    }
    const v = peek(values);
    for (let i = 0; i < t.length; i++) data[i * cols + t[i]] += v[i];
    return this;
  }

  /** The labels, checked: one whole number in [0, columns) per row of a 2-D tensor. */
  #labels(op: string, labels: readonly number[] | Tensor): ArrayLike<number> {
    const t = indexList(op, labels, "labels");
    if (this.ndim !== 2 || this.shape[0] !== t.length) {
      throw new TensorError(
        op,
        `needs a 2-D tensor with one row per label: ${t.length} label(s) for shape ${
          shapeToString(this.shape)
        }`,
      );
    }
    const cols = this.shape[1];
    for (let i = 0; i < t.length; i++) {
      if (!Number.isInteger(t[i]) || t[i] < 0 || t[i] >= cols) {
        throw new TensorError(
          op,
          `label ${t[i]} of row ${i} is out of range for shape ${
            shapeToString(this.shape)
          } (a whole number in [0, ${cols}) is needed)`,
        );
      }
    }
    return t;
  }

  // ------------------------------------------------------------ elementwise

  /**
   * A new tensor with `fn` applied to every element.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([1, 2]).map((v) => v * 10).sum() === 30);
   * ```
   */
  map(fn: (value: number, index: number) => number): Tensor {
    const out = new Float64Array(this.size);
    mapInto(out, peek(this), fn);
    return new Tensor(out, this.shape);
  }

  /**
   * Combines two tensors (or a tensor and a number) elementwise with numpy
   * broadcasting; `op` names the operation in errors.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const t = Tensor.from([[1], [2]]).zipWith(Tensor.from([10, 20]), (a, b) => a * b);
   * console.assert(t.toString() === "[[10 20]\n [20 40]]");
   * ```
   */
  zipWith(
    other: TensorLike,
    fn: (a: number, b: number) => number,
    op = "Tensor.zipWith",
  ): Tensor {
    return this.#binary(other, rowLoopOf(fn), op);
  }

  /** `loop` over this tensor and `other` broadcast together, into a new tensor. */
  #binary(other: TensorLike, loop: RowLoop, op: string): Tensor {
    const a = peek(this);
    if (typeof other === "number") {
      const out = new Float64Array(a.length);
      loop(out, 0, a, 0, 1, Float64Array.of(other), 0, 0, a.length);
      return new Tensor(out, this.shape);
    }
    if (sameShape(this.shape, other.shape)) {
      const out = new Float64Array(a.length);
      loop(out, 0, a, 0, 1, peek(other), 0, 1, a.length);
      return new Tensor(out, this.shape);
    }
    const shape = broadcastShapes(op, this.shape, other.shape);
    const out = new Float64Array(sizeOf(shape));
    broadcastRows(
      loop,
      out,
      shape,
      a,
      broadcastStrides(this.shape, shape),
      peek(other),
      broadcastStrides(other.shape, shape),
    );
    return new Tensor(out, shape);
  }

  /**
   * Elementwise sum with broadcasting.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const y = Tensor.zeros([2, 3]).add(Tensor.from([1, 2, 3]));
   * console.assert(y.sum() === 12);
   * ```
   */
  add(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.add, "Tensor.add");
  }

  /**
   * Elementwise difference with broadcasting.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([3, 4]).sub(1).toString() === "[2 3]");
   * ```
   */
  sub(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.sub, "Tensor.sub");
  }

  /**
   * Elementwise product with broadcasting.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([3, 4]).mul(2).toString() === "[6 8]");
   * ```
   */
  mul(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.mul, "Tensor.mul");
  }

  /**
   * Elementwise quotient with broadcasting.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([3, 4]).div(2).toString() === "[1.5 2. ]");
   * ```
   */
  div(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.div, "Tensor.div");
  }

  /**
   * Elementwise larger value (numpy's `np.maximum`); NaN on either side
   * gives NaN, as in numpy.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-1, 2]).maximum(0).toString() === "[0 2]");
   * console.assert(Number.isNaN(Tensor.from([NaN]).maximum(0).item()));
   * ```
   */
  maximum(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.maximum, "Tensor.maximum");
  }

  /**
   * Elementwise smaller value (numpy's `np.minimum`); NaN on either side
   * gives NaN, as in numpy.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-1, 2]).minimum(0).toString() === "[-1  0]");
   * console.assert(Number.isNaN(Tensor.from([NaN]).minimum(0).item()));
   * ```
   */
  minimum(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.minimum, "Tensor.minimum");
  }

  /**
   * Elementwise 1 where `this > other`, else 0.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-1, 0, 2]).gt(0).toString() === "[0 0 1]");
   * ```
   */
  gt(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.gt, "Tensor.gt");
  }

  /**
   * Elementwise 1 where `this < other`, else 0.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-1, 0, 2]).lt(0).toString() === "[1 0 0]");
   * ```
   */
  lt(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.lt, "Tensor.lt");
  }

  /**
   * Elementwise 1 where `this >= other`, else 0.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-1, 0, 2]).ge(0).toString() === "[0 1 1]");
   * ```
   */
  ge(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.ge, "Tensor.ge");
  }

  /**
   * Elementwise 1 where `this <= other`, else 0.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-1, 0, 2]).le(0).toString() === "[1 1 0]");
   * ```
   */
  le(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.le, "Tensor.le");
  }

  /**
   * Elementwise 1 where the two are equal, else 0.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([1, 2, 3]).eq(Tensor.from([1, 0, 3])).sum() === 2);
   * ```
   */
  eq(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.eq, "Tensor.eq");
  }

  /**
   * Elementwise 1 where the two differ (NaN differs from everything), else 0.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([1, 2, NaN]).ne(Tensor.from([1, 0, NaN])).toString() === "[0 1 1]");
   * ```
   */
  ne(other: TensorLike): Tensor {
    return this.#binary(other, rowLoops.ne, "Tensor.ne");
  }

  /**
   * Elementwise power.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([2, 3]).pow(2).toString() === "[4 9]");
   * ```
   */
  pow(exponent: TensorLike): Tensor {
    return this.#binary(exponent, rowLoops.pow, "Tensor.pow");
  }

  /**
   * Elementwise negation.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([1, -2]).neg().toString() === "[-1  2]");
   * ```
   */
  neg(): Tensor {
    return this.map((v) => -v);
  }

  /**
   * Elementwise e^x.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([0]).exp().item() === 1);
   * ```
   */
  exp(): Tensor {
    return this.map(Math.exp);
  }

  /**
   * Elementwise natural logarithm.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([1]).log().item() === 0);
   * ```
   */
  log(): Tensor {
    return this.map(Math.log);
  }

  /**
   * Elementwise square root.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([9]).sqrt().item() === 3);
   * ```
   */
  sqrt(): Tensor {
    return this.map(Math.sqrt);
  }

  /**
   * Elementwise absolute value.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([-2]).abs().item() === 2);
   * ```
   */
  abs(): Tensor {
    return this.map(Math.abs);
  }

  // ------------------------------------------------------------- reductions

  #reduce(
    op: string,
    axis: number | undefined,
    keepdims: boolean,
    reducer: Reducer,
  ): Tensor {
    const x = peek(this);
    if (axis === undefined) {
      const out = new Float64Array(1);
      reducer.rows(x, out, 1, x.length);
      return new Tensor(out, keepdims ? this.shape.map(() => 1) : []);
    }
    const ax = normalizeAxis(op, axis, this.shape);
    const outer = sizeOf(this.shape.slice(0, ax));
    const len = this.shape[ax];
    const inner = sizeOf(this.shape.slice(ax + 1));
    const out = new Float64Array(outer * inner);
    // Along the last axis, each result folds a run of consecutive values.
    if (inner === 1) reducer.rows(x, out, outer, len);
    // Otherwise whole rows of `inner` values fold into a row of results.
    for (let o = 0; inner > 1 && o < outer; o++) {
      const dst = o * inner;
      out.fill(reducer.init, dst, dst + inner);
      for (let k = 0; k < len; k++) {
        const src = (o * len + k) * inner;
        reducer.combine(out, dst, out, dst, 1, x, src, 1, inner);
      }
    }
    const shape = keepdims
      ? this.shape.map((d, i) => (i === ax ? 1 : d))
      : this.shape.filter((_, i) => i !== ax);
    return new Tensor(out, shape);
  }

  /**
   * The sum of all elements, or along `axis` (keeping it as size 1 with
   * `keepdims`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.from([[1, 2], [3, 4]]);
   * console.assert(x.sum() === 10);
   * console.assert(x.sum(0).toString() === "[4 6]");
   * console.assert(x.sum(1, true).shape.join() === "2,1");
   * ```
   */
  sum(): number;
  sum(axis: number, keepdims?: boolean): Tensor;
  sum(axis?: number, keepdims = false): number | Tensor {
    const t = this.#reduce("Tensor.sum", axis, keepdims, reducers.sum);
    return axis === undefined ? peek(t)[0] : t;
  }

  /**
   * The mean of all elements, or along `axis`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[1, 2], [3, 4]]).mean(1).toString() === "[1.5 3.5]");
   * ```
   */
  mean(): number;
  mean(axis: number, keepdims?: boolean): Tensor;
  mean(axis?: number, keepdims = false): number | Tensor {
    if (axis === undefined) return this.sum() / this.size;
    const count = this.shape[normalizeAxis("Tensor.mean", axis, this.shape)];
    return this.sum(axis, keepdims).div(count);
  }

  /**
   * The largest element, or the largest along `axis`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[1, 5], [3, 4]]).max(0).toString() === "[3 5]");
   * ```
   */
  max(): number;
  max(axis: number, keepdims?: boolean): Tensor;
  max(axis?: number, keepdims = false): number | Tensor {
    this.#nonEmpty("Tensor.max", axis);
    const t = this.#reduce("Tensor.max", axis, keepdims, reducers.max);
    return axis === undefined ? peek(t)[0] : t;
  }

  /**
   * The smallest element, or the smallest along `axis`.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.from([[1, 5], [3, 4]]).min() === 1);
   * ```
   */
  min(): number;
  min(axis: number, keepdims?: boolean): Tensor;
  min(axis?: number, keepdims = false): number | Tensor {
    this.#nonEmpty("Tensor.min", axis);
    const t = this.#reduce("Tensor.min", axis, keepdims, reducers.min);
    return axis === undefined ? peek(t)[0] : t;
  }

  /**
   * The flat index of the largest element, or the index of the largest along
   * `axis` (first one on ties, like numpy).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const y = Tensor.from([[0.1, 0.8, 0.1], [0.6, 0.3, 0.1]]);
   * console.assert(y.argmax(1).toString() === "[1 0]");
   * console.assert(y.argmax() === 1);
   * ```
   */
  argmax(): number;
  argmax(axis: number, keepdims?: boolean): Tensor;
  argmax(axis?: number, keepdims = false): number | Tensor {
    return this.#argBest("Tensor.argmax", axis, keepdims, true);
  }

  /**
   * The flat index of the smallest element, or the index of the smallest
   * along `axis` (first one on ties; the first NaN wins, like numpy).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const y = Tensor.from([[0.1, 0.8, 0.1], [0.6, 0.3, 0.1]]);
   * console.assert(y.argmin(1).toString() === "[0 2]");
   * console.assert(y.argmin() === 0);
   * ```
   */
  argmin(): number;
  argmin(axis: number, keepdims?: boolean): Tensor;
  argmin(axis?: number, keepdims = false): number | Tensor {
    return this.#argBest("Tensor.argmin", axis, keepdims, false);
  }

  #argBest(
    op: string,
    axis: number | undefined,
    keepdims: boolean,
    high: boolean,
  ): number | Tensor {
    // The comparison is written out in each loop, not passed in as a
    // function: shared by argmax and argmin, such a function is not inlined.
    // The first NaN wins, as in numpy.
    this.#nonEmpty(op, axis);
    if (axis === undefined) {
      let best = 0;
      for (let i = 1; i < this.size; i++) {
        const v = peek(this)[i];
        const b = peek(this)[best];
        if ((high ? v > b : v < b) || (v !== v && b === b)) best = i;
      }
      return best;
    }
    const ax = normalizeAxis(op, axis, this.shape);
    const outer = sizeOf(this.shape.slice(0, ax));
    const len = this.shape[ax];
    const inner = sizeOf(this.shape.slice(ax + 1));
    const out = new Float64Array(outer * inner);
    const x = peek(this);
    if (inner === 1) {
      // Along the last axis (max pooling's windows): runs one after another.
      argBestRows(x, out, outer, len, high);
    } else {
      this.#argBestStrided(x, out, outer, len, inner, high);
    }
    const shape = keepdims
      ? this.shape.map((d, i) => (i === ax ? 1 : d))
      : this.shape.filter((_, i) => i !== ax);
    return new Tensor(out, shape);
  }

  /** {@link Tensor.#argBest} along an axis of stride `inner` > 1. */
  #argBestStrided(
    x: Float64Array,
    out: Float64Array,
    outer: number,
    len: number,
    inner: number,
    high: boolean,
  ): void {
    // Without a branch on the comparison, which random values would
    // mispredict half the time: its outcome, 0 or 1, masks in the new
    // index, and the best value is read back at the best index.
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let best = 0;
        let bestAt = o * len * inner + i;
        for (let k = 1, at = bestAt + inner; k < len; k++, at += inner) {
          const v = x[at];
          const b = x[bestAt];
          const wins = (high ? +(v > b) : +(v < b)) |
            (+(v !== v) & +(b === b));
          best ^= (best ^ k) & -wins;
          bestAt ^= (bestAt ^ at) & -wins;
        }
        out[o * inner + i] = best;
      }
    }
  }

  #nonEmpty(op: string, axis: number | undefined): void {
    const len = axis === undefined
      ? this.size
      : this.shape[normalizeAxis(op, axis, this.shape)];
    if (len === 0) {
      throw new TensorError(
        op,
        `cannot reduce an empty tensor of shape ${shapeToString(this.shape)}`,
      );
    }
  }

  // ----------------------------------------------------------- linear algebra

  /**
   * The matrix product of two 2-D tensors (numpy's `np.dot` for matrices).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const x = Tensor.from([[1, 2]]);
   * const w = Tensor.from([[1, 3, 5], [2, 4, 6]]);
   * console.assert(x.matmul(w).toString() === "[[ 5 11 17]]");
   * ```
   */
  matmul(other: Tensor): Tensor {
    const op = "Tensor.matmul";
    if (this.ndim !== 2 || other.ndim !== 2) {
      throw new TensorError(
        op,
        `needs two 2-D tensors, got shapes ${shapeToString(this.shape)} and ${
          shapeToString(other.shape)
        }`,
      );
    }
    const [n, k] = this.shape;
    const [k2, m] = other.shape;
    if (k !== k2) {
      throw new TensorError(
        op,
        `inner sizes differ: ${shapeToString(this.shape)} times ${
          shapeToString(other.shape)
        } (${k} != ${k2})`,
      );
    }
    // A WebAssembly SIMD kernel (kernels/matmul.wat) that gives the naive
    // triple loop's sums bit for bit, Infinity and NaN included.
    // Views not copied yet (`x.T`) are copied straight into the kernel's
    // memory, which every operand is copied into anyway.
    return new Tensor(
      matmulKernel(this.#operand(), other.#operand(), n, k, m),
      [n, m],
    );
  }

  /** This tensor's elements for the matmul kernel: its data, or its walk. */
  #operand(): Operand {
    const lazy = this.#lazy;
    if (lazy === undefined) return this.#data;
    const { source, offset, shape, strides } = lazy;
    return { data: source, offset, shape, strides };
  }

  // -------------------------------------------------------------- in place

  #inPlace(op: string, other: TensorLike, loop: RowLoop): this {
    const a = this.#own();
    if (typeof other === "number") {
      loop(a, 0, a, 0, 1, Float64Array.of(other), 0, 0, a.length);
      return this;
    }
    const shape = broadcastShapes(op, this.shape, other.shape);
    if (!sameShape(shape, this.shape)) {
      throw new TensorError(
        op,
        `cannot update ${shapeToString(this.shape)} in place with ${
          shapeToString(other.shape)
        }: the result would have shape ${shapeToString(shape)}`,
      );
    }
    if (sameShape(other.shape, shape)) {
      loop(a, 0, a, 0, 1, peek(other), 0, 1, a.length);
    } else {
      broadcastRows(
        loop,
        a,
        shape,
        a,
        stridesOf(shape),
        peek(other),
        broadcastStrides(other.shape, shape),
      );
    }
    return this;
  }

  /**
   * Adds `other` into this tensor, in place (numpy's `+=`); used by optimizers.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const w = Tensor.ones([2]);
   * w.addInPlace(Tensor.from([1, 2]));
   * console.assert(w.toString() === "[2 3]");
   * ```
   */
  addInPlace(other: TensorLike): this {
    return this.#inPlace("Tensor.addInPlace", other, rowLoops.add);
  }

  /**
   * Subtracts `other` from this tensor, in place (numpy's `-=`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const w = Tensor.ones([2]).subInPlace(Tensor.from([0.5, 1]));
   * console.assert(w.toString() === "[0.5 0. ]");
   * ```
   */
  subInPlace(other: TensorLike): this {
    return this.#inPlace("Tensor.subInPlace", other, rowLoops.sub);
  }

  /**
   * Multiplies this tensor by `other`, in place (numpy's `*=`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * console.assert(Tensor.ones([2]).mulInPlace(3).sum() === 6);
   * ```
   */
  mulInPlace(other: TensorLike): this {
    return this.#inPlace("Tensor.mulInPlace", other, rowLoops.mul);
  }

  /**
   * Overwrites every element with the matching element of `other`, in place
   * (numpy's `w[...] = other`).
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const w = Tensor.zeros([2]).assignInPlace(Tensor.from([4, 5]));
   * console.assert(w.toString() === "[4 5]");
   * ```
   */
  assignInPlace(other: TensorLike): this {
    return this.#inPlace("Tensor.assignInPlace", other, assignRow);
  }

  /**
   * Adds row `i` of `values` (or one number) into row `indices[i]` of this
   * tensor, in place, and returns this tensor; a repeated index adds once
   * per occurrence: numpy's `np.add.at(dW, indices, values)`, the
   * counterpart of {@link Tensor.rows} in an embedding's backward pass.
   *
   * @example
   * ```ts
   * import { Tensor } from "./tensor.ts";
   * const dW = Tensor.zeros([3, 2]);
   * dW.addRowsInPlace([2, 0, 2], Tensor.from([[1, 1], [2, 2], [3, 3]]));
   * console.assert(dW.toString() === "[[2 2]\n [0 0]\n [4 4]]");
   * ```
   */
  addRowsInPlace(
    indices: readonly number[] | Tensor,
    values: TensorLike,
  ): this {
    const op = "Tensor.addRowsInPlace";
    if (this.ndim === 0) {
      throw new TensorError(op, "a scalar tensor has no rows");
    }
    const idx = indexList(op, indices, "row indices");
    const n = this.shape[0];
    const width = this.size / (n || 1);
    const rowShape = [idx.length, ...this.shape.slice(1)];
    if (typeof values !== "number" && !sameShape(values.shape, rowShape)) {
      throw new TensorError(
        op,
        `values must be a number or of shape ${
          shapeToString(rowShape)
        }, one row per index, got ${
          shapeToString(values.shape)
        } (tensor shape ${shapeToString(this.shape)})`,
      );
    }
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i];
      if (!Number.isInteger(r) || r < 0 || r >= n) {
        throw new TensorError(
          op,
          `row index ${r} is out of range for shape ${
            shapeToString(this.shape)
          }`,
        );
      }
    }
    const x = this.#own();
    if (typeof values === "number") {
      for (let i = 0; i < idx.length; i++) {
        for (let j = idx[i] * width, end = j + width; j < end; j++) {
          x[j] += values;
        }
      }
      return this;
    }
    const v = peek(values);
    for (let i = 0, k = 0; i < idx.length; i++) {
      for (let j = idx[i] * width, end = j + width; j < end; j++, k++) {
        x[j] += v[k];
      }
    }
    return this;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Strides of `shape` (row-major unless `own` says otherwise) read as
 * broadcast to `target`: 0 along stretched axes.
 */
function broadcastStrides(
  shape: readonly number[],
  target: readonly number[],
  own: readonly number[] = stridesOf(shape),
): number[] {
  const offset = target.length - shape.length;
  return target.map((_, i) =>
    i < offset || shape[i - offset] === 1 ? 0 : own[i - offset]
  );
}

/**
 * Shorthand for `Tensor.from`: `tensor([[1, 2], [3, 4]])`.
 *
 * @example
 * ```ts
 * import { tensor } from "./tensor.ts";
 * console.assert(tensor([[1, 2], [3, 4]]).shape.join() === "2,2");
 * ```
 */
export function tensor(values: NestedArray | Tensor): Tensor {
  return Tensor.from(values);
}

/**
 * `a` where `cond` is not 0 (NaN counts as true), else `b`, the three
 * broadcast together: numpy's `np.where(cond, a, b)`.
 *
 * @example
 * ```ts
 * import { Tensor, where } from "./tensor.ts";
 * const x = Tensor.from([[-1, 2], [3, -4]]);
 * console.assert(where(x.gt(0), x, 0).toString() === "[[0 2]\n [3 0]]");
 * ```
 */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const [c, x, y] = [cond, a, b].map((t) =>
    typeof t === "number" ? new Tensor(Float64Array.of(t), []) : t
  );
  const ndim = Math.max(c.ndim, x.ndim, y.ndim);
  const shape = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const dims = [c, x, y].map((t) => t.shape[t.ndim - ndim + i] ?? 1);
    const wide = dims.find((d) => d !== 1) ?? 1;
    if (dims.some((d) => d !== 1 && d !== wide)) {
      throw new TensorError(
        "where",
        `shapes ${shapeToString(c.shape)} (cond), ${
          shapeToString(x.shape)
        } and ${shapeToString(y.shape)} do not broadcast`,
      );
    }
    shape[i] = wide;
  }
  const out = new Float64Array(sizeOf(shape));
  // Operands that are whole or single values walk the output as one row.
  const flat = [c, x, y].every((t) =>
    t.size === 1 || sameShape(t.shape, shape)
  );
  if (flat) {
    const step = (t: Tensor) => [t.size === 1 ? 0 : 1];
    broadcastWhere(
      out,
      [out.length],
      peek(c),
      step(c),
      peek(x),
      step(x),
      peek(y),
      step(y),
    );
    return new Tensor(out, shape);
  }
  broadcastWhere(
    out,
    shape,
    peek(c),
    broadcastStrides(c.shape, shape),
    peek(x),
    broadcastStrides(x.shape, shape),
    peek(y),
    broadcastStrides(y.shape, shape),
  );
  return new Tensor(out, shape);
}

/** `loop` with a number on the left: `a op b` for every element of `b`. */
function scalarLeft(a: number, b: TensorLike, loop: RowLoop): Tensor {
  const x = typeof b === "number" ? new Tensor(Float64Array.of(b), []) : b;
  const out = new Float64Array(x.size);
  loop(out, 0, Float64Array.of(a), 0, 0, peek(x), 0, 1, x.size);
  return new Tensor(out, x.shape);
}

/**
 * `a + b` with broadcasting, either side a tensor or a number.
 *
 * @example
 * ```ts
 * import { add, Tensor } from "./tensor.ts";
 * console.assert(add(1, Tensor.from([1, 2])).toString() === "[2 3]");
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return typeof a === "number" ? scalarLeft(a, b, rowLoops.add) : a.add(b);
}

/**
 * `a - b` with broadcasting, either side a tensor or a number: `sub(1, y)`
 * is numpy's `1 - y`.
 *
 * @example
 * ```ts
 * import { sub, Tensor } from "./tensor.ts";
 * console.assert(sub(1, Tensor.from([0.25, 1])).toString() === "[0.75 0.  ]");
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return typeof a === "number" ? scalarLeft(a, b, rowLoops.sub) : a.sub(b);
}

/**
 * `a * b` with broadcasting, either side a tensor or a number.
 *
 * @example
 * ```ts
 * import { mul, Tensor } from "./tensor.ts";
 * console.assert(mul(2, Tensor.from([1, 2])).toString() === "[2 4]");
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return typeof a === "number" ? scalarLeft(a, b, rowLoops.mul) : a.mul(b);
}

/**
 * `a / b` with broadcasting, either side a tensor or a number: `div(1, x)`
 * is numpy's `1 / x`.
 *
 * @example
 * ```ts
 * import { div, Tensor } from "./tensor.ts";
 * console.assert(div(1, Tensor.from([2, 4])).toString() === "[0.5  0.25]");
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return typeof a === "number" ? scalarLeft(a, b, rowLoops.div) : a.div(b);
}
