import { join } from "node:path";
import {
  assert,
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../testing/assert.ts";
import {
  huntOutcome,
  type HuntRun,
  layerSwaps,
  runHunt,
  targetOf,
} from "./hunt.ts";
import { writeWrongLayers } from "./wrong_layers.ts";
import { type HuntEntry, isHunt, parseManifest } from "./manifest.ts";
import { samplesOf } from "./test_samples.ts";
import { solutionSwaps } from "./scratch.ts";

// testdata/hunt_repo/: a kata `double` and a hunt of it with two wrong
// layers, "adds" (2 + x) and "squares" (x * x): both right at 2.
const samples = samplesOf(import.meta.url);

// The manifest of testdata/hunt_repo/, here so that loading this file reads
// nothing (a run without permissions skips the tests that do).
const manifest = parseManifest({
  katas: [
    {
      name: "double",
      title: "Double",
      book: "1",
      file: "double.ts",
      spec: "double_test.ts",
      uses: [],
    },
    {
      name: "double_bug_hunt",
      title: "Bug hunt: Double",
      book: "1",
      kind: "bug-hunt",
      target: "double",
      file: "double_hunt_test.ts",
      spec: "double_hunt_test.ts",
      uses: ["double"],
    },
  ],
});
const hunt = manifest.katas[1] as HuntEntry;

/** A spec with one test per `[input, expected]` pair. */
function spec(...cases: [number, number][]): string {
  return 'import { double } from "../double/double.ts";\n' +
    cases.map(([x, y]) =>
      `Deno.test("double(${x}) is ${y}", () => {\n` +
      `  if (double(${x}) !== ${y}) throw new Error("got " + double(${x}));\n` +
      `});\n`
    ).join("");
}

const mayRun = (["read", "write", "run", "env"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

function repo(): Promise<string> {
  return samples.copy("hunt_repo");
}

Deno.test("layerSwaps puts the layer under test wherever the hunted file is imported from, and other katas' answers for theirs", () => {
  const swap = layerSwaps(
    manifest.katas[0],
    "solutions/double/double.ts",
    ".selfcheck-7",
    { "katas/double/double.ts": "solutions/double/double.ts" },
  );
  assertEquals(swap, {
    "katas/double/double.ts": "solutions/double/double.ts",
    ".selfcheck-7/double/double.ts": "solutions/double/double.ts",
  });
});

Deno.test("targetOf names the hunt when its target is not in the manifest", () => {
  const e = assertThrows(
    () => targetOf({ katas: [hunt] }, hunt),
    Error,
  );
  assertStringIncludes(e.message, "double_bug_hunt: its target double");
});

Deno.test("huntOutcome: a spec killed or failing is not 'no tests'; every wrong layer caught is done", () => {
  const correct = { passed: true, timedOut: false, code: 0, output: "" };
  const run = (over: Partial<HuntRun["correct"]>, caught: boolean[]) => ({
    correct: { ...correct, tests: [{ name: "t", passed: true }], ...over },
    wrong: caught.map((c, i) => ({
      name: `w${i}`,
      title: `W${i}`,
      caught: c,
      by: c ? ["t"] : [],
    })),
  });
  assertEquals(
    huntOutcome(run({ tests: [], passed: false, timedOut: true }, [])).kind,
    "fails the correct layer",
  );
  assertEquals(
    huntOutcome(run({ tests: [], passed: false, code: 1 }, [])).kind,
    "fails the correct layer",
  );
  assertEquals(
    huntOutcome(
      run(
        { passed: false, code: 1, tests: [{ name: "t", passed: false }] },
        [],
      ),
    ).kind,
    "fails the correct layer",
  );
  const done = huntOutcome(run({}, [true, true]));
  assertEquals(done.kind, "all caught");
  const half = huntOutcome(run({}, [false, true]));
  assert(half.kind === "hunting");
  assertEquals(half.stillPassing.map((w) => w.title), ["W0"]);
});

Deno.test({
  name:
    "solutionSwaps never swaps a hunt's spec, which would replace the learner's spec with the worked one",
  ignore: !mayRun,
  fn: async () => {
    const root = await repo();
    try {
      assertEquals(await solutionSwaps(root, manifest), {
        "katas/double/double.ts": "solutions/double/double.ts",
      });
      assert(isHunt(hunt));
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "runHunt runs the spec against the correct layer, then against each wrong one, and says which it catches",
  ignore: !mayRun,
  fn: async () => {
    const root = await repo();
    try {
      const scratch = ".selfcheck-test";
      const layers = await writeWrongLayers(root, manifest, hunt, scratch);
      assertEquals(layers.map((l) => [l.name, l.title, l.path]), [
        ["adds", "Right only at 2.", `${scratch}/double/adds.wrong.ts`],
        [
          "squares",
          "Right only at 0 and 2.",
          `${scratch}/double/squares.wrong.ts`,
        ],
      ]);
      const hunting = async (text: string) => {
        await Deno.writeTextFile(
          join(root, "katas/double_bug_hunt/double_hunt_test.ts"),
          text,
        );
        return await runHunt({ root, manifest, hunt, layers, scratch });
      };
      // At 2 every wrong layer agrees with the right one.
      const blind = await hunting(spec([2, 4]));
      assertEquals(blind.wrong.map((w) => w.caught), [false, false]);
      const some = await hunting(spec([2, 4], [-1, -2]));
      assertEquals(some.wrong.map((w) => [w.name, w.by]), [
        ["adds", ["double(-1) is -2"]],
        ["squares", ["double(-1) is -2"]],
      ]);
      assertEquals(huntOutcome(some).kind, "all caught");
      const wrong = await hunting(spec([2, 5]));
      assertEquals(huntOutcome(wrong).kind, "fails the correct layer");
      assertEquals(wrong.wrong, [], "wrong layers are not run");
      const none = await hunting("export {};\n");
      assertEquals(huntOutcome(none).kind, "no tests");
      // The worked spec, run by path, is not the learner's file.
      const worked = await runHunt({
        root,
        manifest,
        hunt,
        layers,
        scratch,
        spec: "solutions/double_bug_hunt/double_hunt_test.ts",
      });
      assertEquals(huntOutcome(worked).kind, "all caught");
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
