/**
 * Measures how long `list` and `progress --json` take on the whole
 * repository: in a fresh copy of a checkout's committed files (`git
 * archive`), it runs each command once cold (nothing checked yet) and then
 * N times with nothing changed, and reports the median of those. The goal is
 * at most one second when nothing changed. `--source <checkout>` measures
 * another checkout's runner (say, one before the verdict cache) on the same
 * machine, to compare.
 *
 *     deno run -A lib/tools/runner/bench_list.ts [--runs 5] [--source <checkout>]
 *
 * A measuring script, not a test: timings do not belong in pass/fail tests.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./bench_save_to_verdict.ts";

const HERE = fileURLToPath(new URL("../../..", import.meta.url));

async function sh(cmd: string, args: string[], cwd?: string): Promise<void> {
  const { success, stderr } = await new Deno.Command(cmd, {
    args,
    cwd,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(
      `${cmd} ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`,
    );
  }
}

/** A fresh copy of `source`'s committed files in a temporary git repository. */
async function copyOf(source: string): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "katas_bench_list_" });
  const tar = join(root, "..", `${root.split("/").pop()}.tar`);
  await sh("git", ["-C", source, "archive", "-o", tar, "HEAD"]);
  await sh("tar", ["-xf", tar, "-C", root]);
  await Deno.remove(tar);
  await sh("git", ["init", "-q"], root);
  await sh("git", ["add", "-A"], root);
  await sh("git", [
    "-c",
    "user.name=bench",
    "-c",
    "user.email=b@b",
    "commit",
    "-q",
    "-m",
    "shipped",
  ], root);
  return root;
}

async function timed(root: string, args: string[]): Promise<number> {
  const started = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-run",
      "--allow-env",
      join(root, "lib/tools/runner/main.ts"),
      ...args,
    ],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
  if (code !== 0) throw new Error(`${args.join(" ")} exited with ${code}`);
  return performance.now() - started;
}

if (import.meta.main) {
  const arg = (name: string) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  };
  const runs = Number(arg("--runs") ?? 5);
  const source = resolve(arg("--source") ?? HERE);
  const root = await copyOf(source);
  try {
    console.log(`runner of ${source}, ${runs} runs with nothing changed:`);
    for (const args of [["list"], ["progress", "--json"]]) {
      const cold = await timed(root, args);
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push(await timed(root, args));
      const ms = warm.map(Math.round);
      console.log(
        `  ${args.join(" ").padEnd(15)} first ${Math.round(cold)} ms; then ` +
          `median ${Math.round(median(warm))} ms (min ${Math.min(...ms)}, ` +
          `max ${Math.max(...ms)})`,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
