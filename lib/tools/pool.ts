/**
 * Running jobs a few at a time: the machines the tools run on have two
 * cores, and each job is a `deno` subprocess.
 *
 * @module
 */

/**
 * Runs `jobs` with at most `limit` at a time and returns their results in
 * the jobs' order.
 *
 * @example
 * ```ts
 * import { pool } from "./pool.ts";
 * const wait = (ms: number, x: string) => () => new Promise<string>((r) => setTimeout(() => r(x), ms));
 * const out = await pool([wait(20, "a"), wait(1, "b"), wait(5, "c")], 2);
 * console.assert(out.join() === "a,b,c");
 * ```
 */
export async function pool<T>(
  jobs: (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, worker),
  );
  return results;
}
