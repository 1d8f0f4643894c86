import { assertEquals } from "../../testing/assert.ts";
import { byProgress, isStuck, Room } from "./state.ts";
import { sampleEvent } from "./sample_event.ts";

const MINUTE = 60_000;

function clock(start: number) {
  const c = { now: start, tick: (ms: number) => (c.now += ms) };
  return c;
}

Deno.test("a learner's time on the kata and progress start from the seconds they report", () => {
  const c = clock(100 * MINUTE);
  const room = new Room({ now: () => c.now });
  const result = room.apply(sampleEvent({ secondsOnKata: 120 }));
  assertEquals(result.applied, true);
  const [ada] = room.learners();
  assertEquals(ada.kataSince, 98 * MINUTE);
  assertEquals(ada.progressAt, 98 * MINUTE);
  assertEquals(ada.seenAt, 100 * MINUTE);
});

Deno.test("an event not newer than the last of its learner is dropped, others are kept", () => {
  const room = new Room({ now: () => 0 });
  room.apply(sampleEvent({ seq: 5, hints: 2 }));
  assertEquals(room.apply(sampleEvent({ seq: 5, hints: 3 })), {
    applied: false,
    reason: "stale: seq 5 after 5",
  });
  assertEquals(room.apply(sampleEvent({ seq: 4 })).applied, false);
  assertEquals(room.apply(sampleEvent({ name: "Bo", seq: 1 })).applied, true);
  assertEquals(room.learners().map((l) => [l.name, l.seq, l.hints]), [
    ["Ada", 5, 2],
    ["Bo", 1, 1],
  ]);
});

Deno.test("a different failing test counts as progress, the same one does not", () => {
  const c = clock(50 * MINUTE);
  const room = new Room({ now: () => c.now });
  room.apply(sampleEvent({ seq: 1, secondsOnKata: 0 }));
  c.tick(3 * MINUTE);
  room.apply(sampleEvent({ seq: 2, secondsOnKata: 180, hints: 2 }));
  assertEquals(room.learners()[0].progressAt, 50 * MINUTE);
  c.tick(MINUTE);
  room.apply(
    sampleEvent({ seq: 3, secondsOnKata: 240, failingTest: "shapes" }),
  );
  assertEquals(room.learners()[0].progressAt, 54 * MINUTE);
  assertEquals(room.learners()[0].kataSince, 50 * MINUTE);
});

Deno.test("moving to the next kata restarts both clocks", () => {
  const c = clock(50 * MINUTE);
  const room = new Room({ now: () => c.now });
  room.apply(sampleEvent({ seq: 1, secondsOnKata: 600 }));
  c.tick(MINUTE);
  room.apply(sampleEvent({
    seq: 2,
    solved: 4,
    kata: { index: 4, name: "sigmoid_layer", title: "The Sigmoid layer" },
    secondsOnKata: 0,
  }));
  const [ada] = room.learners();
  assertEquals([ada.kataSince, ada.progressAt], [51 * MINUTE, 51 * MINUTE]);
});

Deno.test("a full room turns new learners away but keeps updating those in it", () => {
  const room = new Room({ maxLearners: 2, now: () => 0 });
  room.apply(sampleEvent({ name: "a" }));
  room.apply(sampleEvent({ name: "b" }));
  assertEquals(room.apply(sampleEvent({ name: "c" })), {
    applied: false,
    reason: "the room is full (2 learners)",
  });
  assertEquals(room.apply(sampleEvent({ name: "a", seq: 2 })).applied, true);
});

Deno.test("only a failing learner without progress for the set minutes is stuck", () => {
  const at = (status: "failing" | "passing" | "finished" | "stopped") => ({
    status,
    progressAt: 0,
  });
  assertEquals(isStuck(at("failing"), 5, 5 * MINUTE - 1), false);
  assertEquals(isStuck(at("failing"), 5, 5 * MINUTE), true);
  assertEquals(isStuck(at("passing"), 5, 60 * MINUTE), false);
  assertEquals(isStuck(at("finished"), 5, 60 * MINUTE), false);
  assertEquals(isStuck(at("stopped"), 5, 60 * MINUTE), false);
});

Deno.test("by progress: solved first, then the later kata, then who got there first, then the name", () => {
  const l = (
    name: string,
    solved: number,
    index: number | null,
    kataSince: number,
  ) => ({
    name,
    solved,
    kata: index === null ? null : { index },
    kataSince,
  });
  const learners = [
    l("e", 1, 1, 0),
    l("d", 3, 3, 9),
    l("c", 3, 3, 2),
    l("b", 3, 5, 9),
    l("f", 24, null, 0),
    l("a", 1, 1, 0),
  ];
  assertEquals(learners.sort(byProgress).map((x) => x.name).join(""), "fbcdae");
});
