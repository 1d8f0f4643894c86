/**
 * The kata runner: `deno task start [command] [kata] [options]`. See
 * `deno task start help`, or the README, for the commands.
 *
 * Nothing here may crash in a learner's face: a bad argument gives a one-line
 * error naming it, a broken manifest gives its one-line message, and any
 * other error inside the runner gives one line asking for a report.
 *
 * @module
 */

import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadManifest, ManifestError } from "../manifest.ts";
import { type Options, parseArgs, UsageError } from "./args.ts";
import { type Context, shellContext } from "./context.ts";
import { findKata } from "./find_kata.ts";
import { helpText } from "./help.ts";
import { hintCommand } from "./hints.ts";
import { kataOnce } from "./kata_command.ts";
import { listCommand } from "./list.ts";
import { progressCommand } from "./progress_command.ts";
import { resetCommand } from "./reset.ts";
import { solutionCommand } from "./solution.ts";
import { startOnce } from "./start.ts";
import { internalLine, watch } from "./watch.ts";

/** The repository this runner belongs to: two folders above this file. */
export const REPO_ROOT: string = resolve(
  fileURLToPath(new URL("../../..", import.meta.url)),
);

function watching(ctx: Context, options: Options): boolean {
  if (options.once) return false;
  return options.watch ||
    (options.command === "start" && ctx.interactive && ctx.style.terminal);
}

async function dispatch(ctx: Context, options: Options): Promise<number> {
  const kata = () => findKata(ctx.manifest, options.kata!);
  switch (options.command) {
    case "help":
      ctx.out(helpText());
      return 0;
    case "start":
      return watching(ctx, options)
        ? await watch(ctx, { kind: "start" }, options)
        : await startOnce(ctx);
    case "kata":
      return watching(ctx, options)
        ? await watch(
          ctx,
          { kind: "kata", kata: kata(), useSolutions: options.useSolutions },
          options,
        )
        : await kataOnce(ctx, kata(), options.useSolutions);
    case "list":
      return await listCommand(ctx);
    case "hint":
      return await hintCommand(ctx, options.kata);
    case "reset":
      return await resetCommand(
        ctx,
        options.all ? ctx.manifest.katas : [kata()],
        { yes: options.yes, ask: (question) => confirm(question) },
      );
    case "solution":
      return await solutionCommand(ctx, kata(), options.force);
    case "progress":
      return await progressCommand(ctx, options.json);
  }
}

/**
 * Runs the runner with command-line `args` in the repository `root` and
 * returns the exit code: 0 for success (or a passing kata), 1 for a failing
 * kata or a refused request, 2 for a bad command line, 3 for an error inside
 * the runner.
 *
 * @example
 * ```ts ignore
 * import { main, REPO_ROOT } from "./main.ts";
 * Deno.exit(await main(["list"], REPO_ROOT));
 * ```
 */
export async function main(args: string[], root: string): Promise<number> {
  const say = (text: string) => console.error(text);
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.showHelp) console.log(helpText() + "\n");
    say(`error: ${e.message}`);
    return 2;
  }
  try {
    const manifest = await loadManifest(root);
    const ctx = shellContext(root, manifest, options.timeoutSeconds * 1000);
    return await dispatch(ctx, options);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ManifestError) {
      say(`error: ${e.message}`);
      return e instanceof UsageError ? 2 : 1;
    }
    say(internalLine(e));
    if (Deno.env.get("KATAS_DEBUG")) say(String((e as Error)?.stack ?? e));
    return 3;
  }
}

if (import.meta.main) {
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    console.error(internalLine(event.reason));
  });
  Deno.exit(await main(Deno.args, REPO_ROOT));
}
