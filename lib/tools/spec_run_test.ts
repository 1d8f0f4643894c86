import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../testing/assert.ts";
import { parseJunit, runSpec } from "./spec_run.ts";

Deno.test("parseJunit reads a passing test case", () => {
  const xml =
    `<testcase name="forward keeps positive values" classname="./relu_test.ts" time="0.001" line="4" col="6">
        </testcase>`;
  assertEquals(parseJunit(xml), [{
    name: "forward keeps positive values",
    passed: true,
  }]);
});

Deno.test("parseJunit reads a failing test case and its decoded message without Uncaught", () => {
  const xml =
    `<testcase name="backward" classname="./relu_test.ts" time="0.000" line="2" col="6">
            <failure message="Uncaught AssertionError: dx at [0, 1]: actual 1 &gt; 0.5
second line">AssertionError: the stack
    at file:///relu_test.ts:2:34</failure>
        </testcase>`;
  assertEquals(parseJunit(xml), [{
    name: "backward",
    passed: false,
    message: "AssertionError: dx at [0, 1]: actual 1 > 0.5\nsecond line",
  }]);
});

Deno.test("parseJunit keeps a message that does not start with Uncaught", () => {
  const xml =
    `<testcase name="steps"><failure message="1 test step failed">x</failure></testcase>`;
  assertEquals(parseJunit(xml), [{
    name: "steps",
    passed: false,
    message: "1 test step failed",
  }]);
});

Deno.test("parseJunit reads a self-closing test case as passed", () => {
  const xml = `<testcase name="a" classname="x" time="0.1"/>
<testcase name="b" classname="x"><failure message="Uncaught Error: no"/></testcase>
<testcase name="c" classname="x" />`;
  assertEquals(parseJunit(xml), [
    { name: "a", passed: true },
    { name: "b", passed: false, message: "Error: no" },
    { name: "c", passed: true },
  ]);
});

Deno.test("parseJunit decodes XML entities in names and messages", () => {
  const xml =
    `<testcase name="a &amp; b &lt;c&gt; &quot;q&quot; &apos;x&apos; &#233; &amp;lt;">
<failure message="Uncaught Error: &lt;tag&gt; &amp;&amp; &quot;s&quot;&#10;end"></failure></testcase>`;
  assertEquals(parseJunit(xml), [{
    name: `a & b <c> "q" 'x' é &lt;`,
    passed: false,
    message: `Error: <tag> && "s"\nend`,
  }]);
});

Deno.test("parseJunit reads every test case of a report from deno test, in order", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="3" failures="2" errors="0" time="0.010">
    <testsuite name="./a_test.ts" tests="3" disabled="0" errors="0" failures="2">
        <testcase name="first" classname="./a_test.ts" time="0.000" line="1" col="6">
        </testcase>
        <testcase name="second" classname="./a_test.ts" time="0.000" line="2" col="6">
            <failure message="Uncaught Error: bad">Error: bad
    at file:///tmp/a_test.ts:2:34</failure>
        </testcase>
        <testcase name="second &gt; inner" classname="./a_test.ts" time="0.000" line="4" col="43">
            <failure message="Uncaught Error: in">Error: in</failure>
        </testcase>
    </testsuite>
</testsuites>`;
  assertEquals(parseJunit(xml), [
    { name: "first", passed: true },
    { name: "second", passed: false, message: "Error: bad" },
    { name: "second > inner", passed: false, message: "Error: in" },
  ]);
  assertEquals(parseJunit(""), []);
});

Deno.test("parseJunit reads a test cancelled by an uncaught error as failed", () => {
  const xml = `<testcase name="cut short" classname="./a_test.ts" time="0.000">
            <error message="Cancelled">Cancelled</error>
        </testcase>`;
  assertEquals(parseJunit(xml), [
    { name: "cut short", passed: false, message: "Cancelled" },
  ]);
});

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
