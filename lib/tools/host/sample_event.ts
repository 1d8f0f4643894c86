/**
 * A well-formed progress event for the host's tests, the load script and the
 * browser test, each changing only the fields it is about.
 *
 * @module
 */

import type { ProgressEvent } from "./protocol.ts";

/**
 * A learner on the fourth kata with one failing test, with `overrides` laid
 * over it.
 *
 * @example
 * ```ts
 * import { sampleEvent } from "./sample_event.ts";
 * import { validateEvent } from "./protocol.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * assertEquals(validateEvent(sampleEvent({ name: "Grace", seq: 7 })).ok, true);
 * ```
 */
export function sampleEvent(
  overrides: Partial<ProgressEvent> = {},
): ProgressEvent {
  return {
    version: 1,
    name: "Ada",
    seq: 1,
    kata: { index: 3, name: "relu_layer", title: "The ReLU layer" },
    solved: 3,
    solvedWithSolution: 1,
    total: 24,
    secondsOnKata: 42,
    hints: 1,
    failingTest: "backward passes no gradient where the input was <= 0",
    status: "failing",
    ...overrides,
  };
}
