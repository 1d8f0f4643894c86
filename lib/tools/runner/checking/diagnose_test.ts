import { assertEquals } from "../../../testing/assert.ts";
import { hangingTest, parseProblems, thrownAt } from "./diagnose.ts";
import { samplesOf } from "../../test_samples.ts";

// The samples in testdata/ are Deno 2's own output (with NO_COLOR), trimmed.
const samples = samplesOf(import.meta.url);

samples.test("parseProblems reads a type error with its code frame", async () => {
  const output = await samples.read("type_error.txt");
  assertEquals(parseProblems(output, "/repo"), [{
    kind: "type",
    code: "TS2322",
    message: "Type 'number' is not assignable to type 'string'.",
    file: "katas/relu_layer/relu.ts",
    line: 10,
    column: 33,
  }]);
});

samples.test(
  "parseProblems reads the older 'error: TS...' form and a chained message",
  async () => {
    const output = await samples.read("older_ts_error.txt");
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
  },
);

samples.test(
  "parseProblems reads a TS1xxx grammar error, whose caret line is blank, as a syntax error",
  async () => {
    const output = await samples.read("grammar_error.txt");
    const [p] = parseProblems(output, "/repo");
    assertEquals([p.kind, p.message, p.line], [
      "syntax",
      "Unterminated string literal.",
      1,
    ]);
  },
);

samples.test("parseProblems reads a parse error and its place", async () => {
  const output = await samples.read("parse_error.txt");
  assertEquals(parseProblems(output, "/repo"), [{
    kind: "syntax",
    message: "SyntaxError: Expected ',', got ';'",
    file: "katas/relu_layer/relu.ts",
    line: 10,
    column: 24,
  }]);
});

samples.test(
  "parseProblems reads an uncaught error at the learner's line, not Deno's internals",
  async () => {
    const output = await samples.read("uncaught_error.txt");
    assertEquals(parseProblems(output, "/repo"), [{
      kind: "error",
      message:
        'NotCapable: Requires read access to "x", run again with the --allow-read flag',
      file: "katas/relu_layer/relu.ts",
      line: 1,
      column: 22,
    }]);
  },
);

samples.test(
  "parseProblems prefers a place in katas/ and rewrites file URLs in the message",
  async () => {
    const output = await samples.read("module_not_found.txt");
    const [p] = parseProblems(output, "/repo");
    assertEquals(p.message, 'Module not found "katas/relu_layer/relu.ts".');
    assertEquals([p.file, p.line], ["katas/relu_layer/relu_test.ts", 1]);
  },
);

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

Deno.test("hangingTest sees past what the hanging test printed", () => {
  const output = [
    "one ... ok (1ms)",
    "two ...",
    "------- output -------",
    "still going",
  ].join("\n");
  assertEquals(hangingTest(output), "two");
  assertEquals(
    hangingTest(output + "\n----- output end -----\ntwo ... FAILED (2ms)"),
    undefined,
  );
});

Deno.test("thrownAt names the learner's line, not the toolkit's nor the spec's", () => {
  const trace = [
    "    at Tensor.add (file:///repo/lib/tensor.ts:300:9)",
    "    at Affine.forward (file:///repo/katas/affine_layer/affine.ts:3:20)",
    "    at file:///repo/katas/affine_layer/affine_test.ts:12:5",
  ].join("\n");
  const source = "a\nb\n    return x.matmul(this.W).add(this.b.T);\r\n";
  assertEquals(
    thrownAt(trace, "/repo", "katas/affine_layer/affine.ts", source),
    {
      file: "katas/affine_layer/affine.ts",
      line: 3,
      column: 20,
      code: "return x.matmul(this.W).add(this.b.T);",
    },
  );
  assertEquals(
    thrownAt(trace, "/repo", "katas/relu_layer/relu.ts", source),
    undefined,
  );
});
