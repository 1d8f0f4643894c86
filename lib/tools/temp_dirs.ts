/**
 * Temporary folders that are removed even when the learner presses Ctrl-C:
 * each is tracked from creation until it is removed, and
 * {@link removeOnInterrupt} removes whatever is left before the process ends
 * on SIGINT or SIGTERM (an exit skips `finally` blocks).
 *
 * @module
 */

const live = new Set<string>();

/**
 * Creates a temporary folder and tracks it until {@link removeTempDir}.
 *
 * @example
 * ```ts ignore
 * import { makeTempDir, removeTempDir } from "./temp_dirs.ts";
 * const dir = await makeTempDir("kata_spec_");
 * await removeTempDir(dir);
 * ```
 */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  live.add(dir);
  return dir;
}

/**
 * Tracks a folder made elsewhere (a scratch folder in the repository) until
 * {@link removeTempDir}.
 *
 * @example
 * ```ts
 * import { track, tracked } from "./temp_dirs.ts";
 * track("/tmp/x");
 * console.assert(tracked().includes("/tmp/x"));
 * ```
 */
export function track(dir: string): void {
  live.add(dir);
}

/**
 * The folders tracked now.
 *
 * @example
 * ```ts
 * import { tracked } from "./temp_dirs.ts";
 * console.assert(Array.isArray(tracked()));
 * ```
 */
export function tracked(): string[] {
  return [...live];
}

/**
 * Removes a tracked folder (quietly, if it is already gone).
 *
 * @example
 * ```ts ignore
 * import { removeTempDir } from "./temp_dirs.ts";
 * await removeTempDir(dir);
 * ```
 */
export async function removeTempDir(dir: string): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  live.delete(dir);
}

/**
 * On SIGINT (Ctrl-C) or SIGTERM, removes every tracked folder and exits with
 * 130 (or 143). Returns a function that stops listening.
 *
 * @example
 * ```ts ignore
 * import { removeOnInterrupt } from "./temp_dirs.ts";
 * const stop = removeOnInterrupt();
 * ```
 */
export function removeOnInterrupt(): () => void {
  const stops: (() => void)[] = [];
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    const handler = () => {
      for (const dir of live) {
        try {
          Deno.removeSync(dir, { recursive: true });
        } catch {
          // Already gone.
        }
      }
      Deno.exit(code);
    };
    try {
      Deno.addSignalListener(signal, handler);
      stops.push(() => Deno.removeSignalListener(signal, handler));
    } catch {
      // Windows has no SIGTERM to listen to.
    }
  }
  return () => stops.forEach((stop) => stop());
}
