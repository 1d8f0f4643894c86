import {
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../../testing/assert.ts";
import {
  checkScores,
  type Counts,
  hashText,
  MIN_SCORE,
  mutationScore,
  parseScores,
  type Scores,
} from "./record.ts";

const counts = (over: Partial<Counts> = {}): Counts => ({
  killed: 100,
  survived: 0,
  timedOut: 0,
  equivalent: 0,
  errors: 0,
  ...over,
});

const FILES = { "solutions/a/a.ts": "h1", "katas/a/a_test.ts": "h2" };

const scores = (c = counts()): Scores => ({
  katas: { a: { files: { ...FILES }, context: "c", counts: c } },
});

Deno.test("mutationScore counts timed-out mutants as detected and leaves equivalent and unrun ones out", () => {
  assertEquals(
    mutationScore(
      counts({ killed: 6, timedOut: 2, survived: 2, equivalent: 5, errors: 3 }),
    ),
    80,
  );
  assertEquals(mutationScore(counts({ killed: 0, equivalent: 4 })), undefined);
});

Deno.test("hashText tells texts apart but not their line ends", async () => {
  assertEquals(await hashText("a\r\nb\r\n"), await hashText("a\nb\n"));
  assertEquals((await hashText("a")) === (await hashText("b")), false);
  assertEquals((await hashText("")).length, 64);
});

Deno.test("checkScores accepts a current record at or above the threshold", () => {
  const atThreshold = counts({ killed: MIN_SCORE, survived: 100 - MIN_SCORE });
  assertEquals(
    checkScores(scores(atThreshold), [{
      name: "a",
      files: { ...FILES },
      context: "c",
    }]),
    [],
  );
});

Deno.test("checkScores names the kata, the changed file and the command when the answer or spec changed", () => {
  const [problem, ...rest] = checkScores(scores(), [{
    name: "a",
    files: { ...FILES, "katas/a/a_test.ts": "new" },
    context: "c",
  }]);
  assertEquals(rest, []);
  assertStringIncludes(problem, "a: the recorded mutation score is stale");
  assertStringIncludes(problem, "katas/a/a_test.ts changed");
  assertStringIncludes(problem, "run `deno task mutate a`");
});

Deno.test("checkScores sees an equivalents file that appeared or disappeared since the score", () => {
  const added = checkScores(scores(), [{
    name: "a",
    files: { ...FILES, "solutions/a/EQUIVALENT_MUTANTS.md": "h3" },
    context: "c",
  }]);
  assertStringIncludes(added[0], "solutions/a/EQUIVALENT_MUTANTS.md is new");
  const recorded = scores();
  recorded.katas.a.files["solutions/a/EQUIVALENT_MUTANTS.md"] = "h3";
  const removed = checkScores(recorded, [{
    name: "a",
    files: { ...FILES },
    context: "c",
  }]);
  assertStringIncludes(removed[0], "solutions/a/EQUIVALENT_MUTANTS.md is gone");
});

Deno.test("checkScores reports a record measured with another toolkit as stale", () => {
  const [problem, ...rest] = checkScores(scores(), [{
    name: "a",
    files: { ...FILES },
    context: "another toolkit",
  }]);
  assertEquals(rest, []);
  assertStringIncludes(problem, "a: the recorded mutation score is stale");
  assertStringIncludes(problem, "the toolkit under lib/");
  assertStringIncludes(problem, "run `deno task mutate a`");
});

Deno.test("checkScores reports a score below the threshold with the survivors' count", () => {
  const [problem] = checkScores(
    scores(counts({ killed: 9, survived: 1 })),
    [{ name: "a", files: { ...FILES }, context: "c" }],
  );
  assertStringIncludes(
    problem,
    `a: mutation score 90.0 % is below ${MIN_SCORE} % (1 mutant survives)`,
  );
  assertEquals(
    checkScores(scores(counts({ killed: 9, survived: 1 })), [{
      name: "a",
      files: { ...FILES },
      context: "c",
    }], 90),
    [],
  );
});

Deno.test("checkScores reports a kata with no record and a record with no kata", () => {
  const problems = checkScores(scores(), [{
    name: "b",
    files: {},
    context: "c",
  }]);
  assertEquals(problems.length, 2);
  assertStringIncludes(
    problems[0],
    "b: no mutation score is recorded: run `deno task mutate b`",
  );
  assertStringIncludes(
    problems[1],
    "a: a score is recorded for a kata the manifest does not list",
  );
});

Deno.test("parseScores names the kata whose record is malformed", () => {
  assertEquals(parseScores(scores()), scores());
  const broken = {
    katas: { a: { files: {}, context: "c", counts: { killed: 1 } } },
  };
  assertStringIncludes(
    (assertThrows(() => parseScores(broken, "scores.json")) as Error).message,
    `scores.json: the record of "a" needs`,
  );
  assertStringIncludes(
    (assertThrows(() => parseScores([])) as Error).message,
    `needs a "katas" object`,
  );
});
