/**
 * Which failing test to show in detail when several fail: the one whose
 * message explains the others. A changed argument, or a result that shares
 * an input's data, makes later values wrong too, so it comes first; then
 * protocol failures (backward before forward), which say how the layer is
 * meant to be used; then the rest (a stub's "not implemented" among them) in
 * the spec's order.
 *
 * @module
 */

import type { TestOutcome } from "../../spec_run.ts";

const MUTATION =
  /changed its argument|changed the shape of its argument|returned its argument|shares its data/;
const PROTOCOL = /before (any )?forward|forward comes first|forward first/i;

/**
 * How telling a failure is: 0 for a changed or shared argument, 1 for a
 * protocol failure, 2 for anything else.
 *
 * @example
 * ```ts
 * import { failureRank } from "./ranking.ts";
 * console.assert(failureRank({ name: "t", passed: false,
 *   message: "AssertionError: Relu.backward changed its argument dout: at [0] ..." }) === 0);
 * console.assert(failureRank({ name: "backward before any forward throws", passed: false,
 *   message: "AssertionError: ... did not throw." }) === 1);
 * console.assert(failureRank({ name: "t", passed: false, message: "values differ" }) === 2);
 * ```
 */
export function failureRank(test: TestOutcome): number {
  const message = test.message ?? "";
  // A stub's "not implemented" passes through every check unchanged.
  if (message.startsWith("NotImplementedError")) return 2;
  if (MUTATION.test(message)) return 0;
  if (PROTOCOL.test(test.name) || PROTOCOL.test(message)) return 1;
  return 2;
}

/**
 * The failing tests, most telling first (ties keep the spec's order).
 *
 * @example
 * ```ts
 * import { rankFailures } from "./ranking.ts";
 * const ranked = rankFailures([
 *   { name: "forward values", passed: false, message: "differ" },
 *   { name: "ok one", passed: true },
 *   { name: "backward leaves dout unchanged", passed: false,
 *     message: "Relu.backward changed its argument dout" },
 * ]);
 * console.assert(ranked.length === 2);
 * console.assert(ranked[0].name === "backward leaves dout unchanged");
 * ```
 */
export function rankFailures(tests: readonly TestOutcome[]): TestOutcome[] {
  return tests.filter((t) => !t.passed)
    .map((test, order) => ({ test, order, rank: failureRank(test) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((r) => r.test);
}
