import {
  assert,
  assertEquals,
  assertStringIncludes,
} from "../../../testing/assert.ts";
import type { Verdict } from "../checking/verdict.ts";
import { MAX_PRINTED_LINES, verdictLines } from "./report.ts";
import { Style } from "./style.ts";

const kata = {
  name: "relu_layer",
  title: "ReLU layer",
  book: "5.5.1",
  file: "relu.ts",
  spec: "relu_test.ts",
  uses: [],
};

function failing(extra: Partial<Verdict>): Verdict {
  return {
    kata,
    number: 6,
    status: "failing",
    passedTests: 3,
    totalTests: 11,
    otherFailures: [],
    problems: [],
    sandbox: false,
    unsolvedDependencies: [],
    usedSolutions: [],
    missingFile: false,
    editedSpec: false,
    ...extra,
  };
}

const screen = (v: Verdict, watching = false) =>
  verdictLines(v, Style.plain(), watching).join("\n");

Deno.test("a failure shows what the learner's code printed, marked and capped", () => {
  const printed = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`);
  const text = screen(failing({
    failure: {
      name: "forward values",
      passed: false,
      message: "differ",
      printed,
    },
  }));
  assertStringIncludes(text, "Your code printed, in this test:\n  | line 1\n");
  assertStringIncludes(text, `  | line ${MAX_PRINTED_LINES}\n`);
  assert(!text.includes(`line ${MAX_PRINTED_LINES + 1}`), text);
  assertStringIncludes(text, "(5 more lines not shown)");
});

Deno.test("a failure thrown in the learner's file shows the place and the line of code", () => {
  const text = screen(failing({
    failure: {
      name: "forward values",
      passed: false,
      message: "RangeError: no",
    },
    thrown: {
      file: "katas/relu_layer/relu.ts",
      line: 12,
      column: 7,
      code: 'throw new RangeError("no");',
    },
  }));
  assertStringIncludes(
    text,
    'Thrown in your code at katas/relu_layer/relu.ts:12:7:\n  12 | throw new RangeError("no");',
  );
});

Deno.test("other failing tests are named after the one shown, at most five", () => {
  const others = ["b", "c", "d", "e", "f", "g", "h"];
  const text = screen(failing({
    failure: { name: "a", passed: false, message: "changed its argument dout" },
    otherFailures: others,
  }));
  assertStringIncludes(text, "The most telling failing test:");
  assertStringIncludes(text, "Also failing:\n  - b\n");
  assertStringIncludes(text, "  - f\n  and 2 more");
  assertEquals(
    screen(failing({
      status: "not started",
      failure: { name: "a", passed: false, message: "NotImplementedError: x" },
      otherFailures: others,
    })).includes("Also failing"),
    false,
    "a stub's failures are all the same: none is listed",
  );
});

Deno.test("save again is said only when watching", () => {
  const v = failing({ timedOut: { seconds: 10, test: "loops" } });
  assertStringIncludes(screen(v, true), "Save again to re-run");
  assert(!/save again/i.test(screen(v, false)));
});

Deno.test("an edited spec is said, with the command that restores it", () => {
  const text = screen(failing({ passedTests: 11, editedSpec: true }));
  assertStringIncludes(
    text,
    "EDITED SPEC  All 11 tests pass, but against your edited spec.",
  );
  assertStringIncludes(text, "deno task start reset relu_layer --spec");
});
