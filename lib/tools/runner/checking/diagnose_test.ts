import { assertEquals } from "../../../testing/assert.ts";
import { hangingTest, parseProblems } from "./diagnose.ts";

// The samples are Deno 2's own output (with NO_COLOR), trimmed.

Deno.test("parseProblems reads a type error with its code frame", () => {
  const output =
    `TS2322 [ERROR]: Type 'number' is not assignable to type 'string'.
    this.#mask = x.le(0); const q: string = 5;
                                ^
    at file:///repo/katas/relu_layer/relu.ts:10:33

error: Type checking failed.

  info: The program failed type-checking, but it still might work correctly.
`;
  assertEquals(parseProblems(output, "/repo"), [{
    kind: "type",
    code: "TS2322",
    message: "Type 'number' is not assignable to type 'string'.",
    file: "katas/relu_layer/relu.ts",
    line: 10,
    column: 33,
  }]);
});

Deno.test("parseProblems reads the older 'error: TS...' form and a chained message", () => {
  const output =
    `error: TS2345 [ERROR]: Argument of type 'Tensor' is not assignable to parameter of type 'number'.
  Types of property 'x' are incompatible.
    relu.forward(x);
                 ^
    at file:///repo/katas/relu_layer/relu_test.ts:29:18
`;
  const [p] = parseProblems(output, "/repo");
  assertEquals(
    p.message,
    "Argument of type 'Tensor' is not assignable to parameter of type 'number'.\nTypes of property 'x' are incompatible.",
  );
  assertEquals([p.file, p.line, p.column], [
    "katas/relu_layer/relu_test.ts",
    29,
    18,
  ]);
});

Deno.test("parseProblems reads a TS1xxx grammar error, whose caret line is blank, as a syntax error", () => {
  const output = `TS1002 [ERROR]: Unterminated string literal.
export const a = "abc;
                      
    at file:///repo/katas/a/a.ts:1:23
`;
  const [p] = parseProblems(output, "/repo");
  assertEquals([p.kind, p.message, p.line], [
    "syntax",
    "Unterminated string literal.",
    1,
  ]);
});

Deno.test("parseProblems reads a parse error and its place", () => {
  const output = `error: SyntaxError: Expected ',', got ';'
   |
10 |     this.#mask = x.le(0;
   |                        ~
    at file:///repo/katas/relu_layer/relu.ts:10:24
`;
  assertEquals(parseProblems(output, "/repo"), [{
    kind: "syntax",
    message: "SyntaxError: Expected ',', got ';'",
    file: "katas/relu_layer/relu.ts",
    line: 10,
    column: 24,
  }]);
});

Deno.test("parseProblems reads an uncaught error at the learner's line, not Deno's internals", () => {
  const output = `./katas/relu_layer/relu_test.ts (uncaught error)
error: (in promise) NotCapable: Requires read access to "x", run again with the --allow-read flag
const t = await Deno.readTextFile("x");
                     ^
    at Object.readTextFile (ext:deno_fs/30_fs.js:1:10048)
    at file:///repo/katas/relu_layer/relu.ts:1:22
This error was not caught from a test and caused the test runner to fail on the referenced module.
It most likely originated from a dangling promise, event/timeout handler or top-level code.

 FAILURES 

error: Test failed
`;
  assertEquals(parseProblems(output, "/repo"), [{
    kind: "error",
    message:
      'NotCapable: Requires read access to "x", run again with the --allow-read flag',
    file: "katas/relu_layer/relu.ts",
    line: 1,
    column: 22,
  }]);
});

Deno.test("parseProblems prefers a place in katas/ and rewrites file URLs in the message", () => {
  const output =
    `error: Module not found "file:///repo/katas/relu_layer/relu.ts".
    at file:///repo/lib/x.ts:3:1
    at file:///repo/katas/relu_layer/relu_test.ts:1:22
`;
  const [p] = parseProblems(output, "/repo");
  assertEquals(p.message, 'Module not found "katas/relu_layer/relu.ts".');
  assertEquals([p.file, p.line], ["katas/relu_layer/relu_test.ts", 1]);
});

Deno.test("parseProblems copes with CRLF line ends", () => {
  const output =
    "error: SyntaxError: Expression expected\r\n  |\r\n2 | x +;\r\n  |    ~\r\n    at file:///repo/katas/a/a.ts:2:4\r\n";
  const [p] = parseProblems(output, "/repo");
  assertEquals([p.kind, p.file, p.line, p.column], [
    "syntax",
    "katas/a/a.ts",
    2,
    4,
  ]);
});

Deno.test("hangingTest names the last test that started and did not finish", () => {
  const output =
    "running 3 tests from ./a_test.ts\r\none ... ok (1ms)\r\ntwo ...";
  assertEquals(hangingTest(output), "two");
  assertEquals(hangingTest("running 0 tests\n"), undefined);
});
