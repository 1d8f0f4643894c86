/**
 * The screens that more than one command shows: the outcome of a walk, one
 * kata's verdict, and the note about a rebuilt progress file.
 *
 * @module
 */

import type { Pass } from "../checking/pass.ts";
import type { Verdict } from "../checking/verdict.ts";
import type { Context } from "../state/context.ts";
import {
  fromIndex,
  type LoadedProgress,
  type Progress,
  PROGRESS_FILE,
} from "../state/progress.ts";
import { readHints } from "../../hints.ts";
import { closingMessage, kataScreen } from "./report.ts";
import { wrap } from "./style.ts";

/**
 * What to tell the learner about a progress file that had to be rebuilt.
 *
 * @example
 * ```ts
 * import { rebuildNote } from "./screens.ts";
 * console.assert(rebuildNote({ progress: {} as never }) === undefined);
 * console.assert(rebuildNote({ progress: {} as never, problem: "missing" })!.includes("test results"));
 * ```
 */
export function rebuildNote(loaded: LoadedProgress): string | undefined {
  if (loaded.problem === "missing") {
    return `No progress file yet: started ${PROGRESS_FILE} from the test results.`;
  }
  if (loaded.problem === "repaired") {
    return `${PROGRESS_FILE} had damaged fields (${loaded.reason}); they ` +
      `were reset and the rest kept. The old file is kept as ${loaded.keptAs}.`;
  }
  if (loaded.problem === "corrupt") {
    return `${PROGRESS_FILE} could not be read (${loaded.reason}), so it was ` +
      `rebuilt from the test results; the old file is kept as ${loaded.keptAs}.`;
  }
  return undefined;
}

/**
 * The screen for the outcome of a walk: the current kata's, or the closing
 * message.
 *
 * @example
 * ```ts ignore
 * import { passScreen } from "./screens.ts";
 * ctx.out(await passScreen(ctx, pass, progress, false));
 * ```
 */
export async function passScreen(
  ctx: Context,
  pass: Pass,
  progress: Progress,
  watching: boolean,
): Promise<string> {
  const missing = ctx.manifest.katas.filter((k) =>
    progress.katas[k.name]?.status === "missing"
  );
  if (!pass.current) {
    return closingMessage(
      ctx.manifest.katas.length,
      missing,
      ctx.style,
      fromIndex(ctx.manifest, progress),
    );
  }
  const kata = pass.current.kata;
  const hints = {
    shown: progress.katas[kata.name]?.hintsShown ?? 0,
    total: (await readHints(ctx.root, kata.name)).length,
  };
  let screen = kataScreen(
    ctx.manifest,
    pass.current,
    { progress, hints, watching },
    ctx.style,
  );
  const skipped = missing.filter((k) =>
    ctx.manifest.katas.indexOf(k) < pass.current!.number - 1
  );
  if (skipped.length) {
    screen += "\n" + ctx.style.dim(wrap(
      `(Skipped, not in your copy: ${skipped.map((k) => k.name).join(", ")}.)`,
      ctx.style.width,
    ));
  }
  return screen;
}

/**
 * The screen for one kata's verdict.
 *
 * @example
 * ```ts ignore
 * import { oneKataScreen } from "./screens.ts";
 * ctx.out(await oneKataScreen(ctx, verdict, progress, false));
 * ```
 */
export async function oneKataScreen(
  ctx: Context,
  verdict: Verdict,
  progress: Progress,
  watching: boolean,
): Promise<string> {
  const hints = {
    shown: progress.katas[verdict.kata.name]?.hintsShown ?? 0,
    total: (await readHints(ctx.root, verdict.kata.name)).length,
  };
  return kataScreen(
    ctx.manifest,
    verdict,
    { progress, hints, watching, nameInHint: true },
    ctx.style,
  );
}
