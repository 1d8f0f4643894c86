/**
 * The command list that `help` (and an unknown command) prints.
 *
 * @module
 */

import { DEFAULT_TIMEOUT_SECONDS } from "./args.ts";
import { TASK } from "./report.ts";

/**
 * The help text, at most 80 columns wide.
 *
 * @example
 * ```ts
 * import { helpText } from "./help.ts";
 * const text = helpText();
 * console.assert(text.includes("reset <kata>") && text.split("\n").every((l) => l.length <= 80));
 * ```
 */
export function helpText(): string {
  return `The kata runner. Usage: ${TASK} [command] [kata] [options]

Commands:
  (none), start     Check the katas in order and show the first that fails;
                    then watch your files and re-check on every save, moving
                    on by itself when the kata passes. q or Ctrl-C quits.
      --once          check once and exit (the default when not in a terminal)
      --watch         watch even when not in a terminal
      --poll          look for changes by polling instead of file events
  list              Every kata with its status: solved, failing, not started
                    or missing.
  kata <kata>       Check one kata, in any order (by number or name).
      --use-solutions take the earlier katas it imports from solutions/
      --watch         keep re-checking it on every save
  hint [kata]       The next hint for the current kata (or the one named).
  reset <kata>      Put the shipped stub back; your file is saved first to
                    .katas/backups/<time>/. Asks first, or give --yes.
  reset --all       The same for every kata.
  solution <kata>   The worked answer, once your kata passes (or --force).
  progress          How far you are; --json for a workshop host to collect.
  help              This list.

Options for commands that run specs:
  --timeout <s>     Stop a spec that runs longer than this many seconds
                    (default ${DEFAULT_TIMEOUT_SECONDS}).

Examples:
  ${TASK}                       start, and watch
  ${TASK} kata 9 --use-solutions
  ${TASK} hint
  ${TASK} reset relu_layer`;
}
