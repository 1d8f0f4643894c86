/**
 * `mistakes <kata> [name] [--try] [--force]`: a kata's classic mistakes, from
 * `solutions/<kata>/MISTAKES.md`. Without a name, the list; with one, that
 * mistake and its diff against the worked answer; with `--try`, the spec run
 * against the worked answer with the mistake applied, shown as the runner
 * shows a failing kata. Like `solution`, only once the learner's kata passes,
 * or with `--force`. A bug hunt's are in `hunt_mistakes.ts`.
 *
 * @module
 */

import { removeTempDir, track } from "../../temp_dirs.ts";
import { join } from "node:path";
import type { KataEntry } from "../../manifest.ts";
import {
  applyMistake,
  DiffUnavailableError,
  type Mistake,
  MistakeError,
  mistakesPath,
  readMistakes,
} from "../../mistakes.ts";
import {
  scratchFolder,
  scratchSwaps,
  solutionSwaps,
  writeScratch,
} from "../../scratch.ts";
import { runSpec } from "../../spec_run.ts";
import { UsageError } from "../cli/args.ts";
import { didYouMean } from "../cli/closest.ts";
import { notYetSolved } from "../checking/solved_gate.ts";
import { judgeRun, type Verdict } from "../checking/verdict.ts";
import type { Context } from "../state/context.ts";
import { inRoot, kataPaths } from "../state/paths.ts";
import { mistakeList, mistakeText } from "../screen/mistake_screen.ts";
import { kataTitle, TASK, verdictLines } from "../screen/report.ts";
import { whileChecking } from "../screen/checking_line.ts";
import { wrap } from "../screen/style.ts";

/** What `mistakes` was asked for. */
export interface MistakesRequest {
  /** The mistake to show; the list when none. */
  name?: string;
  /** Run the spec against it. */
  try: boolean;
  /** Show it before the kata passes. */
  force: boolean;
}

/**
 * Lists, shows or tries a kata's classic mistakes; returns the exit code.
 *
 * @example
 * ```ts ignore
 * import { mistakesCommand } from "./mistakes.ts";
 * Deno.exit(await mistakesCommand(ctx, kata, { name: "stale_mask", try: true, force: false }));
 * ```
 */
export async function mistakesCommand(
  ctx: Context,
  kata: KataEntry,
  request: MistakesRequest,
): Promise<number> {
  const { style } = ctx;
  const number = ctx.manifest.katas.indexOf(kata) + 1;
  const title = kataTitle(kata, number, ctx.manifest.katas.length);
  let mistakes: Mistake[];
  try {
    mistakes = await readMistakes(ctx.root, kata);
  } catch (e) {
    if (!(e instanceof MistakeError)) throw e;
    ctx.out(`${mistakesPath(kata.name)} cannot be read: ${e.message}`);
    return 1;
  }
  if (mistakes.length === 0) {
    ctx.out(
      `${mistakesPath(kata.name)} is not in your copy: no mistakes to show.`,
    );
    return 1;
  }
  const mistake = request.name === undefined
    ? undefined
    : mistakes.find((m) => m.name === request.name);
  if (request.name !== undefined && !mistake) {
    const names = mistakes.map((m) => m.name);
    throw new UsageError(
      `kata ${kata.name} has no mistake "${request.name}"${
        didYouMean(request.name, names) ||
        `; its mistakes are ${names.join(", ")}`
      }`,
    );
  }
  const how = request.force ? undefined : await notYetSolved(ctx, kata);
  if (how) {
    ctx.out(wrap(
      `The classic mistakes of kata ${number} (${kata.title}) are shown once ` +
        `your kata passes, and it does not yet: ${how}. They give the answer ` +
        `away; add --force to see them anyway.`,
      style.width,
    ));
    return 1;
  }
  if (!mistake) {
    ctx.out(style.bold(title));
    ctx.out(`Classic mistakes, from ${mistakesPath(kata.name)}:`);
    ctx.out("");
    ctx.out(mistakeList(mistakes, style));
    ctx.out("");
    ctx.out(style.dim(wrap(
      `\`${TASK} mistakes ${kata.name} <name>\` shows one as a diff; add ` +
        `--try to see what the spec says to it.`,
      style.width,
    )));
    return 0;
  }
  const answer = kataPaths(kata).solution;
  ctx.out(style.dim(title));
  ctx.out(mistakeText(mistake, answer, style));
  if (!request.try) {
    ctx.out("");
    ctx.out(style.dim(wrap(
      `\`${TASK} mistakes ${kata.name} ${mistake.name} --try\` runs the ` +
        `spec against it.`,
      style.width,
    )));
    return 0;
  }
  ctx.out("");
  ctx.out(style.bold("What the spec says to it:"));
  ctx.out("");
  let verdict: Verdict;
  try {
    verdict = await whileChecking(
      ctx.status,
      ctx.style.dim(`running the spec against ${mistake.name} ...`),
      () => tryMistake(ctx, kata, mistake),
    );
  } catch (e) {
    // The worked answer moved on and the diff no longer applies, or the
    // diff library is not cached and cannot be fetched: one sentence each.
    if (!(e instanceof MistakeError || e instanceof DiffUnavailableError)) {
      throw e;
    }
    ctx.out(wrap(e.message, style.width));
    return 1;
  }
  ctx.out(verdictLines(verdict, style).join("\n"));
  return 0;
}

/**
 * Runs `kata`'s spec against its worked answer with `mistake` applied, the
 * way the self-check does: the mistaken answer in the scratch folder, every
 * learner file swapped for its worked answer. Nothing in katas/ or
 * solutions/ is written.
 */
async function tryMistake(
  ctx: Context,
  kata: KataEntry,
  mistake: Mistake,
): Promise<Verdict> {
  const answer = kataPaths(kata).solution;
  const text = await applyMistake(
    kata.name,
    await Deno.readTextFile(inRoot(ctx.root, answer)),
    mistake,
  );
  const scratch = scratchFolder();
  track(join(ctx.root, scratch));
  try {
    const copy = await writeScratch(
      ctx.root,
      scratch,
      kata,
      `${mistake.name}.mistake.ts`,
      text,
    );
    const swap = scratchSwaps(
      scratch,
      await solutionSwaps(ctx.root, ctx.manifest),
    );
    const result = await runSpec({
      root: ctx.root,
      kata,
      swap: { ...swap, [kataPaths(kata).file]: copy },
      check: false,
      timeoutMs: ctx.timeoutMs,
      printed: true,
    });
    const judged = judgeRun(kata, result, {
      root: ctx.root,
      timeoutMs: ctx.timeoutMs,
      types: [],
      file: copy,
      text,
    });
    return {
      kata,
      number: ctx.manifest.katas.indexOf(kata) + 1,
      passedTests: 0,
      totalTests: 0,
      problems: [],
      sandbox: false,
      unsolvedDependencies: [],
      usedSolutions: [],
      missingFile: false,
      editedSpec: false,
      ...judged,
      // A line of the scratch copy means nothing to the learner; the diff
      // above shows where the mistake is.
      thrown: undefined,
    };
  } finally {
    await removeTempDir(join(ctx.root, scratch));
  }
}
