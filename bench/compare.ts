/**
 * `deno task bench:compare`: times the workloads of bench/workloads.ts in our
 * toolkit, in TensorFlow.js (pure-JavaScript CPU backend) and in numpy
 * (bench/compare_numpy.py, when python3 with numpy is present), side by side
 * in one run. It first checks that every peer computes the same results
 * within tolerance, then prints a table of median times and each peer's time
 * divided by ours. A missing peer gets a column saying so.
 *
 * Usage: deno task bench:compare [workload id ...] [--numpy-threads=N] [--split]
 *
 * With `--split`, the table is followed by one per training step that shows
 * where its time goes, layer by layer, in our toolkit and in numpy (see
 * bench/split.ts).
 *
 * numpy runs with one BLAS thread unless told otherwise, as our toolkit and
 * TensorFlow.js's CPU backend compute on one core.
 *
 * @module
 */

import { cpus } from "node:os";
import { Tensor } from "../lib/tensor.ts";
import { PRODUCTS, type Split, splitStep, STEP } from "./split.ts";
import {
  BATCH,
  LEARNING_RATE,
  type Tensors,
  type Workload,
  workloads,
} from "./workloads.ts";

/** How long each peer spends on each workload; compare_numpy.py reads it too. */
const SETTINGS = {
  /** Runs before timing starts, so that the JIT has compiled the hot code. */
  warmupSeconds: 0.5,
  /** A sample repeats the run until it lasts this long. */
  minSampleSeconds: 0.02,
  /** Samples are taken until this much time has passed ... */
  budgetSeconds: 1.5,
  /** ... and at least this many, unless that would take 5 budgets. */
  minSamples: 5,
  maxSamples: 60,
  /** The SGD steps' learning rate and the images per batch, for numpy. */
  learningRate: LEARNING_RATE,
  batch: BATCH,
};

/** Steps measured, after a few untimed ones, for `--split`. */
const SPLIT_STEPS = 30;

/**
 * The largest difference from our result, relative to our largest
 * magnitude, that still counts as the same result. numpy computes in float64
 * as we do, only summing in another order; TensorFlow.js computes in float32
 * (unit roundoff 6e-8), whose error grows with the sqrt of the length of the
 * sums (up to 57,600 terms here), so about 1e-5, with room to spare.
 */
const TOLERANCE = { numpy: 1e-9, tfjs: 1e-4 };

/** The seconds per run of each timed sample. */
function timeRuns(run: () => unknown): number[] {
  const now = () => performance.now() / 1000;
  let start = now();
  run();
  let once = now() - start;
  const warmupEnd = now() + SETTINGS.warmupSeconds;
  while (now() < warmupEnd) {
    start = now();
    run();
    once = Math.min(once, now() - start);
  }
  const inner = Math.max(
    1,
    Math.floor(SETTINGS.minSampleSeconds / Math.max(once, 1e-9)),
  );
  const samples: number[] = [];
  const sampling = now();
  const elapsed = () => now() - sampling;
  while (
    samples.length < SETTINGS.maxSamples &&
    (elapsed() < SETTINGS.budgetSeconds ||
      (samples.length < SETTINGS.minSamples &&
        elapsed() < 5 * SETTINGS.budgetSeconds))
  ) {
    start = now();
    for (let i = 0; i < inner; i++) run();
    samples.push((now() - start) / inner);
  }
  return samples;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** max |peer - ours| / max |ours|, or a sentence saying why they differ. */
function difference(ours: Tensor, peer: Tensor): number | string {
  if (ours.shape.join() !== peer.shape.join()) {
    return `shape [${peer.shape}] instead of [${ours.shape}]`;
  }
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < ours.size; i++) {
    const d = Math.abs(ours.data[i] - peer.data[i]);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
    scale = Math.max(scale, Math.abs(ours.data[i]));
  }
  return worst / (scale || 1);
}

/** The worst difference over a workload's outputs, or why it failed. */
function check(ours: Tensors, peer: Tensors, tolerance: number): string {
  let worst = 0;
  for (const [name, t] of Object.entries(ours)) {
    if (!(name in peer)) return `MISMATCH: no output ${name}`;
    const d = difference(t, peer[name]);
    if (typeof d === "string") return `MISMATCH: ${name}: ${d}`;
    if (!(d <= tolerance)) {
      return `MISMATCH: ${name} differs by ${
        d.toExponential(1)
      } > ${tolerance}`;
    }
    worst = Math.max(worst, d);
  }
  return `ok (${worst.toExponential(1)})`;
}

