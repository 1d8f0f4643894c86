/**
 * `list`: every kata with its number, status and book section, the current
 * one marked.
 *
 * @module
 */

import type { Context } from "../state/context.ts";
import { checkAll } from "../checking/check_all.ts";
import { progressBar, TASK } from "../screen/report.ts";
import { rebuildNote } from "../screen/screens.ts";
import { type Style, wrap } from "../screen/style.ts";
import type { Verdict } from "../checking/verdict.ts";
import { reportedStatuses, type SummaryStatus } from "../state/progress.ts";

/** The list's word for each status, at most 11 columns. */
const WORDS: Record<SummaryStatus, string> = {
  "solved": "solved",
  "solved-with-solutions": "solved~",
  "taken-from-solutions": "answer~",
  "failing": "failing",
  "not started": "not started",
  "missing": "missing",
};

function paintStatus(status: SummaryStatus, style: Style): string {
  const text = WORDS[status].padEnd(11);
  return status === "solved"
    ? style.green(text)
    : status === "failing"
    ? style.red(text)
    : status === "missing" || status.endsWith("solutions")
    ? style.yellow(text)
    : style.dim(text);
}

/**
 * One row of the list, at most 80 columns: `> 6  failing      ReLU layer  5.5.1`.
 *
 * @example
 * ```ts
 * import { listRow } from "./list.ts";
 * import { Style } from "../screen/style.ts";
 * const kata = { name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] };
 * const row = listRow({ kata, number: 6, status: "failing" }, true, Style.plain());
 * console.assert(row.startsWith(">  6  failing      ReLU layer"));
 * console.assert(row.length <= 80);
 * ```
 */
export function listRow(
  v: Pick<Verdict, "kata" | "number"> & { status: SummaryStatus },
  current: boolean,
  style: Style,
): string {
  const title = v.kata.title.length > 44
    ? v.kata.title.slice(0, 43) + "~"
    : v.kata.title;
  return `${current ? ">" : " "} ${String(v.number).padStart(2)}  ${
    paintStatus(v.status, style)
  }  ${title.padEnd(44)}  ${style.dim(v.kata.book)}`.trimEnd();
}

/**
 * Checks every kata and prints the list.
 *
 * @example
 * ```ts ignore
 * import { listCommand } from "./list.ts";
 * Deno.exit(await listCommand(ctx));
 * ```
 */
export async function listCommand(ctx: Context): Promise<number> {
  const { verdicts, progress, before } = await checkAll(ctx);
  const note = rebuildNote(before);
  if (note) ctx.out(ctx.style.dim(note) + "\n");
  ctx.out(
    ctx.style.bold("The katas") + "  " +
      progressBar(ctx.manifest, progress, ctx.style),
  );
  ctx.out("");
  const statuses = reportedStatuses(ctx.manifest, progress);
  verdicts.forEach((v, i) => {
    ctx.out(listRow(
      { ...v, status: statuses[i] },
      v.kata.name === progress.current,
      ctx.style,
    ));
  });
  ctx.out("");
  const notes = [
    statuses.includes("solved-with-solutions") &&
    "solved~ passes with worked answers for the katas it imports.",
    statuses.includes("taken-from-solutions") &&
    "answer~ comes from solutions/: you started at a later kata " +
      `(\`${TASK} --from 1\` goes back).`,
  ];
  for (const note of notes) {
    if (note) ctx.out(ctx.style.dim(wrap(note, ctx.style.width)));
  }
  ctx.out(ctx.style.dim(
    progress.current
      ? `> marks your current kata. \`${TASK} kata <number>\` checks one.`
      : `\`${TASK} kata <number>\` checks one kata.`,
  ));
  return 0;
}
