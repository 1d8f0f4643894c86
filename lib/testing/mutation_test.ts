import { assertStrictEquals, assertStringIncludes } from "./assert.ts";
import { assertIncludesAll, failure } from "./test_support.ts";
import { assertFresh, assertUnchanged } from "./mutation.ts";
import { Tensor } from "../tensor.ts";

Deno.test("assertUnchanged passes and returns the result when nothing changes", () => {
  const x = Tensor.from([[1, -1], [2, NaN]]);
  const dout = Tensor.from([1, 2]);
  const result = assertUnchanged(
    { x, dout },
    () => x.maximum(0),
    "Relu.forward",
  );
  assertStrictEquals(result.get(0, 1), 0);
  assertStrictEquals(assertUnchanged({}, () => 42), 42);
});

Deno.test("assertUnchanged names the input, index and both values that changed", () => {
  const x = Tensor.from([1, 2]);
  const dout = Tensor.from([[1, -1], [-2, 3]]);
  const message = failure(() =>
    assertUnchanged(
      { x, dout },
      () => dout.setInPlace([1, 0], 0),
      "Relu.backward",
    )
  );
  assertIncludesAll(
    message,
    "Relu.backward",
    "dout",
    "at [1, 0]",
    "it was -2",
    "is now 0",
  );
});

Deno.test("assertUnchanged notices a change of sign of zero and NaN appearing", () => {
  const x = Tensor.from([0, 1]);
  assertStringIncludes(
    failure(() => assertUnchanged({ x }, () => x.mulInPlace(-1))),
    "at [0]",
  );
  const y = Tensor.from([1]);
  assertStringIncludes(
    failure(() => assertUnchanged({ y }, () => y.assignInPlace(NaN))),
    "is now NaN",
  );
});

Deno.test("assertUnchanged notices a changed shape", () => {
  const x = Tensor.zeros([2, 3]);
  const message = failure(() =>
    assertUnchanged({ x }, () => {
      (x as { shape: readonly number[] }).shape = [3, 2];
    }, "Affine.forward")
  );
  assertIncludesAll(
    message,
    "Affine.forward",
    "shape",
    "x",
    "[2, 3]",
    "[3, 2]",
  );
});

Deno.test("assertFresh passes for a new tensor, a clone and a reshape, which copies its data before any write", () => {
  const dout = Tensor.from([1, 2]);
  assertFresh(dout.mul(1), { dout });
  assertFresh(dout.clone(), { dout, other: Tensor.zeros([2]) });
  assertFresh(dout.reshape(2, 1), { dout });
});

Deno.test("assertFresh fails when the result is an input itself", () => {
  const dout = Tensor.from([1, 2]);
  const message = failure(() =>
    assertFresh(dout, { x: Tensor.zeros([2]), dout }, "Relu.backward")
  );
  assertIncludesAll(message, "Relu.backward", "dout", "itself");
});

Deno.test("assertFresh fails when the result shares the data buffer of an input", () => {
  const x = Tensor.from([1, 2, 3, 4]);
  const view = new Tensor(x.data, [2, 2]);
  assertIncludesAll(
    failure(() => assertFresh(view, { x }, "Affine.forward")),
    "Affine.forward",
    "shares",
    "x",
  );
  const part = new Tensor(x.data.subarray(2), [2]);
  assertStringIncludes(failure(() => assertFresh(part, { x })), "shares");
});
