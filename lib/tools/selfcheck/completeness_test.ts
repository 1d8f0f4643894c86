import { assertEquals } from "../../testing/assert.ts";
import {
  checkCompleteness,
  countTests,
  hintProblems,
  huntReadmeProblems,
} from "./completeness.ts";
import { loadManifest } from "../manifest.ts";

const RELU = { name: "relu_layer", title: "ReLU layer" };

const PAGE = [
  "# Hints: ReLU layer",
  "",
  "## Hint 1: a nudge",
  "",
  "a",
  "",
  "## Hint 2: the mathematics",
  "",
  "b",
  "",
  "## Hint 3: a plan",
  "",
  "c",
].join("\n");

Deno.test("hintProblems accepts a HINTS.md of three levels beside a README without hints", () => {
  assertEquals(hintProblems(RELU, "# ReLU\n\n## Goal\n", PAGE), []);
});

Deno.test("hintProblems asks for HINTS.md, its structure, and no hints left in the README", () => {
  assertEquals(
    hintProblems(RELU, "# ReLU\r\n\r\n## Hints\r\n", undefined),
    [
      "katas/relu_layer/HINTS.md is missing: it holds the hints",
      'katas/relu_layer/README.md still has a "## Hints" section: hints belong in katas/relu_layer/HINTS.md',
    ],
  );
  const two = PAGE.slice(0, PAGE.indexOf("## Hint 3"));
  assertEquals(hintProblems(RELU, "# ReLU\n", two), [
    "katas/relu_layer/HINTS.md has 2 hint level(s); at least 3 are needed",
  ]);
  assertEquals(
    hintProblems(RELU, "# ReLU\n", PAGE.replace("ReLU layer", "Relu")),
    [
      'katas/relu_layer/HINTS.md is titled "Relu", not the kata\'s title "ReLU layer"',
    ],
  );
  // A section that merely starts with the word is another section.
  assertEquals(hintProblems(RELU, "## Hints and tips\n", PAGE), []);
});

Deno.test("countTests counts the tests declared with timeLimit", () => {
  const spec = [
    'Deno.test("a", timeLimit, () => {});',
    "Deno.test(\"b, with 'quotes'\", timeLimit, () => {});",
    'Deno.test("c", () => {});',
  ].join("\n");
  assertEquals(countTests(spec), { total: 3, bounded: 2 });
});

Deno.test("huntReadmeProblems asks a hunt's README for what the runner reports and the command that checks it", () => {
  const readme = [
    "# Bug hunt: ReLU",
    "",
    "## What the runner reports",
    "",
    "Check with `deno task start kata relu_bug_hunt`.",
  ].join("\n");
  assertEquals(huntReadmeProblems("relu_bug_hunt", readme), []);
  assertEquals(
    huntReadmeProblems(
      "relu_bug_hunt",
      readme.replace("## What the runner", "## What it").replace(
        "kata relu_bug_hunt",
        "kata relu_layer",
      ),
    ),
    [
      'katas/relu_bug_hunt/README.md has no "## What the runner reports" section',
      "katas/relu_bug_hunt/README.md does not say how to check: deno task start kata relu_bug_hunt",
    ],
  );
});

const mayRead = Deno.permissions.querySync({ name: "read" }).state ===
    "granted" &&
  Deno.permissions.querySync({ name: "run" }).state === "granted";

Deno.test({
  name:
    "checkCompleteness finds the Sigmoid hunt complete: its tests counted in the worked spec, its wrong layers and weak specs",
  ignore: !mayRead,
  fn: async () => {
    const manifest = await loadManifest(".");
    const hunt = manifest.katas.find((k) => k.name === "sigmoid_bug_hunt")!;
    const [finding] = await checkCompleteness(".", hunt, manifest);
    assertEquals(finding.ok, true, finding.text);
    assertEquals(
      /worked spec \(\d+ tests, all time-limited\), \d+ wrong layers, \d+ weak spec/
        .test(finding.text),
      true,
      finding.text,
    );
  },
});