// ------------------------------------------------------------------- numpy

interface FileSpec {
  shape: number[];
  file: string;
}

/** What compare_numpy.py reports about itself. */
interface NumpyInfo {
  version: string;
  blas: string;
  /** The CPU's clock as /proc/cpuinfo gives it, or 0. */
  cpuMHz: number;
}

/** What compare_numpy.py reports for one workload. */
interface NumpyResult {
  seconds: number[];
  outputs: Record<string, FileSpec>;
}

async function writeTensor(dir: string, file: string, t: Tensor) {
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.size * 8);
  await Deno.writeFile(`${dir}/${file}`, bytes);
  return { shape: [...t.shape], file };
}

async function readTensor(dir: string, spec: FileSpec): Promise<Tensor> {
  const bytes = await Deno.readFile(`${dir}/${spec.file}`);
  // A copy, so that the Float64Array starts on an 8-byte boundary.
  return new Tensor(new Float64Array(bytes.slice().buffer), spec.shape);
}

/**
 * Runs bench/compare_numpy.py on `arg` (a workload id, or `--info`) and
 * returns the JSON it prints; a string says why it could not.
 */
async function runNumpyScript(
  dir: string,
  threads: number,
  ...args: string[]
): Promise<Record<string, unknown> | string> {
  const script = new URL("./compare_numpy.py", import.meta.url).pathname;
  const n = String(threads);
  let result: Deno.CommandOutput;
  try {
    result = await new Deno.Command("python3", {
      args: [script, dir, ...args],
      env: { OPENBLAS_NUM_THREADS: n, OMP_NUM_THREADS: n, MKL_NUM_THREADS: n },
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "no python3";
    throw error;
  }
  if (result.code === 3) return "no numpy";
  if (!result.success) {
    const stderr = new TextDecoder().decode(result.stderr).trim();
    return `compare_numpy.py failed: ${stderr.split("\n").at(-1)}`;
  }
  return JSON.parse(new TextDecoder().decode(result.stdout));
}

/** The numpy peer: bench/compare_numpy.py, run once per workload. */
class Numpy {
  private constructor(
    readonly dir: string,
    readonly threads: number,
    readonly info: NumpyInfo,
  ) {}

  /** Writes every workload's inputs for the script; a string says why not. */
  static async start(
    list: Workload[],
    threads: number,
  ): Promise<Numpy | string> {
    const dir = await Deno.makeTempDir({ prefix: "bench_compare_" });
    const info = await runNumpyScript(dir, threads, "--info");
    if (typeof info === "string") {
      await Deno.remove(dir, { recursive: true });
      return info;
    }
    const inputs = async (w: Workload) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(w.inputs).map(async ([name, t]) =>
            [name, await writeTensor(dir, `in_${w.id}_${name}.f64`, t)] as const
          ),
        ),
      );
    const spec = {
      settings: SETTINGS,
      splitSteps: SPLIT_STEPS,
      workloads: await Promise.all(
        list.map(async (w) => ({ id: w.id, inputs: await inputs(w) })),
      ),
    };
    await Deno.writeTextFile(`${dir}/workloads.json`, JSON.stringify(spec));
    return new Numpy(dir, threads, info as unknown as NumpyInfo);
  }

  /** Checks and times one workload; a string says why it could not. */
  async time(id: string): Promise<NumpyResult | string> {
    const report = await runNumpyScript(this.dir, this.threads, id);
    return typeof report === "string" ? report : report[id] as NumpyResult;
  }

  /** Its {@link Split} of a training step; a string says why it could not. */
  async split(id: string): Promise<Split | string> {
    const report = await runNumpyScript(this.dir, this.threads, id, "--split");
    return typeof report === "string" ? report : report as Split;
  }

  /** Its outputs of a workload, read back. */
  async outputs(result: NumpyResult): Promise<Tensors> {
    const outputs: Tensors = {};
    for (const [name, spec] of Object.entries(result.outputs)) {
      outputs[name] = await readTensor(this.dir, spec);
    }
    return outputs;
  }

  /** Removes its files. */
  async stop(): Promise<void> {
    await Deno.remove(this.dir, { recursive: true });
  }
}

