import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertFalse,
  assertInstanceOf,
  AssertionError,
  assertMatch,
  assertNotEquals,
  assertNotStrictEquals,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
  fail,
} from "./assert.ts";
import { notImplemented, NotImplementedError } from "../not_implemented.ts";

// These tests check the assertions with plain try/catch, so that a broken
// assertThrows cannot hide a broken assertion.

/** What `fn` threw, or a marker when it did not throw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return "did not throw";
}

/** Throws unless `fn` fails with an AssertionError whose message has `parts`. */
function mustFail(fn: () => unknown, ...parts: string[]): AssertionError {
  const e = thrown(fn);
  if (!(e instanceof AssertionError)) {
    throw new Error(`expected an AssertionError, got ${String(e)}`);
  }
  for (const part of parts) {
    if (!e.message.includes(part)) {
      throw new Error(`message ${JSON.stringify(e.message)} lacks "${part}"`);
    }
  }
  return e;
}

function mustPass(fn: () => unknown): void {
  const e = thrown(fn);
  if (e !== "did not throw") throw new Error(`expected no error, got ${e}`);
}

Deno.test("AssertionError is an Error named AssertionError", () => {
  const e = new AssertionError("boom");
  mustPass(() => {
    if (!(e instanceof Error) || e.name !== "AssertionError") throw e;
    if (e.message !== "boom") throw e;
  });
});

Deno.test("assert passes on truthy values and fails on falsy ones", () => {
  mustPass(() => assert(1));
  mustPass(() => assert("x"));
  mustFail(() => assert(0), "truthy");
  mustFail(() => assert(null, "custom text"), "custom text");
});

Deno.test("assertFalse passes on falsy values and fails on truthy ones", () => {
  mustPass(() => assertFalse(""));
  mustPass(() => assertFalse(undefined));
  mustFail(() => assertFalse(1), "falsy");
  mustFail(() => assertFalse([], "custom text"), "custom text");
});

Deno.test("assertEquals compares deeply and fails with a message", () => {
  mustPass(() => assertEquals({ a: [1, 2], b: "x" }, { a: [1, 2], b: "x" }));
  mustPass(() => assertEquals([NaN], [NaN]));
  mustPass(() =>
    assertEquals(new Float64Array([1, 2]), new Float64Array([1, 2]))
  );
  mustFail(() => assertEquals([1, 2], [1, 3]));
  mustFail(() => assertEquals({ a: 1 }, { a: "1" }));
  mustFail(() => assertEquals([1], [1, 2], "shape of dx"), "shape of dx");
});

Deno.test("assertNotEquals fails only on deeply equal values", () => {
  mustPass(() => assertNotEquals([1, 2], [2, 1]));
  mustFail(() => assertNotEquals({ a: [1] }, { a: [1] }));
  mustFail(() => assertNotEquals([1], [1], "custom text"), "custom text");
});

Deno.test("assertStrictEquals compares with Object.is", () => {
  const o = {};
  mustPass(() => assertStrictEquals(o, o));
  mustPass(() => assertStrictEquals(NaN, NaN));
  mustPass(() => assertStrictEquals(0.5 + 0.25, 0.75));
  mustFail(() => assertStrictEquals({}, {}));
  mustFail(() => assertStrictEquals(0, -0));
  mustFail(() => assertStrictEquals(1, 2, "custom text"), "custom text");
});

Deno.test("assertNotStrictEquals fails only on the same value", () => {
  mustPass(() => assertNotStrictEquals([1], [1]));
  const a = [1];
  mustFail(() => assertNotStrictEquals(a, a));
  mustFail(() => assertNotStrictEquals(3, 3, "custom text"), "custom text");
});

Deno.test("assertAlmostEquals allows an error up to the tolerance", () => {
  mustPass(() => assertAlmostEquals(0.1 + 0.2, 0.3));
  mustPass(() => assertAlmostEquals(1, 1.05, 0.1));
  mustPass(() => assertAlmostEquals(Infinity, Infinity));
  mustPass(() => assertAlmostEquals(NaN, NaN));
  mustFail(() => assertAlmostEquals(1, 1.000001), "1.000001", "1e-7");
  mustFail(() => assertAlmostEquals(1, 1.2, 0.1, "custom text"), "custom text");
  mustFail(() => assertAlmostEquals(NaN, 1));
  mustFail(() => assertAlmostEquals(Infinity, -Infinity));
});

