import { assertEquals } from "../../../testing/assert.ts";
import { validateEvent } from "../../host/protocol.ts";
import { Room } from "../../host/state.ts";
import { progressEvent } from "./host_link.ts";
import { newProgress } from "./progress.ts";

const kata = (name: string) => ({
  name,
  title: name,
  book: "5",
  file: `${name}.ts`,
  spec: `${name}_test.ts`,
  uses: [],
});
const manifest = { katas: [kata("relu_layer"), kata("relu_bug_hunt")] };

/** A learner on the hunt, with `caught` wrong layers of 7 caught. */
function hunting(caught: number, failingTest?: string) {
  const p = { ...newProgress(new Date(0)), current: "relu_bug_hunt" };
  p.katas.relu_layer = { status: "solved" as const, hintsShown: 0 };
  p.katas.relu_bug_hunt = {
    status: "failing" as const,
    hintsShown: 0,
    firstRunAt: new Date(0).toISOString(),
    bugHunt: { caught, total: 7 },
    ...(failingTest ? { failingTest } : {}),
  };
  return p;
}

Deno.test("a bug hunt whose spec passes the correct layer shows its count of wrong layers caught in the test column", () => {
  const event = progressEvent(
    manifest,
    hunting(2),
    "Ada",
    1,
    new Date(60_000),
  );
  assertEquals(
    event.failingTest,
    "bug hunt: the spec catches 2 of 7 wrong layers",
  );
  assertEquals(validateEvent(event).ok, true);
  // A spec that fails the correct layer shows its failing test instead.
  const wrong = progressEvent(
    manifest,
    hunting(2, "forward gives 0 for negative inputs"),
    "Ada",
    2,
    new Date(60_000),
  );
  assertEquals(wrong.failingTest, "forward gives 0 for negative inputs");
});

Deno.test("catching one more wrong layer is progress on the dashboard, as a new failing test is", () => {
  let clock = 60_000;
  const room = new Room({ now: () => clock });
  const at = (ms: number, caught: number, seq: number) => {
    clock = ms;
    return room.apply(
      progressEvent(manifest, hunting(caught), "Ada", seq, new Date(ms)),
    );
  };
  const first = at(60_000, 2, 1);
  const same = at(600_000, 2, 2);
  const more = at(900_000, 3, 3);
  if (!first.applied || !same.applied || !more.applied) {
    throw new Error("every event should apply");
  }
  assertEquals(same.learner.progressAt, first.learner.progressAt);
  assertEquals(more.learner.progressAt, 900_000);
});
