/**
 * The runner's command line: `deno task start [command] [kata] [options]`.
 * Every mistake gives a {@link UsageError} whose one-line message names the
 * argument at fault.
 *
 * @module
 */

/** The runner's commands. */
export type CommandName =
  | "start"
  | "list"
  | "kata"
  | "hint"
  | "reset"
  | "solution"
  | "progress"
  | "help";

/** A parsed command line. */
export interface Options {
  /** The command (`start` when none is given). */
  command: CommandName;
  /** The kata named on the command line, as typed. */
  kata?: string;
  /** `--once`: check once and exit instead of watching. */
  once: boolean;
  /** `--watch`: watch even when stdin or stdout is not a terminal. */
  watch: boolean;
  /** `--poll`: look for changes by polling instead of file events. */
  poll: boolean;
  /** `--timeout <seconds>`: stop a spec that runs longer (default 10). */
  timeoutSeconds: number;
  /** `--yes`: do not ask before resetting. */
  yes: boolean;
  /** `--all`: reset every kata. */
  all: boolean;
  /** `--force`: show a solution before the kata passes. */
  force: boolean;
  /** `--json`: machine-readable output. */
  json: boolean;
  /** `--use-solutions`: take earlier katas from `solutions/`. */
  useSolutions: boolean;
}

/** A command line the runner cannot follow; the message is one line. */
export class UsageError extends Error {
  /** Whether to show the command list after the message. */
  readonly showHelp: boolean;

  /** Creates the error; `showHelp` adds the command list. */
  constructor(message: string, showHelp = false) {
    super(message);
    this.name = "UsageError";
    this.showHelp = showHelp;
  }
}

/** The default time limit for one kata's spec, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

type Flag = Exclude<
  keyof Options,
  "command" | "kata" | "timeoutSeconds"
>;

const FLAGS: Record<string, Flag> = {
  "--once": "once",
  "--watch": "watch",
  "--poll": "poll",
  "--yes": "yes",
  "-y": "yes",
  "--all": "all",
  "--force": "force",
  "--json": "json",
  "--use-solutions": "useSolutions",
};

interface Grammar {
  /** Options the command takes (`timeout` for `--timeout`). */
  options: (Flag | "timeout")[];
  /** Whether it takes a kata: never, optionally or always. */
  kata: "none" | "optional" | "required";
}

const GRAMMAR: Record<CommandName, Grammar> = {
  start: { options: ["once", "watch", "poll", "timeout"], kata: "none" },
  list: { options: ["timeout"], kata: "none" },
  kata: {
    options: ["useSolutions", "once", "watch", "poll", "timeout"],
    kata: "required",
  },
  hint: { options: [], kata: "optional" },
  reset: { options: ["yes", "all"], kata: "optional" },
  solution: { options: ["force", "timeout"], kata: "required" },
  progress: { options: ["json", "timeout"], kata: "none" },
  help: { options: [], kata: "none" },
};

/** The command names, in the order the help lists them. */
export const COMMANDS = Object.keys(GRAMMAR) as CommandName[];

function parseTimeout(value: string | undefined): number {
  const seconds = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(seconds)) {
    throw new UsageError(
      `--timeout needs a number of seconds, got ${
        value === undefined ? "nothing" : `"${value}"`
      }`,
    );
  }
  if (seconds <= 0 || seconds > 3600) {
    throw new UsageError(
      `--timeout must be more than 0 and at most 3600 seconds, got ${value}`,
    );
  }
  return seconds;
}

/**
 * Parses the runner's arguments.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * const o = parseArgs(["kata", "9", "--use-solutions", "--timeout", "5"]);
 * console.assert(o.command === "kata" && o.kata === "9" && o.useSolutions);
 * console.assert(o.timeoutSeconds === 5);
 * console.assert(parseArgs([]).command === "start");
 * console.assert(parseArgs(["--once"]).once);
 * ```
 */
export function parseArgs(args: string[]): Options {
  const options: Options = {
    command: "start",
    once: false,
    watch: false,
    poll: false,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    yes: false,
    all: false,
    force: false,
    json: false,
    useSolutions: false,
  };
  const given: (Flag | "timeout")[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") {
      return { ...options, command: "help" };
    } else if (arg === "--timeout" || arg.startsWith("--timeout=")) {
      const value = arg === "--timeout" ? args[++i] : arg.slice(10);
      options.timeoutSeconds = parseTimeout(value);
      given.push("timeout");
    } else if (arg in FLAGS) {
      options[FLAGS[arg]] = true;
      given.push(FLAGS[arg]);
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option "${arg}"`, true);
    } else {
      positional.push(arg);
    }
  }
  const [command, ...rest] = positional;
  if (command !== undefined) {
    if (!(command in GRAMMAR)) {
      throw new UsageError(`unknown command "${command}"`, true);
    }
    options.command = command as CommandName;
  }
  const grammar = GRAMMAR[options.command];
  const name = options.command;
  for (const flag of given) {
    if (!grammar.options.includes(flag)) {
      const spelled = flag === "timeout"
        ? "--timeout"
        : Object.keys(FLAGS).find((k) => FLAGS[k] === flag && k !== "-y");
      throw new UsageError(`"${name}" does not take the option ${spelled}`);
    }
  }
  if (rest.length > 1) {
    throw new UsageError(
      `"${name}" takes at most one kata, got "${rest.join('" "')}"`,
    );
  }
  if (rest.length === 1) {
    if (grammar.kata === "none") {
      throw new UsageError(`"${name}" takes no kata, got "${rest[0]}"`);
    }
    options.kata = rest[0];
  }
  if (name === "reset" && (options.kata === undefined) === !options.all) {
    throw new UsageError(
      options.all
        ? `"reset --all" takes no kata, got "${options.kata}"`
        : `"reset" needs a kata, or --all for every kata`,
    );
  }
  if (grammar.kata === "required" && options.kata === undefined) {
    throw new UsageError(`"${name}" needs a kata: its number or its name`);
  }
  if (options.once && options.watch) {
    throw new UsageError(`--once and --watch cannot go together`);
  }
  return options;
}
