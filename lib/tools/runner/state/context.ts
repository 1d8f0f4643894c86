/**
 * What every command of the runner needs: the repository, its manifest, the
 * terminal's manners, the time limit, a clock and somewhere to write.
 *
 * @module
 */

import type { Manifest } from "../../manifest.ts";
import { Style } from "../screen/style.ts";

/** The runner's surroundings, passed to every command. */
export interface Context {
  /** The repository root. */
  root: string;
  /** The katas, in order. */
  manifest: Manifest;
  /** How to write to the screen. */
  style: Style;
  /** How long one kata's spec may run, in milliseconds. */
  timeoutMs: number;
  /** Whether stdin is a terminal, so the runner can ask and read keys. */
  interactive: boolean;
  /** The clock. */
  now: () => Date;
  /** Writes text and a new line to stdout. */
  out: (text: string) => void;
  /** Writes text and a new line to stderr. */
  err: (text: string) => void;
  /**
   * Shows a one-line status in place of the last one, on a terminal only;
   * an empty text clears it.
   */
  status: (text: string) => void;
}

const encoder = new TextEncoder();

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string) {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
}

/**
 * The context of a runner started from a shell.
 *
 * @example
 * ```ts
 * import { shellContext } from "./context.ts";
 * const ctx = shellContext("/repo", { katas: [] }, 10_000);
 * console.assert(ctx.timeoutMs === 10_000);
 * ```
 */
export function shellContext(
  root: string,
  manifest: Manifest,
  timeoutMs: number,
): Context {
  return {
    root,
    manifest,
    style: Style.detect(),
    timeoutMs,
    interactive: Deno.stdin.isTerminal(),
    now: () => new Date(),
    out: (text) => writeAll(Deno.stdout, text + "\n"),
    err: (text) => writeAll(Deno.stderr, text + "\n"),
    status: (text) => {
      if (Deno.stdout.isTerminal()) writeAll(Deno.stdout, "\r\x1b[K" + text);
    },
  };
}