// -------------------------------------------------------------------- table

function formatSeconds(s: number): string {
  const [value, unit] = s >= 1
    ? [s, "s"]
    : s >= 1e-3
    ? [s * 1e3, "ms"]
    : [s * 1e6, "µs"];
  return `${value.toPrecision(3)} ${unit}`;
}

/** The CPU's name, from Node's os module (needs --allow-sys=cpus). */
function cpuName(): string {
  try {
    return cpus()[0]?.model ?? "unknown CPU";
  } catch {
    return "unknown CPU";
  }
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, c) =>
    Math.max(...rows.map((r) => r[c].length))
  );
  const line = (r: string[]) =>
    `| ${
      r.map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])
      )
        .join(" | ")
    } |`;
  console.log(line(rows[0]));
  const rule = widths.map((w, c) =>
    c === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`
  );
  console.log(`|${rule.join("|")}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

// --------------------------------------------------------------------- main

/**
 * Float64 operations per cycle at the peak of one core with two 256-bit FMA
 * units (4 lanes x 2 operations each), as the AMD Zen 4 and Intel cores since
 * Haswell have.
 */
const PEAK_FLOP_PER_CYCLE = 16;

type Timing = number | string;

/** Checks and times one workload in TensorFlow.js; a string if it could not. */
function timeTfjs(
  tfjs: typeof import("./compare_tfjs.ts"),
  w: Workload,
  ours: Tensors,
): { verdict: string; time: Timing } {
  const peer = tfjs.prepareTfjs(w.id, w.inputs);
  try {
    peer.run();
    const verdict = check(ours, peer.outputs(), TOLERANCE.tfjs);
    if (!verdict.startsWith("ok")) return { verdict, time: "MISMATCH" };
    return { verdict, time: median(timeRuns(() => peer.run())) };
  } finally {
    peer.dispose();
  }
}

/** The command line: workload ids, `--numpy-threads=N` (default 1), `--split`. */
function parseArgs(
  args: string[],
): { ids: string[]; numpyThreads: number; split: boolean } {
  let numpyThreads = 1;
  let split = false;
  const ids: string[] = [];
  for (const arg of args) {
    const threads = arg.match(/^--numpy-threads=(\d+)$/);
    if (threads) numpyThreads = Number(threads[1]);
    else if (arg === "--split") split = true;
    else ids.push(arg);
  }
  return { ids, numpyThreads, split };
}

/**
 * For each training step of `list`, a table of the median time per step of
 * each part, ours beside numpy's (or why numpy's is missing).
 */
async function printSplits(list: Workload[], numpy: Numpy | string) {
  for (const w of list.filter((w) => w.id.endsWith("_step"))) {
    const ours = splitStep(w, SPLIT_STEPS);
    const peer = typeof numpy === "string" ? numpy : await numpy.split(w.id);
    const parts = [
      ...Object.keys(ours).filter((p) => p !== PRODUCTS && p !== STEP),
      PRODUCTS,
      STEP,
    ];
    console.log();
    console.log(
      `${w.label}: median time per step of each part (${SPLIT_STEPS} steps)${
        typeof peer === "string" ? `; numpy: ${peer}` : ""
      }`,
    );
    console.log();
    printTable([
      ["part", "ours", "numpy", "x ours"],
      ...parts.map((part) => {
        const theirs = typeof peer === "string" ? undefined : peer[part];
        return [
          part,
          formatSeconds(ours[part] ?? 0),
          theirs === undefined ? "-" : formatSeconds(theirs),
          theirs === undefined ? "-" : (theirs / (ours[part] ?? 0)).toFixed(2),
        ];
      }),
    ]);
  }
}

async function main() {
  const { ids, numpyThreads, split } = parseArgs(Deno.args);
  const list = workloads().filter((w) =>
    ids.length === 0 || ids.includes(w.id)
  );

  const numpy = await Numpy.start(list, numpyThreads);
  let tfjs: typeof import("./compare_tfjs.ts") | string;
  try {
    tfjs = await import("./compare_tfjs.ts");
    await tfjs.initTfjs();
  } catch (error) {
    tfjs = `no TensorFlow.js (${(error as Error).message.split("\n")[0]})`;
  }

  // Each workload in turn in every peer, so that a busy moment of the
  // machine slows all three alike.
  const rows: { w: Workload; ours: number; tfjs: Timing; numpy: Timing }[] = [];
  let mismatches = 0;
  for (const w of list) {
    const run = w.prepare();
    const ours = run();
    const checks: string[] = [];

    let numpyTime: Timing = "missing";
    if (typeof numpy !== "string") {
      const result = await numpy.time(w.id);
      if (typeof result === "string") {
        numpyTime = "failed";
        checks.push(`numpy ${result}`);
      } else {
        const verdict = check(
          ours,
          await numpy.outputs(result),
          TOLERANCE.numpy,
        );
        checks.push(`numpy ${verdict}`);
        numpyTime = verdict.startsWith("ok")
          ? median(result.seconds)
          : "MISMATCH";
      }
    }
    let tfjsTime: Timing = "missing";
    if (typeof tfjs !== "string") {
      const { verdict, time } = timeTfjs(tfjs, w, ours);
      checks.push(`TF.js ${verdict}`);
      tfjsTime = time;
    }
    if (checks.some((c) => !c.includes(" ok ("))) mismatches++;
    console.log(`check ${w.id}: ${checks.join(", ") || "no peer"}`);

    rows.push({
      w,
      ours: median(timeRuns(run)),
      tfjs: tfjsTime,
      numpy: numpyTime,
    });
  }

  console.log();
  console.log(
    `${cpuName()}, ${navigator.hardwareConcurrency} cores; Deno ${Deno.version.deno} (V8 ${Deno.version.v8}); ${
      typeof tfjs === "string"
        ? tfjs
        : `TensorFlow.js ${tfjs.tfjsVersion} (tfjs-backend-cpu, float32)`
    }; ${
      typeof numpy === "string"
        ? numpy
        : `numpy ${numpy.info.version} (${numpy.info.blas}, ${numpyThreads} thread${
          numpyThreads === 1 ? "" : "s"
        })`
    }.`,
  );
  console.log(
    "Median time per run; x ours = the peer's time / ours (above 1: ours is faster).",
  );
  console.log();
  const cell = (t: Timing) => typeof t === "string" ? t : formatSeconds(t);
  const ratio = (t: Timing, ours: number) =>
    typeof t === "string" ? "-" : (t / ours).toFixed(2);
  printTable([
    ["workload", "ours", "TF.js CPU", "x ours", "numpy", "x ours"],
    ...rows.map((r) => [
      r.w.label,
      formatSeconds(r.ours),
      cell(r.tfjs),
      ratio(r.tfjs, r.ours),
      cell(r.numpy),
      ratio(r.numpy, r.ours),
    ]),
  ]);

  console.log();
  const rate = (flops: number, t: Timing) =>
    typeof t === "string" ? t : (flops / t / 1e9).toFixed(2);
  for (const r of rows.filter((r) => r.w.flops)) {
    const flops = r.w.flops!;
    console.log(
      `${r.w.label}: GFLOP/s ours ${rate(flops, r.ours)}, TF.js ${
        rate(flops, r.tfjs)
      }, numpy ${rate(flops, r.numpy)}`,
    );
  }
  const mhz = typeof numpy === "string" ? 0 : numpy.info.cpuMHz;
  if (mhz > 0) {
    console.log(
      `Peak of one core: ${PEAK_FLOP_PER_CYCLE} flop/cycle (two 256-bit FMA units) at the ${
        mhz.toFixed(0)
      } MHz /proc/cpuinfo reports = ${
        (PEAK_FLOP_PER_CYCLE * mhz / 1000).toFixed(1)
      } GFLOP/s float64 (more when the core boosts its clock).`,
    );
  }
  if (split) await printSplits(list, numpy);
  if (typeof numpy !== "string") await numpy.stop();
  if (mismatches > 0) {
    console.error(
      `${mismatches} workload(s) failed the check: see the check lines above.`,
    );
    Deno.exit(1);
  }
}

await main();
