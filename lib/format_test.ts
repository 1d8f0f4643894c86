import { assert, assertEquals, assertStrictEquals } from "./testing/assert.ts";
import { formatTensor, SUMMARY_THRESHOLD, windowAround } from "./format.ts";
import { Tensor } from "./tensor.ts";

const show = (values: number[] | number[][]) => Tensor.from(values).toString();

Deno.test("whole numbers print without a decimal point, right-aligned", () => {
  assertStrictEquals(show([1, 2, 3]), "[1 2 3]");
  assertStrictEquals(show([[1, -2], [30, 4]]), "[[ 1 -2]\n [30  4]]");
  assertStrictEquals(show([-0, 0]), "[0 0]");
  assertStrictEquals(Tensor.from(7).toString(), "7");
});

Deno.test("fractions print numpy-style, aligned on the decimal point", () => {
  assertStrictEquals(show([0.5, -1]), "[ 0.5 -1. ]");
  assertStrictEquals(show([1.5, 2]), "[1.5 2. ]");
  assertStrictEquals(
    show([1 / 3, 2 / 3, -1]),
    "[ 0.33333333  0.66666667 -1.        ]",
  );
  assertStrictEquals(
    show([[0.25, 10], [1, 2.5]]),
    "[[ 0.25 10.  ]\n [ 1.    2.5 ]]",
  );
  assertStrictEquals(Tensor.from(-0.25).toString(), "-0.25");
});

Deno.test("nan and inf print as numpy prints them, right-aligned", () => {
  assertStrictEquals(show([0.25, NaN]), "[0.25  nan]");
  assertStrictEquals(show([1.5, Infinity, -Infinity]), "[ 1.5  inf -inf]");
  assertStrictEquals(
    show([[1, NaN], [Infinity, -Infinity]]),
    "[[   1  nan]\n [ inf -inf]]",
  );
  assertStrictEquals(show([NaN]), "[nan]");
});

Deno.test("tiny and huge magnitudes print in scientific notation", () => {
  assertStrictEquals(show([1e-5, 1]), "[1.0000e-05 1.0000e+00]");
  assertStrictEquals(show([-1e-5, 1e-5]), "[-1.0000e-05  1.0000e-05]");
  assertStrictEquals(show([1e9, 1.5]), "[1.0000e+09 1.5000e+00]");
  assertStrictEquals(show([1e20, 2e20]), "[1.0000e+20 2.0000e+20]");
  assertStrictEquals(show([1e-5, NaN]), "[1.0000e-05        nan]");
  // Zero does not count as tiny.
  assertStrictEquals(show([0, 0.5]), "[0.  0.5]");
});

Deno.test("3-D tensors separate their matrices with a blank line", () => {
  const t = Tensor.from([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  assertStrictEquals(
    t.toString(),
    "[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]",
  );
  const four = Tensor.zeros([2, 1, 1, 1]);
  assertStrictEquals(four.toString(), "[[[[0]]]\n\n\n [[[0]]]]");
});

Deno.test("tensors up to the threshold print every element", () => {
  assertStrictEquals(SUMMARY_THRESHOLD, 100);
  const t = Tensor.zeros([10, 10]);
  const text = t.toString();
  assert(!text.includes("..."));
  assertStrictEquals(text.split("\n").length, 10);
});

Deno.test("large tensors are elided with ... keeping three items per edge", () => {
  const line = Tensor.from(Array.from({ length: 200 }, (_, i) => i));
  assertStrictEquals(line.toString(), "[  0   1   2 ... 197 198 199]");
  const grid = Tensor.zeros([20, 20]);
  assertStrictEquals(
    grid.toString(),
    [
      "[[0 0 0 ... 0 0 0]",
      " [0 0 0 ... 0 0 0]",
      " [0 0 0 ... 0 0 0]",
      " ...",
      " [0 0 0 ... 0 0 0]",
      " [0 0 0 ... 0 0 0]",
      " [0 0 0 ... 0 0 0]]",
    ].join("\n"),
  );
  const cube = Tensor.zeros([10, 10, 10]).toString();
  assert(cube.split("\n").length < 60, cube);
  assert(cube.includes("\n\n ...\n\n"), cube);
});

Deno.test("short axes of a large tensor are not elided", () => {
  const t = Tensor.zeros([2, 100]).toString();
  assertStrictEquals(t, "[[0 0 0 ... 0 0 0]\n [0 0 0 ... 0 0 0]]");
});

Deno.test("empty tensors print as empty brackets", () => {
  assertStrictEquals(Tensor.zeros([0]).toString(), "[]");
  assertStrictEquals(Tensor.zeros([2, 0]).toString(), "[[]\n []]");
});

Deno.test("windowAround keeps a window of indices and marks the gaps with -1", () => {
  assertEquals(windowAround(10, 5, 1), [-1, 4, 5, 6, -1]);
  assertEquals(windowAround(10, 0, 2), [0, 1, 2, -1]);
  assertEquals(windowAround(10, 9, 2), [-1, 7, 8, 9]);
  assertEquals(windowAround(3, 1, 5), [0, 1, 2]);
  assertEquals(windowAround(5, 2, 0), [-1, 2, -1]);
  assertEquals(windowAround(1, 0, 0), [0]);
});

Deno.test("formatTensor prints only the kept indices of each axis", () => {
  const t = Tensor.from(Array.from({ length: 10 }, (_, i) => i)).reshape(2, 5);
  assertStrictEquals(
    formatTensor(t, [windowAround(2, 1, 0), windowAround(5, 2, 1)]),
    "[...\n [... 6 7 8 ...]]",
  );
  assertStrictEquals(
    formatTensor({ data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] }),
    "[[1 2]\n [3 4]]",
  );
  assertStrictEquals(
    formatTensor({ data: new Float64Array([2.5]), shape: [] }),
    "2.5",
  );
});
