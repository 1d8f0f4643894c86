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
import { keepShippedCopies } from "../shipped.ts";
import { type Options, parseArgs, UsageError } from "./cli/args.ts";
import { helpText } from "./cli/help.ts";
import { COMMANDS } from "./commands/mod.ts";
import { internalLine } from "./screen/report.ts";
import { shellContext } from "./state/context.ts";
import { removeOnInterrupt } from "../temp_dirs.ts";

/** What to do about a broken manifest: the learner is not meant to edit it. */
export const MANIFEST_ADVICE =
  "The manifest is not yours to edit: put it back as shipped with " +
  "`git checkout -- katas/manifest.json` (or, in a downloaded copy, take it " +
  "from a fresh download).";

/** The repository this runner belongs to: two folders above this file. */
export const REPO_ROOT: string = resolve(
  fileURLToPath(new URL("../../..", import.meta.url)),
);

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
    options = parseArgs(args, COMMANDS);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.showHelp) console.log(helpText(COMMANDS) + "\n");
    say(`error: ${e.message}`);
    return 2;
  }
  try {
    const manifest = await loadManifest(root);
    // While the stubs and specs are still as shipped, keep a copy for
    // `reset` in a copy without git history (a ZIP download). Where that
    // cannot be written, `reset` says it cannot find the stub: no reason to
    // stop the learner here.
    await keepShippedCopies(root, manifest).catch(() => {});
    const ctx = shellContext(root, manifest, options.timeoutSeconds * 1000);
    const command = COMMANDS.find((c) => c.name === options.command)!;
    return await command.run(ctx, options);
  } catch (e) {
    if (e instanceof UsageError) {
      say(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof ManifestError) {
      say(`error: ${e.message}`);
      say(MANIFEST_ADVICE);
      return 1;
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
  removeOnInterrupt();
  Deno.exit(await main(Deno.args, REPO_ROOT));
}
