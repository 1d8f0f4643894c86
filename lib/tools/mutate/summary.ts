/**
 * The per-kata table that `deno task mutate` prints (and the README shows).
 *
 * @module
 */

import { type Counts, MIN_SCORE, mutationScore } from "./record.ts";

/** One row: a kata and its counts. */
export interface Row {
  /** The kata's name. */
  name: string;
  /** Its mutants' outcome. */
  counts: Counts;
}

/**
 * A Markdown table of the rows, with a total; scores below
 * {@link MIN_SCORE} are marked.
 *
 * @example
 * ```ts
 * import { summaryTable } from "./summary.ts";
 * const counts = { killed: 9, survived: 1, timedOut: 0, equivalent: 0, errors: 0 };
 * const table = summaryTable([{ name: "relu_layer", counts }]);
 * console.assert(table.includes("| relu_layer | 10 | 9 | 1 | 0 | 0 | 90.0 % (below 95 %) |"));
 * ```
 */
export function summaryTable(rows: Row[]): string {
  const total: Counts = {
    killed: 0,
    survived: 0,
    timedOut: 0,
    equivalent: 0,
    errors: 0,
  };
  for (const { counts } of rows) {
    for (const key of Object.keys(total) as (keyof Counts)[]) {
      total[key] += counts[key];
    }
  }
  const anyErrors = total.errors > 0;
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  const row = (name: string, c: Counts) => {
    const score = mutationScore(c);
    const shown = score === undefined
      ? "no mutants"
      : `${score.toFixed(1)} %${
        score < MIN_SCORE ? ` (below ${MIN_SCORE} %)` : ""
      }`;
    const mutants = c.killed + c.survived + c.timedOut + c.equivalent +
      c.errors;
    return line([
      name,
      mutants,
      c.killed,
      c.survived,
      c.timedOut,
      c.equivalent,
      ...(anyErrors ? [c.errors] : []),
      shown,
    ]);
  };
  const header = [
    "kata",
    "mutants",
    "killed",
    "survived",
    "timed out",
    "equivalent",
    ...(anyErrors ? ["not run"] : []),
    "score",
  ];
  return [
    line(header),
    line(header.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...rows.map((r) => row(r.name, r.counts)),
    ...(rows.length > 1 ? [row("**all**", total)] : []),
  ].join("\n");
}
