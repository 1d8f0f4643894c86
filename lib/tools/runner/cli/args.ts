/**
 * The runner's command line: `deno task start [command] [kata] [options]`.
 * What a command is ({@link Command}) and the options it may take are declared
 * here; the commands themselves are declared once, in the table of
 * `../commands/mod.ts`, and {@link parseArgs} reads their grammar from it.
 * Every mistake gives a {@link UsageError} whose one-line message names the
 * argument at fault.
 *
 * @module
 */

import type { Context } from "../state/context.ts";

/** A parsed command line. */
export interface Options {
  /** The command (`start` when none is given). */
  command: string;
  /** The kata named on the command line, as typed. */
  kata?: string;
  /** The words given after the kata, by the names the command gives them. */
  words: Record<string, string>;
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
  /** `--spec`: reset the spec rather than the learner's file. */
  spec: boolean;
  /** `--try`: run the spec against a classic mistake. */
  try: boolean;
  /** `--from <kata>`: start the walk at this kata, as typed. */
  from?: string;
  /** `--name <name>`: the learner's name, for a workshop host. */
  name?: string;
  /** `--join <address>`: the workshop host to send progress to. */
  join?: string;
  /** `--code <code>`: the host's join code. */
  code?: string;
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

/** An option, by the name of its field in {@link Options} (`timeout` for `--timeout`). */
export type OptionName =
  | Exclude<keyof Options, "command" | "kata" | "words" | "timeoutSeconds">
  | "timeout";

/** How an option is spelled and what it does. */
export interface OptionSpec {
  /** The long spelling, `--once`. */
  flag: string;
  /** A short spelling, `-y`. */
  alias?: string;
  /** The value it takes, as the help shows it (`<s>`); none for a switch. */
  value?: string;
  /** What it does, in a few words, for the help. */
  summary: string;
}

/** Every option the runner knows, in the order the help lists them. */
export const OPTIONS: Record<OptionName, OptionSpec> = {
  once: {
    flag: "--once",
    summary: "check once and exit (the default when not in a terminal)",
  },
  watch: {
    flag: "--watch",
    summary: "re-check on every save, even when not in a terminal",
  },
  poll: {
    flag: "--poll",
    summary: "look for changes by polling instead of file events",
  },
  useSolutions: {
    flag: "--use-solutions",
    summary: "take the earlier katas it imports from solutions/",
  },
  yes: { flag: "--yes", alias: "-y", summary: "do not ask first" },
  all: { flag: "--all", summary: "every kata" },
  force: { flag: "--force", summary: "before your kata passes" },
  spec: { flag: "--spec", summary: "the spec as shipped, not your file" },
  try: {
    flag: "--try",
    summary: "run the spec against the worked answer with this mistake",
  },
  json: { flag: "--json", summary: "machine-readable, for a workshop host" },
  from: {
    flag: "--from",
    value: "<kata>",
    summary: "start here; the earlier katas come from solutions/",
  },
  join: {
    flag: "--join",
    value: "<address>",
    summary: "send your progress (never your code) to a workshop host",
  },
  code: {
    flag: "--code",
    value: "<code>",
    summary: "the host's join code, for --join",
  },
  name: {
    flag: "--name",
    value: "<name>",
    summary: "your name for a workshop host (remembered)",
  },
  timeout: {
    flag: "--timeout",
    value: "<s>",
    summary: `stop a spec that runs longer than this many seconds ` +
      `(default ${DEFAULT_TIMEOUT_SECONDS})`,
  },
};

/**
 * One runner command, as the table in `../commands/mod.ts` declares it: its
 * grammar, its line in the help, and what runs it.
 */
export interface Command {
  /** The word that names it on the command line. */
  name: string;
  /** Whether it takes a kata: never, optionally or always. */
  kata: "none" | "optional" | "required";
  /** Names of the optional words it takes after the kata, in order. */
  after?: readonly string[];
  /** The options it takes. */
  options: readonly OptionName[];
  /** How the help shows it typed, where not `name`, `name <kata>` or `name [kata]`. */
  usage?: string;
  /** One line for the help. */
  summary: string;
  /** Rules that tie its arguments together; throws a {@link UsageError}. */
  check?: (options: Options) => void;
  /** Runs it and returns the exit code. */
  run: (ctx: Context, options: Options) => Promise<number>;
}

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

type Valued = "from" | "name" | "join" | "code";
type Switch = Exclude<OptionName, "timeout" | Valued>;

const NEEDS: Record<Valued, string> = {
  from: "--from needs a kata: its number or its name",
  name: "--name needs your name, e.g. --name Ada",
  join: "--join needs the host's address, e.g. --join 192.168.1.20:8787",
  code: "--code needs the host's join code",
};

const SWITCHES = new Map<string, Switch>();
for (const [name, spec] of Object.entries(OPTIONS)) {
  if (spec.value) continue;
  const option = name as Switch;
  SWITCHES.set(spec.flag, option);
  if (spec.alias) SWITCHES.set(spec.alias, option);
}

/**
 * Parses the runner's arguments against the `commands` table (the first is
 * the one to run when none is named).
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * const run = () => Promise.resolve(0);
 * const commands = [
 *   { name: "start", kata: "none", options: ["once"], summary: "", run },
 *   { name: "kata", kata: "required", options: ["timeout"], summary: "", run },
 * ] as const;
 * const o = parseArgs(["kata", "9", "--timeout", "5"], commands);
 * console.assert(o.command === "kata" && o.kata === "9");
 * console.assert(o.timeoutSeconds === 5);
 * console.assert(parseArgs([], commands).command === "start");
 * console.assert(parseArgs(["--once"], commands).once);
 * ```
 */
export function parseArgs(
  args: string[],
  commands: readonly Command[],
): Options {
  const options: Options = {
    command: commands[0].name,
    words: {},
    once: false,
    watch: false,
    poll: false,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    yes: false,
    all: false,
    force: false,
    json: false,
    useSolutions: false,
    spec: false,
    try: false,
  };
  const given: OptionName[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const option = SWITCHES.get(arg);
    if (arg === "--help" || arg === "-h") {
      return { ...options, command: "help" };
    } else if (arg === "--timeout" || arg.startsWith("--timeout=")) {
      const value = arg === "--timeout" ? args[++i] : arg.slice(10);
      options.timeoutSeconds = parseTimeout(value);
      given.push("timeout");
    } else if (/^--(from|name|join|code)(=|$)/.test(arg)) {
      const option = arg.slice(2).split("=")[0] as Valued;
      const value = arg.includes("=")
        ? arg.slice(arg.indexOf("=") + 1)
        : args[++i];
      if (!value?.trim() || value.startsWith("-")) {
        throw new UsageError(NEEDS[option]);
      }
      if (option === "name" && value.length > 60) {
        throw new UsageError(`--name takes at most 60 characters`);
      }
      options[option] = value.trim();
      given.push(option);
    } else if (option) {
      options[option] = true;
      given.push(option);
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option "${arg}"`, true);
    } else {
      positional.push(arg);
    }
  }
  const [named, ...rest] = positional;
  if (named !== undefined) options.command = named;
  const command = commands.find((c) => c.name === options.command);
  if (!command) {
    throw new UsageError(`unknown command "${options.command}"`, true);
  }
  const name = command.name;
  for (const option of given) {
    if (!command.options.includes(option)) {
      throw new UsageError(
        `"${name}" does not take the option ${OPTIONS[option].flag}`,
      );
    }
  }
  const after = command.kata === "none" ? [] : command.after ?? [];
  if (rest.length > 1 + after.length) {
    throw new UsageError(
      after.length
        ? `"${name}" takes a kata and at most ${
          after.join(", ")
        } after it, got "${rest.join('" "')}"`
        : `"${name}" takes at most one kata, got "${rest.join('" "')}"`,
    );
  }
  if (rest.length >= 1) {
    if (command.kata === "none") {
      throw new UsageError(`"${name}" takes no kata, got "${rest[0]}"`);
    }
    options.kata = rest[0];
    after.forEach((word, i) => {
      if (rest[i + 1] !== undefined) options.words[word] = rest[i + 1];
    });
  }
  command.check?.(options);
  if (command.kata === "required" && options.kata === undefined) {
    throw new UsageError(`"${name}" needs a kata: its number or its name`);
  }
  if (options.once && options.watch) {
    throw new UsageError(`--once and --watch cannot go together`);
  }
  return options;
}
