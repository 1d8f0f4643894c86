import { assertEquals } from "../../../testing/assert.ts";
import {
  newProgress,
  progressSummary,
  recordVerdict,
  repairProgress,
} from "./progress.ts";

const hunt = {
  name: "sigmoid_bug_hunt",
  title: "Bug hunt: Sigmoid",
  book: "5.5.2",
  file: "sigmoid_hunt_test.ts",
  spec: "sigmoid_hunt_test.ts",
  uses: ["sigmoid_layer"],
  kind: "bug-hunt" as const,
  target: "sigmoid_layer",
};

Deno.test("recordVerdict keeps a hunt's count of wrong layers caught, and drops it when the spec has no test", () => {
  const p = newProgress(new Date(0));
  const verdict = (status: "failing" | "not started", caught: string[]) => ({
    kata: hunt,
    status,
    usedSolutions: [],
    hunt: { caught, total: 8 },
  });
  recordVerdict(p, verdict("failing", ["log_for_exp"]), new Date(1000));
  assertEquals(p.katas.sigmoid_bug_hunt.bugHunt, { caught: 1, total: 8 });
  const summary = progressSummary({ katas: [hunt] }, p, new Date(2000));
  assertEquals(summary.katas[0].bugHunt, { caught: 1, total: 8 });
  recordVerdict(p, verdict("not started", []), new Date(3000));
  assertEquals(p.katas.sigmoid_bug_hunt.bugHunt, undefined);
  assertEquals(
    progressSummary({ katas: [hunt] }, p, new Date(4000)).katas[0].bugHunt,
    null,
  );
});

Deno.test("repairProgress keeps a valid count of wrong layers and drops one that is not", () => {
  const at = new Date(0).toISOString();
  const { progress, repairs } = repairProgress({
    version: 1,
    startedAt: at,
    updatedAt: at,
    current: null,
    katas: {
      a: { status: "failing", hintsShown: 0, bugHunt: { caught: 2, total: 5 } },
      b: { status: "failing", hintsShown: 0, bugHunt: { caught: 6, total: 5 } },
    },
  });
  assertEquals(progress.katas.a.bugHunt, { caught: 2, total: 5 });
  assertEquals(progress.katas.b.bugHunt, undefined);
  assertEquals(repairs, ["b.bugHunt was not a count of wrong layers"]);
});
