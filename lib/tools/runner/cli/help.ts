/**
 * The command list that `help` (and an unknown command or option) prints,
 * built from the command table.
 *
 * @module
 */

import { wrap } from "../screen/style.ts";
import { TASK } from "../screen/report.ts";
import { type Command, type OptionName, OPTIONS } from "./args.ts";

const WIDTH = 80;
const COLUMN = 20;

/**
 * How a command is typed: `kata <kata>`, `hint [kata]`, `list`.
 *
 * @example
 * ```ts
 * import { usage } from "./help.ts";
 * const run = () => Promise.resolve(0);
 * console.assert(usage({ name: "hint", kata: "optional", options: [], summary: "", run }) === "hint [kata]");
 * const after = ["name"];
 * console.assert(usage({ name: "x", kata: "required", after, options: [], summary: "", run }) === "x <kata> [name]");
 * ```
 */
export function usage(command: Command): string {
  if (command.usage) return command.usage;
  const kata = command.kata === "required"
    ? " <kata>"
    : command.kata === "optional"
    ? " [kata]"
    : "";
  const after = kata ? (command.after ?? []).map((w) => ` [${w}]`) : [];
  return command.name + kata + after.join("");
}

/** `label`, padded to the column, then `text` wrapped beside it. */
function entry(label: string, text: string): string {
  const indent = " ".repeat(COLUMN);
  const lines = wrap(text, WIDTH - COLUMN).split("\n");
  const first = label.length < COLUMN - 3
    ? `  ${label}`.padEnd(COLUMN) + lines.shift()
    : `  ${label}`;
  return [first, ...lines.map((line) => indent + line)].join("\n");
}

/**
 * The help text for the `commands` table (the first is the one to run when
 * none is named), at most 80 columns wide.
 *
 * @example
 * ```ts
 * import { helpText } from "./help.ts";
 * const run = () => Promise.resolve(0);
 * const text = helpText([
 *   { name: "start", kata: "none", options: ["once"], summary: "Checks.", run },
 *   { name: "kata", kata: "required", options: ["once"], summary: "One.", run },
 * ]);
 * console.assert(text.includes("kata <kata>") && text.includes("--once"));
 * console.assert(text.split("\n").every((l) => l.length <= 80));
 * ```
 */
export function helpText(commands: readonly Command[]): string {
  const options = (Object.keys(OPTIONS) as OptionName[]).filter((option) =>
    commands.some((c) => c.options.includes(option))
  );
  const optionLines = options.map((option) => {
    const spec = OPTIONS[option];
    const label = [spec.alias, spec.flag].filter(Boolean).join(", ") +
      (spec.value ? ` ${spec.value}` : "");
    const takers = commands.filter((c) => c.options.includes(option))
      .map((c) => c.name);
    return entry(label, `${takers.join(", ")}: ${spec.summary}`);
  });
  return [
    `The kata runner. Usage: ${TASK} [command] [kata] [options]`,
    `A kata is its number or its name. With no command: ${commands[0].name}.`,
    "",
    "Commands:",
    ...commands.map((c) => entry(usage(c), c.summary)),
    "",
    "Options:",
    ...optionLines,
    "",
    "Examples:",
    `  ${TASK}                       start, and watch`,
    `  ${TASK} kata 9 --use-solutions`,
    `  ${TASK} hint`,
    `  ${TASK} reset relu_layer`,
  ].join("\n");
}
