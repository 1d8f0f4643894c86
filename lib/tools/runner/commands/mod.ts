/**
 * The command table: every runner command, declared once. The command line
 * is parsed against it, `help` lists it, `main.ts` dispatches through it, and
 * a test holds the README's table of commands to it. A new command is a
 * module in this folder and one entry here.
 *
 * @module
 */

import { type Command, UsageError } from "../cli/args.ts";
import { findKata } from "../state/find_kata.ts";
import { isHunt } from "../../manifest.ts";
import { helpCommand } from "./help.ts";
import { hintCommand } from "./hint.ts";
import { huntMistakesCommand } from "./hunt_mistakes.ts";
import { kataCommand } from "./kata.ts";
import { listCommand } from "./list.ts";
import { mistakesCommand } from "./mistakes.ts";
import { progressCommand } from "./progress.ts";
import { resetCommand } from "./reset.ts";
import { solutionCommand } from "./solution.ts";
import { startCommand } from "./start.ts";

/**
 * The runner's commands, in the order the help lists them; the first runs
 * when none is named.
 *
 * @example
 * ```ts
 * import { COMMANDS } from "./mod.ts";
 * console.assert(COMMANDS[0].name === "start");
 * console.assert(COMMANDS.some((c) => c.name === "help"));
 * ```
 */
export const COMMANDS: readonly Command[] = [
  {
    name: "start",
    kata: "none",
    options: [
      "from",
      "once",
      "watch",
      "poll",
      "join",
      "code",
      "name",
      "timeout",
    ],
    summary: "Check the katas in order and show the first that fails; in a " +
      "terminal, keep watching your files and re-check on every save, " +
      "moving on by itself when the kata passes. q or Ctrl-C quits. " +
      "--from <kata> starts there, with the earlier katas from solutions/; " +
      "--join <address> --code <code> --name <name> shows your progress " +
      "(never your code) on a workshop host's dashboard.",
    run: startCommand,
  },
  {
    name: "list",
    kata: "none",
    options: ["timeout"],
    summary: "Every kata with its status: solved, failing, not started or " +
      "missing.",
    run: listCommand,
  },
  {
    name: "kata",
    kata: "required",
    options: ["useSolutions", "once", "watch", "poll", "timeout"],
    summary: "Check one kata, in any order; --use-solutions takes the " +
      "earlier katas from solutions/ and starts you there (with --watch, " +
      "moving on when it passes).",
    run: kataCommand,
  },
  {
    name: "hint",
    kata: "optional",
    options: [],
    summary: "The next hint for the current kata (or the one named).",
    run: (ctx, options) => hintCommand(ctx, options.kata),
  },
  {
    name: "reset",
    kata: "optional",
    options: ["yes", "all", "spec"],
    usage: "reset <kata> | --all",
    summary: "Put the shipped stub back (every kata with --all; the spec " +
      "with --spec); your file is saved first to .katas/backups/<time>/. " +
      "Asks first, or give --yes.",
    check: (options) => {
      if ((options.kata === undefined) === !options.all) {
        throw new UsageError(
          options.all
            ? `"reset --all" takes no kata, got "${options.kata}"`
            : `"reset" needs a kata, or --all for every kata`,
        );
      }
    },
    run: (ctx, options) =>
      resetCommand(
        ctx,
        options.all
          ? ctx.manifest.katas
          : [findKata(ctx.manifest, options.kata!)],
        {
          yes: options.yes,
          spec: options.spec,
          ask: (question) => confirm(question),
        },
      ),
  },
  {
    name: "solution",
    kata: "required",
    options: ["force", "timeout"],
    summary: "The worked answer, once your kata passes (or --force).",
    run: (ctx, options) =>
      solutionCommand(
        ctx,
        findKata(ctx.manifest, options.kata!),
        options.force,
      ),
  },
  {
    name: "mistakes",
    kata: "required",
    after: ["name"],
    options: ["try", "force", "timeout"],
    summary: "The kata's classic mistakes; with a name, that mistake as a " +
      "diff; --try runs the spec against it. Once your kata passes (or " +
      "--force). For a bug hunt, its wrong layers: those your spec catches, " +
      "in full.",
    check: (options) => {
      if (options.try && options.words.name === undefined) {
        throw new UsageError(`--try needs the name of a mistake to try`);
      }
    },
    run: (ctx, options) => {
      const kata = findKata(ctx.manifest, options.kata!);
      const request = {
        name: options.words.name,
        try: options.try,
        force: options.force,
      };
      return isHunt(kata)
        ? huntMistakesCommand(ctx, kata, request)
        : mistakesCommand(ctx, kata, request);
    },
  },
  {
    name: "progress",
    kata: "none",
    options: ["json", "name", "timeout"],
    summary: "How far you are; --json for a workshop host to collect " +
      "(with the name given once with --name).",
    run: (ctx, options) => progressCommand(ctx, options.json, options.name),
  },
  {
    name: "help",
    kata: "none",
    options: [],
    summary: "This list.",
    run: (ctx) => helpCommand(ctx, COMMANDS),
  },
];
