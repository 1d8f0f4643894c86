import { assert, assertEquals, assertStrictEquals } from "./assert.ts";
import { assertIncludesAll, failure } from "./test_support.ts";
import { assertClose, formatAround, toTensor, unravel } from "./close.ts";
import { Tensor } from "../tensor.ts";

Deno.test("assertClose passes for equal and nearly equal values", () => {
  assertClose(Tensor.from([0.1 + 0.2, 1]), [0.3, 1]);
  assertClose([[1, 2], [3, 4]], Tensor.from([[1, 2], [3, 4]]));
  assertClose(1.1 * 3, 3.3);
  assertClose(Tensor.from(5), 5);
  assertClose(Tensor.zeros([0, 3]), Tensor.zeros([0, 3]));
});

Deno.test("assertClose passes within rtol and fails beyond it", () => {
  assertClose([100.0005], [100], { rtol: 1e-5 });
  assertClose([-100.0009], [-100], { rtol: 1e-5 });
  failure(() => assertClose([100.0011], [100], { rtol: 1e-5 }));
  failure(() => assertClose([1.0000002], [1]));
});

Deno.test("assertClose passes within atol and fails beyond it", () => {
  assertClose([1e-9], [0], { atol: 1e-8 });
  assertClose([0, -5e-9], [0, 0], { atol: 1e-8, rtol: 0 });
  failure(() => assertClose([2e-8], [0], { atol: 1e-8 }));
  // The default atol is tiny: 1e-9 away from 0 is an error.
  failure(() => assertClose([1e-9], [0]));
});

Deno.test("NaN matches only NaN, and Infinity only the same Infinity", () => {
  assertClose([NaN, 1], [NaN, 1]);
  assertClose(NaN, NaN);
  assertClose([Infinity, -Infinity], [Infinity, -Infinity]);
  assertIncludesAll(
    failure(() => assertClose([NaN], [1])),
    "actual NaN",
    "expected 1",
  );
  failure(() => assertClose([1], [NaN]));
  failure(() => assertClose([Infinity], [-Infinity]));
  failure(() => assertClose([Infinity], [1e300], { rtol: 1 }));
  // An infinite expected value must not make the tolerance infinite.
  failure(() => assertClose([1], [Infinity]));
  failure(() => assertClose(1e308, Infinity, { rtol: 1 }));
});

Deno.test("shapes that differ fail with both shapes in the message", () => {
  const message = failure(() => assertClose([[1, 2]], [1, 2]));
  assertIncludesAll(message, "shapes differ", "[1, 2]", "[2]");
  const scalar = failure(() => assertClose([5], 5, { msg: "Relu.forward(x)" }));
  assertIncludesAll(scalar, "Relu.forward(x)", "[1]", "[]");
});

Deno.test("the message gives the largest error, where it is and both values there", () => {
  const message = failure(() =>
    assertClose([[1, 2], [3, 4.5]], [[1, 2.1], [3, 4]], {
      msg: "Affine.forward(x)",
    })
  );
  assertIncludesAll(
    message,
    "Affine.forward(x)",
    "2 of 4 element(s) differ",
    "shape [2, 2]",
    "largest absolute error 0.5 at [1, 1]: actual 4.5, expected 4",
    "largest relative error 0.125 at [1, 1]",
    "1e-10 + 1e-7",
    "[[1.  2. ]\n     [3.  4.5]]",
  );
});

Deno.test("the relative error is reported where it is largest, even elsewhere", () => {
  const message = failure(() => assertClose([10.5, 0.2], [10, 0.1]));
  assertIncludesAll(
    message,
    "largest absolute error 0.5 at [0]",
    "largest relative error 1 at [1]",
  );
});

Deno.test("a large tensor is elided around the worst element, on one screen", () => {
  const expected = Tensor.zeros([50, 50]).add(
    Tensor.from(Array.from({ length: 50 }, (_, j) => j)),
  );
  const actual = expected.clone().setInPlace([31, 17], 99);
  const message = failure(() => assertClose(actual, expected));
  assertIncludesAll(
    message,
    "1 of 2500 element(s) differ",
    "at [31, 17]: actual 99, expected 17",
    "around [31, 17]",
    "...",
    "[... 15 16 99 18 19 ...]",
    "[... 15 16 17 18 19 ...]",
  );
  const lines = message.split("\n").length;
  assert(lines < 30, `${lines} lines:\n${message}`);
  assert(message.length < 2000, `${message.length} characters`);
});

Deno.test("an undefined result asks whether the function forgot to return", () => {
  const message = failure(() =>
    assertClose(undefined, [1, 2], { msg: "Relu.forward(x)" })
  );
  assertIncludesAll(
    message,
    "Relu.forward(x)",
    "undefined",
    "did the function forget to return",
  );
  assertIncludesAll(failure(() => assertClose(null, 1)), "null");
  assertIncludesAll(failure(() => assertClose("3", 1)), 'string "3"');
  assertIncludesAll(
    failure(() => assertClose({ a: 1 }, 1)),
    "an object (Object)",
  );
});

Deno.test("toTensor accepts tensors, numbers and nested arrays", () => {
  const t = Tensor.from([1]);
  assertStrictEquals(toTensor(t, "x"), t);
  assertEquals([...toTensor(3, "x").shape], []);
  assertEquals([...toTensor([[1, 2]], "x").shape], [1, 2]);
  assertIncludesAll(failure(() => toTensor(new Map(), "dx")), "dx", "Map");
});

Deno.test("unravel turns a flat index into coordinates", () => {
  assertEquals(unravel(0, [2, 3]), [0, 0]);
  assertEquals(unravel(5, [2, 3]), [1, 2]);
  assertEquals(unravel(23, [2, 3, 4]), [1, 2, 3]);
  assertEquals(unravel(0, []), []);
});

Deno.test("formatAround prints small tensors whole and large ones around the index", () => {
  const small = Tensor.from([[1, 2], [3, 4]]);
  assertStrictEquals(formatAround(small, [0, 0]), small.toString());
  const big = Tensor.from(Array.from({ length: 60 }, (_, i) => i));
  assertStrictEquals(formatAround(big, [30]), "[... 28 29 30 31 32 ...]");
  // Axis 0 keeps only the index itself; the last two keep two either side.
  const cube = Tensor.zeros([4, 5, 6]);
  assertStrictEquals(
    formatAround(cube, [2, 0, 5]),
    "[...\n\n [[... 0 0 0]\n  [... 0 0 0]\n  [... 0 0 0]\n  ...]\n\n ...]",
  );
});
