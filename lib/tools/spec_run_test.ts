import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../testing/assert.ts";
import { parseJunit, printedByTest, runSpec } from "./spec_run.ts";
import { samplesOf } from "./test_samples.ts";

// The samples in testdata/ are reports of `deno test --reporter=junit`, some
// trimmed.
const samples = samplesOf(import.meta.url);

samples.test("parseJunit reads a passing test case", async () => {
  const xml = await samples.read("junit_passing.xml");
  assertEquals(parseJunit(xml), [{
    name: "forward keeps positive values",
    passed: true,
  }]);
});

samples.test(
  "parseJunit reads a failing test case and its decoded message without Uncaught",
  async () => {
    const xml = await samples.read("junit_failing.xml");
    assertEquals(parseJunit(xml), [{
      name: "backward",
      passed: false,
      message: "AssertionError: dx at [0, 1]: actual 1 > 0.5\nsecond line",
      trace: "    at file:///relu_test.ts:2:34",
    }]);
  },
);

Deno.test("parseJunit keeps a message that does not start with Uncaught", () => {
  const xml =
    `<testcase name="steps"><failure message="1 test step failed">x</failure></testcase>`;
  assertEquals(parseJunit(xml), [{
    name: "steps",
    passed: false,
    message: "1 test step failed",
  }]);
});

samples.test("parseJunit reads a self-closing test case as passed", async () => {
  const xml = await samples.read("junit_self_closing.xml");
  assertEquals(parseJunit(xml), [
    { name: "a", passed: true },
    { name: "b", passed: false, message: "Error: no" },
    { name: "c", passed: true },
  ]);
});

samples.test(
  "parseJunit decodes XML entities in names and messages",
  async () => {
    const xml = await samples.read("junit_entities.xml");
    assertEquals(parseJunit(xml), [{
      name: `a & b <c> "q" 'x' é &lt;`,
      passed: false,
      message: `Error: <tag> && "s"\nend`,
    }]);
  },
);

samples.test(
  "parseJunit reads every test case of a report from deno test, in order",
  async () => {
    const xml = await samples.read("junit_report.xml");
    assertEquals(parseJunit(xml), [
      { name: "first", passed: true },
      {
        name: "second",
        passed: false,
        message: "Error: bad",
        trace: "    at file:///tmp/a_test.ts:2:34",
      },
      { name: "second > inner", passed: false, message: "Error: in" },
    ]);
    assertEquals(parseJunit(""), []);
  },
);

samples.test(
  "parseJunit reads a test cancelled by an uncaught error as failed",
  async () => {
    const xml = await samples.read("junit_cancelled.xml");
    assertEquals(parseJunit(xml), [
      { name: "cut short", passed: false, message: "Cancelled" },
    ]);
  },
);

// runSpec starts `deno test`, which needs these; the self-check grants them.
const mayRun = (["read", "write", "run", "env"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

Deno.test({
  name:
    "runSpec lets the spec read only the environment variables allowEnv names",
  ignore: !mayRun,
  fn: async () => {
    const root = await Deno.makeTempDir({ prefix: "spec_run_env_" });
    try {
      await Deno.writeTextFile(join(root, "deno.json"), "{}");
      await Deno.mkdir(join(root, "katas", "k"), { recursive: true });
      await Deno.writeTextFile(
        join(root, "katas", "k", "k_test.ts"),
        `Deno.test("reads PATH", () => { Deno.env.get("PATH"); });\n`,
      );
      const kata = {
        name: "k",
        title: "k",
        book: "1",
        file: "k.ts",
        spec: "k_test.ts",
        uses: [],
      };
      const denied = await runSpec({ root, kata, check: false });
      assertEquals(denied.passed, false);
      assertStringIncludes(denied.tests[0]?.message ?? "", "PATH");
      const allowed = await runSpec({
        root,
        kata,
        check: false,
        allowEnv: ["PATH"],
      });
      assertEquals(allowed.passed, true);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "runSpec runs the spec it is given instead of the kata's, and a spec with no test runs none and exits 0",
  ignore: !mayRun,
  fn: async () => {
    const root = await Deno.makeTempDir({ prefix: "spec_run_other_" });
    try {
      await Deno.writeTextFile(join(root, "deno.json"), "{}");
      await Deno.mkdir(join(root, "katas", "k"), { recursive: true });
      await Deno.mkdir(join(root, "solutions", "k"), { recursive: true });
      await Deno.writeTextFile(
        join(root, "katas", "k", "k_test.ts"),
        `// nothing yet\nexport {};\n`,
      );
      await Deno.writeTextFile(
        join(root, "solutions", "k", "k_test.ts"),
        `Deno.test("the worked spec's test", () => {});\n`,
      );
      const kata = {
        name: "k",
        title: "k",
        book: "1",
        file: "k_test.ts",
        spec: "k_test.ts",
        uses: [],
      };
      const empty = await runSpec({ root, kata, check: false });
      assertEquals([empty.passed, empty.tests, empty.code], [false, [], 0]);
      const worked = await runSpec({
        root,
        kata,
        check: false,
        spec: "solutions/k/k_test.ts",
      });
      assertEquals(worked.passed, true);
      assertEquals(worked.tests.map((t) => t.name), ["the worked spec's test"]);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test("printedByTest keeps each test's lines, blank ones included, and ignores tests that printed nothing", () => {
  const output = [
    "running 3 tests from ./a_test.ts",
    "first ...",
    "------- output -------",
    "x = 1",
    "",
    "warning: y",
    "----- output end -----",
    "first ... FAILED (1ms)",
    "second ... ok (0ms)",
    "third ...",
    "------- output -------",
    "z",
    "----- output end -----",
    "third ... ok (0ms)",
  ].join("\r\n");
  const printed = printedByTest(output);
  assertEquals([...printed.keys()], ["first", "third"]);
  assertEquals(printed.get("first"), ["x = 1", "", "warning: y"]);
});
