/**
 * Where the walk through the katas starts: kata 1, or the kata the learner
 * chose (`start --from`, `kata --use-solutions`), recorded in the progress
 * file so that the next `start`, `list` and `progress` agree.
 *
 * @module
 */

import type { Context } from "./context.ts";
import { findKata } from "./find_kata.ts";
import { fromIndex, loadProgress, updateProgress } from "./progress.ts";
import { TASK } from "../screen/report.ts";

/**
 * Records where the learner chose to start (`kataRef`, as typed), or reads
 * the choice recorded before when none is given; returns its 0-based index.
 *
 * @example
 * ```ts ignore
 * import { chooseStart } from "./start_at.ts";
 * const from = await chooseStart(ctx, "11");
 * ```
 */
export async function chooseStart(
  ctx: Context,
  kataRef: string | undefined,
): Promise<number> {
  if (kataRef === undefined) {
    return fromIndex(
      ctx.manifest,
      (await loadProgress(ctx.root, ctx.now())).progress,
    );
  }
  const kata = findKata(ctx.manifest, kataRef);
  const { progress } = await updateProgress(ctx.root, ctx.now(), (p) => {
    if (ctx.manifest.katas.indexOf(kata) === 0) delete p.from;
    else p.from = kata.name;
  });
  return fromIndex(ctx.manifest, progress);
}

/**
 * What to tell a learner who started past kata 1; undefined for one who
 * did not.
 *
 * @example
 * ```ts
 * import { fromNote } from "./start_at.ts";
 * console.assert(fromNote(0) === undefined);
 * console.assert(fromNote(10)!.includes("katas 1 to 10"));
 * ```
 */
export function fromNote(from: number): string | undefined {
  if (from === 0) return undefined;
  const earlier = from === 1 ? "kata 1 comes" : `katas 1 to ${from} come`;
  return `You started at kata ${from + 1}: ${earlier} from solutions/ ` +
    `wherever a later kata imports them. \`${TASK} --from 1\` goes back ` +
    `to the beginning.`;
}
