/**
 * The self-check of a bug-hunt kata: the worked spec passes the correct
 * layer and catches every wrong layer; each weak spec of its MISTAKES.md is
 * judged not done; the shipped stub is judged not started (no tests).
 *
 * @module
 */

import type { HuntEntry, Manifest } from "../manifest.ts";
import {
  caughtBy,
  correctLayer,
  type HuntOutcome,
  huntOutcome,
  runAgainst,
  runHunt,
  targetOf,
  type WrongLayer,
} from "../hunt.ts";
import { writeWrongLayers } from "../wrong_layers.ts";
import { DiffUnavailableError, MistakeError } from "../mistakes.ts";
import { shippedStubOf } from "../shipped.ts";
import { writeScratch } from "../scratch.ts";
import type { SpecRunResult } from "../spec_run.ts";

/** One line of the self-check's report. */
export interface CheckLine {
  /** Whether the check passed. */
  ok: boolean;
  /** What was checked and found, one line. */
  text: string;
  /** More, shown under a failed line. */
  detail?: string;
}

/** Where the hunt's checks run. */
export interface HuntCheckContext {
  /** The repository root. */
  root: string;
  /** The manifest. */
  manifest: Manifest;
  /** The scratch folder, relative to the root. */
  scratch: string;
}

const quote = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

function notRun(result: SpecRunResult): string {
  if (result.timedOut) return "the run was killed for taking too long";
  return result.output.trimEnd().split("\n").slice(-12).join("\n");
}

/**
 * Writes the hunt's wrong layers into the scratch folder; a page that does
 * not parse or a diff that no longer applies becomes a failed line.
 *
 * @example
 * ```ts ignore
 * import { prepareHunt } from "./hunt_checks.ts";
 * const { layers, lines } = await prepareHunt(ctx, hunt);
 * ```
 */
export async function prepareHunt(
  ctx: HuntCheckContext,
  hunt: HuntEntry,
): Promise<{ layers: WrongLayer[]; lines: CheckLine[] }> {
  try {
    const layers = await writeWrongLayers(
      ctx.root,
      ctx.manifest,
      hunt,
      ctx.scratch,
    );
    return { layers, lines: [] };
  } catch (e) {
    if (!(e instanceof MistakeError || e instanceof DiffUnavailableError)) {
      throw e;
    }
    return { layers: [], lines: [{ ok: false, text: e.message }] };
  }
}

/**
 * The runner's words for a hunt's outcome, in short.
 *
 * @example
 * ```ts
 * import { describeOutcome } from "./hunt_checks.ts";
 * console.assert(describeOutcome({ kind: "no tests" }) === "has no tests (not started)");
 * ```
 */
export function describeOutcome(outcome: HuntOutcome): string {
  switch (outcome.kind) {
    case "no tests":
      return "has no tests (not started)";
    case "fails the correct layer":
      return "fails the correct layer";
    default:
      return `catches ${outcome.caught} of ${outcome.total} wrong layers` +
        (outcome.stillPassing.length
          ? `; still passing: ${
            outcome.stillPassing.map((w) => w.name).join(", ")
          }`
          : "");
  }
}

/**
 * The checks of one hunt, as jobs the self-check runs a few at a time:
 * the worked spec against the correct layer and against each wrong layer,
 * the shipped stub, and each weak spec (`weakSpecs`: the worked spec with
 * each of its classic mistakes applied, written in the scratch folder).
 *
 * @example
 * ```ts ignore
 * import { huntJobs } from "./hunt_checks.ts";
 * const lines = await Promise.all(huntJobs(ctx, hunt, layers, weak).map((job) => job()));
 * ```
 */
export function huntJobs(
  ctx: HuntCheckContext,
  hunt: HuntEntry,
  layers: WrongLayer[],
  weakSpecs: { name: string; path: string }[],
): (() => Promise<CheckLine>)[] {
  const worked = `solutions/${hunt.name}/${hunt.file}`;
  const options = { ...ctx, hunt, spec: worked };
  const target = targetOf(ctx.manifest, hunt);
  return [
    async () => {
      const result = await runAgainst(options, correctLayer(target), {
        check: true,
      });
      if (result.passed) {
        return {
          ok: true,
          text:
            `worked spec passes the correct layer (${result.tests.length} tests)`,
        };
      }
      const failed = result.tests.filter((t) => !t.passed);
      return failed.length
        ? {
          ok: false,
          text: `worked spec fails the correct layer: ${
            quote(failed.map((t) => t.name))
          }`,
          detail: failed.map((t) => `${t.name}:\n${t.message}`).join("\n\n"),
        }
        : {
          ok: false,
          text: "worked spec does not run against the correct layer",
          detail: notRun(result),
        };
    },
    ...layers.map((layer) => async (): Promise<CheckLine> => {
      const by = caughtBy(await runAgainst(options, layer.path));
      return by.length
        ? { ok: true, text: `wrong layer ${layer.name} caught by ${quote(by)}` }
        : {
          ok: false,
          text:
            `wrong layer ${layer.name} is not caught: the worked spec passes it`,
        };
    }),
    () => checkHuntStub(ctx, hunt),
    ...weakSpecs.map((weak) => async (): Promise<CheckLine> => {
      const outcome = huntOutcome(
        await runHunt({
          ...ctx,
          hunt,
          spec: weak.path,
          layers,
          parallel: 1,
        }),
      );
      return outcome.kind === "all caught"
        ? {
          ok: false,
          text: `weak spec ${weak.name} catches every wrong layer: ` +
            `it is not weak, or a wrong layer is missing`,
        }
        : {
          ok: true,
          text: `weak spec ${weak.name} is not done: it ${
            describeOutcome(outcome)
          }`,
        };
    }),
  ];
}

async function checkHuntStub(
  ctx: HuntCheckContext,
  hunt: HuntEntry,
): Promise<CheckLine> {
  const stub = await shippedStubOf(ctx.root, hunt);
  if (stub === undefined) {
    const text =
      `stub check skipped: no shipped version of katas/${hunt.name}/${hunt.file} was found`;
    return { ok: !Deno.env.get("CI"), text };
  }
  const copy = await writeScratch(
    ctx.root,
    ctx.scratch,
    hunt,
    hunt.file,
    stub.text,
  );
  const target = targetOf(ctx.manifest, hunt);
  const result = await runAgainst(
    { ...ctx, hunt, spec: copy },
    correctLayer(target),
    { check: true },
  );
  if (huntOutcome({ correct: result, wrong: [] }).kind === "no tests") {
    return {
      ok: true,
      text: `stub has no tests: judged not started (stub from ${stub.source})`,
    };
  }
  return result.tests.length
    ? {
      ok: false,
      text: `the shipped stub declares ${result.tests.length} test(s): ` +
        `a hunt's stub must have none`,
    }
    : {
      ok: false,
      text: "the shipped stub does not load",
      detail: notRun(result),
    };
}
