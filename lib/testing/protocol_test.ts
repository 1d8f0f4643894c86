import {
  AssertionError,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "./assert.ts";
import { assertIncludesAll, failure } from "./test_support.ts";
import { assertClearError, assertForwardFirst, explain } from "./protocol.ts";
import { notImplemented, NotImplementedError } from "../not_implemented.ts";

/** A toy layer; `check` is how its backward notices a missing forward. */
class Toy {
  x?: { value: number };
  constructor(readonly check: "message" | "none" | "silent" | "string") {}
  forward(x: number): number {
    this.x = { value: x };
    return x;
  }
  backward(dout: number): number {
    if (this.x === undefined) {
      if (this.check === "message") {
        throw new Error("Toy.backward: call Forward first");
      }
      if (this.check === "silent") throw new RangeError("no input");
      if (this.check === "string") throw "forward first";
    }
    // With no check, reading the missing input is a TypeError.
    return dout * this.x!.value;
  }
}

const WHAT = "Toy.backward(1) before any forward";

Deno.test("assertForwardFirst passes for an Error that mentions forward in any case", () => {
  assertForwardFirst(() => new Toy("message").backward(1), WHAT);
});

Deno.test("assertForwardFirst fails when nothing is thrown, naming the call", () => {
  const toy = new Toy("message");
  toy.forward(2);
  assertIncludesAll(
    failure(() => assertForwardFirst(() => toy.backward(1), "after forward")),
    "after forward",
    "did not throw",
    "forward must come first",
  );
});

Deno.test("assertForwardFirst fails for a TypeError, with the advice", () => {
  assertIncludesAll(
    failure(() => assertForwardFirst(() => new Toy("none").backward(1), WHAT)),
    WHAT,
    "TypeError",
    "check for a missing forward yourself",
  );
  assertIncludesAll(
    failure(() =>
      assertForwardFirst(
        () => new Toy("none").backward(1),
        WHAT,
        "forget the training cache",
      )
    ),
    "TypeError",
    "forget the training cache",
  );
});

Deno.test("assertForwardFirst fails for a message that does not mention forward", () => {
  assertIncludesAll(
    failure(() =>
      assertForwardFirst(() => new Toy("silent").backward(1), WHAT)
    ),
    WHAT,
    '"no input"',
    "does not say that forward must come first",
  );
});

Deno.test("assertForwardFirst fails when what is thrown is not an Error", () => {
  assertIncludesAll(
    failure(() =>
      assertForwardFirst(() => new Toy("string").backward(1), WHAT)
    ),
    WHAT,
    "not an Error",
  );
});

Deno.test("assertForwardFirst lets a NotImplementedError through", () => {
  const error = assertThrows(
    () =>
      assertForwardFirst(
        () => notImplemented("relu_layer", "Relu.backward"),
        WHAT,
      ),
    NotImplementedError,
  );
  assertStringIncludes(error.message, "Relu.backward");
});

/** A function that throws `e`. */
function throwing(e: unknown): () => never {
  return () => {
    throw e;
  };
}

const NAMES_B2 = {
  includes: "b2",
  says: 'name the parameter "b2"',
  fix: 'throw an Error that names "b2"',
};

Deno.test("assertClearError passes for an Error whose message has the text, and returns it", () => {
  const thrown = new RangeError('no gradient for "b2"');
  const error = assertClearError(throwing(thrown), "update", NAMES_B2);
  assertStrictEquals(error, thrown);
});

Deno.test("assertClearError compares case only when told to ignore it", () => {
  const upper = throwing(new Error("no gradient for B2"));
  assertIncludesAll(
    failure(() => assertClearError(upper, "update", NAMES_B2)),
    'update threw "no gradient for B2", which does not name the parameter "b2"',
  );
  assertClearError(upper, "update", { ...NAMES_B2, ignoreCase: true });
});

Deno.test("assertClearError fails for no error, a TypeError or a non-Error, naming the call", () => {
  assertIncludesAll(
    failure(() => assertClearError(() => 1, "update({})", NAMES_B2)),
    "update({}) should throw an Error",
    'name the parameter "b2"',
    "did not throw",
  );
  assertIncludesAll(
    failure(() =>
      assertClearError(
        throwing(new TypeError("Cannot read properties of undefined")),
        "update({})",
        NAMES_B2,
      )
    ),
    'update({}) threw a TypeError ("Cannot read properties of undefined")',
    'throw an Error that names "b2"',
  );
  assertIncludesAll(
    failure(() =>
      assertClearError(throwing(undefined), "update({})", NAMES_B2)
    ),
    "update({}) threw undefined, which is not an Error",
  );
});

Deno.test("explain returns the call's value and names the call when it throws", () => {
  assertStrictEquals(
    explain("Toy.forward(2)", () => new Toy("none").forward(2)),
    2,
  );
  const error = assertThrows(
    () => explain(WHAT, () => new Toy("none").backward(1)),
    AssertionError,
  );
  assertStringIncludes(error.message, `${WHAT} threw TypeError`);
});

Deno.test("explain lets a spec's AssertionError and a stub's NotImplementedError through unchanged", () => {
  const own = new AssertionError("the spec's own message");
  assertStrictEquals(
    assertThrows(() =>
      explain(WHAT, () => {
        throw own;
      })
    ),
    own,
  );
  const stub = assertThrows(
    () => explain(WHAT, () => notImplemented("relu_layer", "Relu.backward")),
    NotImplementedError,
  );
  assertStringIncludes(stub.message, "Relu.backward");
});