Deno.test("assertInstanceOf checks the class and names it on failure", () => {
  mustPass(() => assertInstanceOf(new RangeError("x"), Error));
  mustFail(
    () => assertInstanceOf(new Error("x"), RangeError),
    "RangeError",
    "Error",
  );
  mustFail(() => assertInstanceOf(undefined, Map), "Map", "undefined");
  mustFail(() => assertInstanceOf(1, Map, "custom text"), "custom text");
});

Deno.test("assertMatch checks a string against a regular expression", () => {
  mustPass(() => assertMatch("Relu.forward is not implemented", /not impl/));
  mustFail(() => assertMatch("abc", /^b/));
  mustFail(() => assertMatch("abc", /x/, "custom text"), "custom text");
});

Deno.test("assertStringIncludes checks for a substring", () => {
  mustPass(() => assertStringIncludes("call forward first", "forward"));
  mustFail(() => assertStringIncludes("abc", "x"), "abc", "x");
  mustFail(
    () => assertStringIncludes("abc", "x", "custom text"),
    "custom text",
  );
});

Deno.test("fail always fails, with the message when given", () => {
  mustFail(() => fail(), "Failed assertion");
  mustFail(() => fail("never here"), "Failed assertion: never here");
});

Deno.test("assertThrows returns what the function threw", () => {
  const error = new RangeError("axis 3 is out of range");
  mustPass(() => {
    const got = assertThrows(() => {
      throw error;
    });
    if (got !== error) throw new Error("not the thrown error");
    const typed = assertThrows(
      () => {
        throw error;
      },
      RangeError,
      "axis 3",
    );
    if (typed !== error) throw new Error("not the thrown error");
    assertThrows(() => {
      throw error;
    }, Error);
  });
});

Deno.test("assertThrows fails when nothing is thrown", () => {
  mustFail(() => assertThrows(() => 1), "Expected function to throw");
  mustFail(() => assertThrows(() => 1, "my label"), "my label");
  mustFail(
    () => assertThrows(() => 1, Error, undefined, "my label"),
    "my label",
  );
});

Deno.test("assertThrows fails for the wrong class or a message without the text", () => {
  const throwRange = () => {
    throw new RangeError("axis 3");
  };
  mustFail(
    () => assertThrows(throwRange, TypeError),
    "TypeError",
    "RangeError",
    "axis 3",
  );
  mustFail(
    () => assertThrows(throwRange, RangeError, "axis 4"),
    'include "axis 4"',
    "axis 3",
  );
  mustFail(() =>
    assertThrows(() => {
      throw "a string";
    }, Error), "a string");
});

Deno.test("assertThrows lets a NotImplementedError through unless it is expected", () => {
  const stub = () => notImplemented("relu_layer", "Relu.forward");
  for (
    const call of [
      () => assertThrows(stub),
      () => assertThrows(stub, "label"),
      () => assertThrows(stub, Error),
      () => assertThrows(stub, Error, "not implemented"),
    ]
  ) {
    const e = thrown(call);
    if (!(e instanceof NotImplementedError)) {
      throw new Error(`expected the NotImplementedError itself, got ${e}`);
    }
  }
  mustPass(() => assertThrows(stub, NotImplementedError, "Relu.forward"));
});

Deno.test("a NotImplementedError names the kata, the method and the README", () => {
  const e = thrown(() => notImplemented("relu_layer", "Relu.backward"));
  mustPass(() => {
    assertInstanceOf(e, NotImplementedError);
    assertStrictEquals(e.name, "NotImplementedError");
    assertStrictEquals(e.kata, "relu_layer");
    assertStringIncludes(e.message, "Relu.backward");
    assertStringIncludes(e.message, "katas/relu_layer/README.md");
  });
});

Deno.test(
  "assertStrictEquals and assertEquals say which side is which for plain values",
  () => {
    const strict = assertThrows(
      () => assertStrictEquals(3, 2, "convOutputSize(4, 3, 1, 0)"),
      AssertionError,
    );
    assertStrictEquals(
      strict.message,
      "convOutputSize(4, 3, 1, 0): expected 2, got 3",
    );
    const deep = assertThrows(
      () => assertEquals("relu", "sigmoid"),
      AssertionError,
    );
    assertStrictEquals(deep.message, 'expected "sigmoid", got "relu"');
  },
);
