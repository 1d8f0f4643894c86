/**
 * The "checking ..." line: shown on a terminal when a check has run longer
 * than {@link CHECKING_DELAY_MS}, so that a slow check does not look like a
 * hung runner, and never for a quick one, which would only flicker.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import type { Context } from "../state/context.ts";

/** How long a check runs before the line appears, in milliseconds. */
export const CHECKING_DELAY_MS = 300;

/** Runs `fn` after `ms` milliseconds; the function it returns cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

const afterDelay: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/**
 * Runs `work`; if it is still running after the delay, shows `text` through
 * `status`, and clears it when the work ends (however it ends).
 *
 * @example
 * ```ts
 * import { whileChecking } from "./checking_line.ts";
 * const shown: string[] = [];
 * const now = (fn: () => void) => { fn(); return () => {}; };
 * const result = await whileChecking(
 *   (t) => shown.push(t), "checking relu_layer ...", () => Promise.resolve(7), now,
 * );
 * console.assert(result === 7 && shown.join("|") === "checking relu_layer ...|");
 * ```
 */
export async function whileChecking<T>(
  status: (text: string) => void,
  text: string,
  work: () => Promise<T>,
  schedule: Schedule = afterDelay,
): Promise<T> {
  let shown = false;
  const cancel = schedule(() => {
    shown = true;
    status(text);
  }, CHECKING_DELAY_MS);
  try {
    return await work();
  } finally {
    cancel();
    if (shown) status("");
  }
}

/**
 * The line shown while `kata` is checked.
 *
 * @example
 * ```ts
 * import { checkingText } from "./checking_line.ts";
 * import { Style } from "./style.ts";
 * const kata = { name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] };
 * const ctx = { style: Style.plain(), manifest: { katas: [kata] } };
 * console.assert(checkingText(ctx, kata) === "checking kata 1, ReLU layer ...");
 * ```
 */
export function checkingText(
  ctx: Pick<Context, "style" | "manifest">,
  kata: KataEntry,
): string {
  const number = ctx.manifest.katas.indexOf(kata) + 1;
  return ctx.style.dim(`checking kata ${number}, ${kata.title} ...`);
}
