/**
 * Measures how long a learner waits after saving: in a temporary copy of the
 * repository, the runner watches one kata (`kata relu_layer --watch`), and
 * this script saves a one-line change to the learner's file N times, timing
 * each save from the write to the new verdict on the runner's output. It
 * reports the median, once warm (the first saves, while the language server
 * loads, are not counted), for a failing kata (the stub) and a passing one
 * (the worked answer). The goal is at most one second.
 *
 *     deno run -A lib/tools/runner/bench_save_to_verdict.ts [--saves 15] [--warmup 3] [--no-lsp]
 *
 * `--no-lsp` type-checks with `deno check` instead of the language server
 * (`KATAS_LSP=0`), to compare.
 *
 * A measuring script, not a test: timings do not belong in pass/fail tests.
 *
 * @module
 */

import { TempRepo } from "./temp_repo.ts";

const FILE = "katas/relu_layer/relu.ts";
const VERDICT_END = /Watching katas\/ for changes/g;

function count(text: string): number {
  return [...text.matchAll(VERDICT_END)].length;
}

/** Median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measure(
  repo: TempRepo,
  base: string,
  saves: number,
  warmup: number,
  env: Record<string, string>,
): Promise<{ times: number[]; verdict: string }> {
  await repo.write(FILE, base);
  const child = repo.spawn(["kata", "relu_layer", "--watch"], env);
  let out = "";
  const reading = (async () => {
    for await (
      const chunk of child.stdout.pipeThrough(new TextDecoderStream())
    ) {
      out += chunk;
    }
  })();
  child.stderr.cancel();
  const verdicts = async (n: number) => {
    const deadline = performance.now() + 60_000;
    while (count(out) < n) {
      if (performance.now() > deadline) throw new Error(`no verdict:\n${out}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  await verdicts(1);
  const times: number[] = [];
  for (let i = 0; i < warmup + saves; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const before = count(out);
    const started = performance.now();
    await repo.write(FILE, `${base}// save ${i}\n`);
    await verdicts(before + 1);
    if (i >= warmup) times.push(performance.now() - started);
  }
  const last = out.slice(out.lastIndexOf("Kata 1 of"));
  const verdict = last.match(/^(SOLVED|FAILING|NOT STARTED|TYPE ERROR)\b.*$/m)
    ?.[0] ?? "?";
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode("q"));
  await writer.close();
  await child.status;
  await reading;
  return { times, verdict };
}

if (import.meta.main) {
  const arg = (name: string, fallback: number) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
  };
  const saves = arg("--saves", 15);
  const warmup = arg("--warmup", 3);
  // --no-lsp: type-check with `deno check` instead, for comparison.
  const env: Record<string, string> = Deno.args.includes("--no-lsp")
    ? { KATAS_LSP: "0" }
    : {};
  const repo = await TempRepo.create();
  try {
    const cases = [
      ["failing kata (the stub)", await repo.read(FILE)],
      [
        "passing kata (the answer)",
        await repo.read("solutions/relu_layer/relu.ts"),
      ],
    ];
    for (const [label, base] of cases) {
      const { times, verdict } = await measure(repo, base, saves, warmup, env);
      const ms = times.map((t) => Math.round(t));
      console.log(
        `${label}: median ${
          Math.round(median(times))
        } ms from save to verdict ` +
          `over ${saves} saves (min ${Math.min(...ms)}, max ${
            Math.max(...ms)
          }); ` +
          `verdict: ${verdict}`,
      );
    }
  } finally {
    await repo.remove();
  }
}
