/**
 * `mistakes <hunt> [name] [--try] [--force]` for a bug hunt: its wrong
 * layers, from `solutions/<hunt>/WRONG_LAYERS.md`. Those the learner's spec
 * catches are shown in full (description and diff); the others by their
 * titles only, until the hunt is solved or with `--force`. With `--try`, the
 * learner's spec runs against one wrong layer, which gives nothing away. The
 * hunt's weak specs (its MISTAKES.md) are shown once it is solved.
 *
 * @module
 */

import type { HuntEntry } from "../../manifest.ts";
import { targetOf } from "../../hunt.ts";
import {
  type Mistake,
  MistakeError,
  mistakesPath,
  readMistakes,
  WRONG_LAYERS,
} from "../../mistakes.ts";
import { UsageError } from "../cli/args.ts";
import { didYouMean } from "../cli/closest.ts";
import { checkOne } from "../checking/check_one.ts";
import type { Verdict } from "../checking/verdict.ts";
import { tryWrongLayer } from "../checking/hunt_verdict.ts";
import type { Context } from "../state/context.ts";
import { kataPaths } from "../state/paths.ts";
import {
  mistakeList,
  mistakeText,
  wrongLayerList,
  wrongLayerText,
} from "../screen/mistake_screen.ts";
import { kataTitle, TASK } from "../screen/report.ts";
import { whileChecking } from "../screen/checking_line.ts";
import { wrap } from "../screen/style.ts";

/** What `mistakes <hunt>` was asked for. */
export interface HuntMistakesRequest {
  /** The wrong layer or weak spec to show; the list when none. */
  name?: string;
  /** Run the learner's spec against the wrong layer. */
  try: boolean;
  /** Show what is not caught yet. */
  force: boolean;
}

function open(verdict: Verdict, force: boolean): boolean {
  return force || verdict.status === "solved";
}

/**
 * Lists, shows or tries a hunt's wrong layers; returns the exit code.
 *
 * @example
 * ```ts ignore
 * import { huntMistakesCommand } from "./hunt_mistakes.ts";
 * Deno.exit(await huntMistakesCommand(ctx, hunt, { try: false, force: false }));
 * ```
 */
export async function huntMistakesCommand(
  ctx: Context,
  hunt: HuntEntry,
  request: HuntMistakesRequest,
): Promise<number> {
  const { style } = ctx;
  const number = ctx.manifest.katas.indexOf(hunt) + 1;
  const title = kataTitle(hunt, number, ctx.manifest.katas.length);
  const target = targetOf(ctx.manifest, hunt);
  const answer = kataPaths(target).solution;
  let layers: Mistake[];
  let weak: Mistake[];
  try {
    layers = await readMistakes(ctx.root, hunt, WRONG_LAYERS);
    weak = await readMistakes(ctx.root, hunt);
  } catch (e) {
    if (!(e instanceof MistakeError)) throw e;
    ctx.out(wrap(`The hunt's pages cannot be read: ${e.message}`, style.width));
    return 1;
  }
  if (layers.length === 0) {
    ctx.out(
      `${
        WRONG_LAYERS.path(hunt.name)
      } is not in your copy: no wrong layers to show.`,
    );
    return 1;
  }
  const layer = layers.find((m) => m.name === request.name);
  const weakSpec = weak.find((m) => m.name === request.name);
  if (request.name !== undefined && !layer && !weakSpec) {
    const names = [...layers, ...weak].map((m) => m.name);
    throw new UsageError(
      `bug hunt ${hunt.name} has no wrong layer or weak spec "${request.name}"${
        didYouMean(request.name, names) || `; it has ${names.join(", ")}`
      }`,
    );
  }
  if (weakSpec && request.try) {
    throw new UsageError(
      `--try runs your spec against a wrong layer; ${weakSpec.name} is a ` +
        `weak spec, a change to the worked spec, and \`deno task test ` +
        `${hunt.name}\` tries it against every wrong layer`,
    );
  }
  const { verdict } = await checkOne(ctx, hunt, { useSolutions: false });
  const caught = new Set(verdict.hunt?.caught ?? []);
  if (!layer && !weakSpec) {
    const shown = open(verdict, request.force)
      ? new Set(layers.map((m) => m.name))
      : caught;
    ctx.out(style.bold(title));
    ctx.out(
      `Wrong layers, from ${WRONG_LAYERS.path(hunt.name)} ` +
        `(your spec catches ${caught.size} of ${layers.length}):`,
    );
    ctx.out("");
    ctx.out(wrongLayerList(layers, shown, answer, style));
    if (open(verdict, request.force) && weak.length) {
      ctx.out("");
      ctx.out(style.bold(`Weak specs, from ${mistakesPath(hunt.name)}:`));
      ctx.out("");
      ctx.out(mistakeList(weak, style));
    }
    ctx.out("");
    ctx.out(style.dim(wrap(
      `\`${TASK} mistakes ${hunt.name} <name> --try\` runs your spec ` +
        `against one wrong layer.`,
      style.width,
    )));
    return 0;
  }
  if (weakSpec) {
    if (!open(verdict, request.force)) {
      ctx.out(wrap(
        `The weak specs of kata ${number} (${hunt.title}) are shown once ` +
          `your spec catches every wrong layer; add --force to see them anyway.`,
        style.width,
      ));
      return 1;
    }
    ctx.out(style.dim(title));
    ctx.out(mistakeText(weakSpec, kataPaths(hunt).solution, style));
    return 0;
  }
  const wrong = layer!;
  const visible = open(verdict, request.force) || caught.has(wrong.name);
  ctx.out(style.dim(title));
  if (visible) ctx.out(wrongLayerText(wrong, answer, style));
  if (!request.try) {
    if (!visible) {
      ctx.out(wrap(
        `Wrong layer ${wrong.name} ("${wrong.title}") is shown once your ` +
          `spec catches it, or the hunt is solved; add --force to see it ` +
          `anyway, or --try to run your spec against it.`,
        style.width,
      ));
      return 1;
    }
    return 0;
  }
  if (!visible) ctx.out(`Wrong layer ${wrong.name}: ${wrong.title}`);
  ctx.out("");
  const by = await whileChecking(
    ctx.status,
    style.dim(`running your spec against ${wrong.name} ...`),
    () =>
      tryWrongLayer(
        {
          root: ctx.root,
          manifest: ctx.manifest,
          timeoutMs: ctx.timeoutMs,
        },
        hunt,
        wrong.name,
      ),
  );
  if (!("tests" in by)) {
    ctx.out(wrap(by.message, style.width));
    return 1;
  }
  ctx.out(wrap(
    by.tests === 0
      ? `Your spec has no tests yet: it catches nothing.`
      : by.failed.length
      ? `Your spec catches it: ${by.failed.length} of your ${by.tests} ` +
        `tests fail against it: ${by.failed.join("; ")}.`
      : by.tests === 1
      ? `Your one test passes against it: it is still passing.`
      : `All ${by.tests} of your tests pass against it: it is still passing.`,
    style.width,
  ));
  if (verdict.hunt?.specWrong) {
    ctx.out("");
    ctx.out(wrap(
      `Your spec also fails the correct ${verdict.hunt.layer}, so this ` +
        `does not count yet: \`${TASK} kata ${hunt.name}\` shows why.`,
      style.width,
    ));
  }
  return 0;
}
