/**
 * What the dashboard knows about the room: the newest event of each learner,
 * kept in bounded memory, with the server's own clock for "time on the
 * current kata" and "no progress since". `isStuck` and `byProgress` are also
 * the page's own code (it embeds their source), so the page and its tests
 * agree on what stuck and ahead mean.
 *
 * @module
 */

import type { CurrentKata, LearnerStatus, ProgressEvent } from "./protocol.ts";

/** A learner as the page shows them; times are the server's epoch milliseconds. */
export interface Learner {
  name: string;
  seq: number;
  kata: CurrentKata | null;
  solved: number;
  solvedWithSolution: number;
  total: number;
  hints: number;
  failingTest: string | null;
  status: LearnerStatus;
  /** When the learner reached the current kata. */
  kataSince: number;
  /** When the learner last made progress: a new kata, or a different failing test. */
  progressAt: number;
  /** When the last event arrived. */
  seenAt: number;
}

/** What {@link Room.apply} did with an event. */
export type Applied =
  | { applied: true; learner: Learner }
  | { applied: false; reason: string };

/**
 * True when a learner whose current kata fails has made no progress for
 * `stuckMinutes`. Self-contained (the page embeds its source).
 *
 * @example
 * ```ts
 * import { isStuck } from "./state.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const learner = { status: "failing", progressAt: 0 } as const;
 * assertEquals(isStuck(learner, 10, 9 * 60_000), false);
 * assertEquals(isStuck(learner, 10, 10 * 60_000), true);
 * ```
 */
export function isStuck(
  learner: Pick<Learner, "status" | "progressAt">,
  stuckMinutes: number,
  now: number,
): boolean {
  return learner.status === "failing" &&
    now - learner.progressAt >= stuckMinutes * 60_000;
}

/**
 * Orders learners by progress, furthest first: more katas solved, then a later
 * kata, then the one who reached it earlier, then by name. Self-contained
 * (the page embeds its source).
 *
 * @example
 * ```ts
 * import { byProgress } from "./state.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const a = { name: "a", solved: 2, kata: { index: 2 }, kataSince: 5 };
 * const b = { name: "b", solved: 3, kata: { index: 3 }, kataSince: 9 };
 * assertEquals([a, b].sort(byProgress).map((l) => l.name), ["b", "a"]);
 * ```
 */
export function byProgress(
  a: Pick<Learner, "name" | "solved" | "kataSince"> & {
    kata: { index: number } | null;
  },
  b: Pick<Learner, "name" | "solved" | "kataSince"> & {
    kata: { index: number } | null;
  },
): number {
  const place = (l: typeof a) => l.kata === null ? Infinity : l.kata.index;
  return b.solved - a.solved || place(b) - place(a) ||
    a.kataSince - b.kataSince ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The learners in the room, at most `maxLearners` of them, each the newest
 * event that arrived in order. Memory is bounded: one record per learner,
 * no history.
 *
 * @example
 * ```ts
 * import { Room } from "./state.ts";
 * import { sampleEvent } from "./sample_event.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const room = new Room({ now: () => 1_000_000 });
 * room.apply(sampleEvent({ seq: 2 }));
 * const late = room.apply(sampleEvent({ seq: 1 }));
 * assertEquals(late.applied, false);
 * assertEquals(room.learners().length, 1);
 * ```
 */
export class Room {
  readonly #learners = new Map<string, Learner>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(
    options: { maxLearners?: number; now?: () => number } = {},
  ) {
    this.#max = options.maxLearners ?? 500;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Takes a valid event unless it is older than the newest one of its learner
   * (by `seq`), or it is a new learner and the room is full.
   */
  apply(event: ProgressEvent): Applied {
    const now = this.#now();
    const before = this.#learners.get(event.name);
    if (before && event.seq <= before.seq) {
      return {
        applied: false,
        reason: `stale: seq ${event.seq} after ${before.seq}`,
      };
    }
    if (!before && this.#learners.size >= this.#max) {
      return {
        applied: false,
        reason: `the room is full (${this.#max} learners)`,
      };
    }
    const kataSince = now - event.secondsOnKata * 1000;
    const movedOn = !before || before.solved !== event.solved ||
      before.kata?.index !== event.kata?.index;
    const progressAt = movedOn
      ? kataSince
      : before.failingTest !== event.failingTest
      ? now
      : before.progressAt;
    const learner: Learner = {
      name: event.name,
      seq: event.seq,
      kata: event.kata,
      solved: event.solved,
      solvedWithSolution: event.solvedWithSolution,
      total: event.total,
      hints: event.hints,
      failingTest: event.failingTest,
      status: event.status,
      kataSince,
      progressAt,
      seenAt: now,
    };
    this.#learners.set(event.name, learner);
    return { applied: true, learner };
  }

  /** Every learner, in the order they joined. */
  learners(): Learner[] {
    return [...this.#learners.values()];
  }
}
