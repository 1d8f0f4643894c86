/**
 * `help`: the command list, built from the command table.
 *
 * @module
 */

import type { Command } from "../cli/args.ts";
import { helpText } from "../cli/help.ts";
import type { Context } from "../state/context.ts";

/**
 * Prints the help for `commands`; returns exit code 0.
 *
 * @example
 * ```ts ignore
 * import { helpCommand } from "./help.ts";
 * Deno.exit(await helpCommand(ctx, COMMANDS));
 * ```
 */
export function helpCommand(
  ctx: Context,
  commands: readonly Command[],
): Promise<number> {
  ctx.out(helpText(commands));
  return Promise.resolve(0);
}
