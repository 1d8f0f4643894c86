// End-to-end tests of the kata runner: each runs the runner as a subprocess,
// with the permissions of `deno task start`, in a temporary copy of the
// repository whose manifest lists the ReLU kata, two small katas made up for
// these tests and one kata that is not in the copy (see testdata/repo/). The
// copy is shared, so that Deno's type-check cache carries from test to test;
// each test starts from the katas as shipped and no progress file.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "../../testing/assert.ts";
import { TempRepo } from "./temp_repo.ts";

// These tests run the runner as `deno task start` does, which needs read,
// write, run and env permissions; the self-check grants them (`deno test -A`).
// Without them the tests are skipped, so a bare `deno test --doc lib/` stays
// clean.
const granted = (["read", "write", "run", "env"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

function e2e(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, ignore: !granted });
}

let shared: TempRepo | undefined;

async function repo(): Promise<TempRepo> {
  shared ??= await TempRepo.create();
  await shared.restore();
  return shared;
}

const RELU = "katas/relu_layer/relu.ts";

async function gitStatus(r: TempRepo): Promise<string> {
  const { stdout } = await new Deno.Command("git", {
    args: ["-C", r.root, "status", "--porcelain", "--", "katas", "solutions"],
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(stdout).trim();
}

async function withSolutionEdited(
  r: TempRepo,
  from: string,
  to: string,
): Promise<void> {
  const solution = await r.read("solutions/relu_layer/relu.ts");
  assertStringIncludes(solution, from);
  await r.write(RELU, solution.replace(from, to));
}

/** How many tests the ReLU kata's spec declares, as the runner counts them. */
async function reluTests(r: TempRepo): Promise<number> {
  const spec = await r.read("katas/relu_layer/relu_test.ts");
  return spec.match(/Deno\.test\(/g)?.length ?? 0;
}

/** The name of the ReLU spec's first test, the one a stub fails first. */
async function firstReluTest(r: TempRepo): Promise<string> {
  const spec = await r.read("katas/relu_layer/relu_test.ts");
  const name = spec.match(/Deno\.test\(\s*"([^"]+)"/)?.[1];
  assert(name, "the ReLU spec declares a test with a plain name");
  return name;
}

/** The lines a mistake's diff removes ("-") and adds ("+"), as shipped. */
async function mistakeLines(
  r: TempRepo,
  name: string,
): Promise<{ removed: string[]; added: string[] }> {
  const page = await r.read("solutions/relu_layer/MISTAKES.md");
  const section = page.split(/^## /m).find((s) => s.startsWith(`${name}\n`));
  assert(section, `MISTAKES.md has a section ${name}`);
  const diff = section.slice(section.indexOf("```diff"));
  const lines = diff.split("\n");
  return {
    removed: lines.filter((l) => l.startsWith("-")).map((l) => l.slice(1)),
    added: lines.filter((l) => l.startsWith("+")).map((l) => l.slice(1)),
  };
}

function assertTerminalManners(text: string): void {
  assert(!text.includes("\x1b"), "no escape codes when not on a terminal");
  for (const line of text.split("\n")) {
    assert(line.length <= 80, `a line longer than 80 columns: ${line}`);
  }
}

e2e(
  "a fresh copy shows kata 1 failing, with the file to edit and how to get a hint",
  async () => {
    const r = await repo();
    const { code, stdout } = await r.run(["--once"]);
    assertEquals(code, 1);
    assertStringIncludes(stdout, "Kata 1 of 4: ReLU layer, book 5.5.1");
    assertStringIncludes(stdout, "[----] 0 of 4 solved");
    assertStringIncludes(
      stdout,
      `NOT STARTED  0 of ${await reluTests(r)} tests pass`,
    );
    assertStringIncludes(stdout, "NotImplementedError: Relu.forward");
    assertStringIncludes(stdout, "Edit  katas/relu_layer/relu.ts");
    assertStringIncludes(stdout, "`deno task start hint`");
    assertStringIncludes(stdout, "No progress file yet");
    assert(!stdout.includes("    at "), "no stack trace");
    assertTerminalManners(stdout);
    const progress = JSON.parse(await r.read(".katas/progress.json"));
    assertEquals(progress.current, "relu_layer");
  },
);

e2e("copying in kata 1's solution moves on to kata 2", async () => {
  const r = await repo();
  await r.solve("relu_layer", "relu.ts");
  const { code, stdout } = await r.run(["--once"]);
  assertEquals(code, 1);
  assertStringIncludes(stdout, "Kata 2 of 4: Scale layer, book 5.4");
  assertStringIncludes(stdout, "[#---] 1 of 4 solved");
});

e2e(
  "when every kata passes, a closing message names the one not in the copy",
  async () => {
    const r = await repo();
    await r.solve("relu_layer", "relu.ts");
    await r.solve("scale_layer", "scale.ts");
    await r.solve("double_relu", "double_relu.ts");
    const { code, stdout } = await r.run(["--once"]);
    assertEquals(code, 0);
    assertStringIncludes(stdout, "All 3 katas in your copy pass.");
    assertStringIncludes(stdout, "not in your copy yet: ghost_layer");
  },
);

e2e(
  "watch mode reports an infinite loop as timed out, then moves on by itself once it is fixed",
  async () => {
    const r = await repo();
    await withSolutionEdited(
      r,
      "this.#mask = x.le(0);",
      "this.#mask = x.le(0); while (x.size > 0) { /* spin */ }",
    );
    const child = r.spawn(["--watch", "--timeout", "2"]);
    let out = "";
    const reading = (async () => {
      for await (const s of child.stdout.pipeThrough(new TextDecoderStream())) {
        out += s;
      }
    })();
    const errors = new Response(child.stderr).text();
    const until = async (text: string) => {
      const deadline = Date.now() + 30_000;
      while (!out.includes(text)) {
        assert(Date.now() < deadline, `no "${text}" in:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      await until("Watching katas/ for changes");
      assertStringIncludes(out, "TIMED OUT  The spec was stopped after 2 s");
      assertStringIncludes(out, await firstReluTest(r));
      await r.solve("relu_layer", "relu.ts");
      await until("Moving on to the next kata.");
      await until("Kata 2 of 4: Scale layer");
      assertStringIncludes(out, "SOLVED  Kata 1 of 4: ReLU layer");
    } finally {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode("q"));
      await writer.close();
    }
    assertEquals((await child.status).code, 0);
    await reading;
    assertEquals(await errors, "");
    assertStringIncludes(out, "Stopped watching.");
  },
);

e2e(
  "reset saves the learner's file to a backup, says where, and restores the stub",
  async () => {
    const r = await repo();
    const stub = await r.read(RELU);
    await r.write(RELU, "// my work in progress\n");
    const refused = await r.run(["reset", "relu_layer"]);
    assertEquals(refused.code, 2);
    assertStringIncludes(refused.stdout, "add --yes");
    assertEquals(await r.read(RELU), "// my work in progress\n");

    const { code, stdout } = await r.run(["reset", "relu_layer", "--yes"]);
    assertEquals(code, 0);
    const backup = stdout.match(/^ {2}(\.katas\/backups\/\S+)$/m)?.[1];
    assert(backup, `no backup path in:\n${stdout}`);
    assertMatch(
      backup,
      /^\.katas\/backups\/[\dT-]+Z\/katas\/relu_layer\/relu\.ts$/,
    );
    assertEquals(await r.read(backup), "// my work in progress\n");
    assertEquals(await r.read(RELU), stub);
    assertStringIncludes(
      stdout,
      "Restored katas/relu_layer/relu.ts as shipped",
    );
  },
);

e2e(
  "reset --all restores every changed kata after one backup of them all",
  async () => {
    const r = await repo();
    await r.write(RELU, "// relu work\n");
    await r.write("katas/scale_layer/scale.ts", "// scale work\n");
    const { code, stdout } = await r.run(["reset", "--all", "--yes"]);
    assertEquals(code, 0);
    const backups = [...stdout.matchAll(/^ {2}(\.katas\/backups\/\S+)$/gm)].map(
      (m) => m[1],
    );
    assertEquals(backups.length, 2);
    assertEquals(await r.read(backups[0]), "// relu work\n");
    assertEquals(await r.read(backups[1]), "// scale work\n");
    assertStringIncludes(await r.read(RELU), "notImplemented(");
  },
);

e2e(
  "a corrupt progress file is kept aside and rebuilt from the test results",
  async () => {
    const r = await repo();
    await r.write(".katas/progress.json", "{ this is not json");
    const { stdout } = await r.run(["--once"]);
    assertStringIncludes(stdout, ".katas/progress.json could not be read");
    const kept = stdout.match(/kept as (\.katas\/progress\.corrupt-\S+\.json)/)
      ?.[1];
    assert(kept, `no kept file in:\n${stdout}`);
    assertEquals(await r.read(kept), "{ this is not json");
    const rebuilt = JSON.parse(await r.read(".katas/progress.json"));
    assertEquals(rebuilt.version, 1);
    assertEquals(rebuilt.katas.relu_layer.status, "not started");
  },
);

e2e("a syntax error names the file and the line", async () => {
  const r = await repo();
  await withSolutionEdited(r, "x.le(0);", "x.le(0;");
  const { stdout } = await r.run(["--once"]);
  assertStringIncludes(stdout, "SYNTAX ERROR  katas/relu_layer/relu.ts:10:24");
  assert(!stdout.includes("file://"), "paths are relative to the repository");
});

e2e(
  "a type error names the file, the line and the TypeScript error",
  async () => {
    const r = await repo();
    await withSolutionEdited(
      r,
      "this.#mask = x.le(0);",
      "this.#mask = x.le(0); const n: string = 1;",
    );
    const { stdout } = await r.run(["--once"]);
    assertMatch(stdout, /TYPE ERROR {2}katas\/relu_layer\/relu\.ts:10:\d+/);
    assertStringIncludes(stdout, "TS2322: Type 'number' is not assignable");
  },
);

e2e(
  "learner code that reads a file is told that the katas run sandboxed",
  async () => {
    const r = await repo();
    await withSolutionEdited(
      r,
      "this.#mask = x.le(0);",
      "this.#mask = x.le(0); Deno.readTextFileSync('deno.json');",
    );
    const { stdout } = await r.run(["--once"]);
    assertStringIncludes(stdout, "Requires read access");
    assertStringIncludes(stdout, "The katas run sandboxed");
  },
);

e2e("hint shows the next level each time and records it", async () => {
  const r = await repo();
  const first = await r.run(["hint"]);
  assertStringIncludes(first.stdout, "Hint 1 of 3: a nudge");
  const second = await r.run(["hint", "1"]);
  assertStringIncludes(second.stdout, "Hint 2 of 3: the formula");
  const progress = JSON.parse(await r.read(".katas/progress.json"));
  assertEquals(progress.katas.relu_layer.hintsShown, 2);
});

e2e(
  "hint prints a level from HINTS.md with its code block as written",
  async () => {
    const r = await repo();
    await r.run(["hint", "relu_layer"]);
    const { stdout } = await r.run(["hint", "relu_layer"]);
    assertStringIncludes(stdout, "Hint 2 of 3: the formula");
    assertStringIncludes(
      stdout,
      "dx = dout * (x > 0)        the product is elementwise, and its shape is the shape of dout, which is the shape of x",
    );
  },
);

e2e(
  "mistakes lists, shows and tries a classic mistake, once the kata passes or with --force",
  async () => {
    const r = await repo();
    const refused = await r.run(["mistakes", "relu_layer"]);
    assertEquals(refused.code, 1);
    assertStringIncludes(refused.stdout, "add --force");
    await r.solve("relu_layer", "relu.ts");
    const list = await r.run(["mistakes", "relu_layer"]);
    assertEquals(list.code, 0);
    assertMatch(list.stdout, /^stale_mask\n {4}\S/m);
    assertTerminalManners(list.stdout);
    const one = await r.run(["mistakes", "1", "backward_writes_into_dout"]);
    assertStringIncludes(
      one.stdout,
      "Classic mistake: backward_writes_into_dout",
    );
    for (
      const line of (await mistakeLines(r, "backward_writes_into_dout")).added
    ) {
      assertStringIncludes(one.stdout, `\n+${line}\n`);
    }
    await r.restore();
    const tried = await r.run([
      "mistakes",
      "relu_layer",
      "backward_writes_into_dout",
      "--try",
      "--force",
    ]);
    assertEquals(tried.code, 0);
    assertMatch(
      tried.stdout,
      new RegExp(`FAILING  \\d+ of ${await reluTests(r)} tests pass`),
    );
    assertStringIncludes(tried.stdout, "changed its argument dout");
    assertStringIncludes(tried.stdout, "Also failing:");
    assertTerminalManners(tried.stdout);
    const status = await gitStatus(r);
    assertEquals(status, "", "nothing written in katas/ or solutions/");
    const typo = await r.run(["mistakes", "relu_layer", "stale_msk"]);
    assertEquals(typo.code, 2);
    assertStringIncludes(typo.stderr, 'did you mean "stale_mask"?');
  },
);

e2e(
  "mistakes --try says so when the worked answer has moved on from a mistake's diff",
  async () => {
    const r = await repo();
    const answer = "solutions/relu_layer/relu.ts";
    const original = await r.read(answer);
    try {
      const [line] = (await mistakeLines(r, "backward_writes_into_dout"))
        .removed;
      assertStringIncludes(original, line);
      await r.write(answer, original.replace(line, `${line} // moved on`));
      const { code, stdout } = await r.run([
        "mistakes",
        "relu_layer",
        "backward_writes_into_dout",
        "--try",
        "--force",
      ]);
      assertEquals(code, 1);
      assertStringIncludes(stdout, "no longer applies");
      assertStringIncludes(stdout, "moved on");
    } finally {
      await r.write(answer, original);
    }
  },
);

e2e(
  "a failure shows the learner's printed lines and the line of their file that threw",
  async () => {
    const r = await repo();
    await withSolutionEdited(
      r,
      "this.#mask = x.le(0);",
      'this.#mask = x.le(0); console.log("mask is", this.#mask.shape);\n' +
        '    if (x.size > 5) throw new RangeError("too many numbers");',
    );
    const { stdout } = await r.run(["--once"]);
    assertStringIncludes(stdout, "RangeError: too many numbers");
    assertMatch(
      stdout,
      /Thrown in your code at katas\/relu_layer\/relu\.ts:11:\d+:/,
    );
    assertStringIncludes(stdout, 'throw new RangeError("too many numbers");');
    assertStringIncludes(stdout, "Your code printed, in this test:");
    assertMatch(stdout, /^ {2}\| mask is \[/m);
    assertTerminalManners(stdout);
  },
);

e2e(
  "--once never asks to save again, even for a loop that never ends",
  async () => {
    const r = await repo();
    await withSolutionEdited(
      r,
      "this.#mask = x.le(0);",
      "this.#mask = x.le(0); while (x) x.size;",
    );
    const { stdout } = await r.run(["--once", "--timeout", "1"]);
    assertStringIncludes(stdout, "TIMED OUT");
    assert(!/save again/i.test(stdout), stdout);
  },
);

e2e(
  "an edited spec is said, never counts as solved, and reset --spec restores it",
  async () => {
    const r = await repo();
    await r.solve("relu_layer", "relu.ts");
    const spec = "katas/relu_layer/relu_test.ts";
    const shipped = await r.read(spec);
    await r.write(spec, shipped + "\n// my note\n");
    const { stdout } = await r.run(["--once"]);
    assertStringIncludes(stdout, "Kata 1 of 4: ReLU layer");
    assertStringIncludes(
      stdout,
      `EDITED SPEC  All ${await reluTests(r)} tests pass`,
    );
    assertStringIncludes(stdout, "Checked against your edited spec");
    assertStringIncludes(stdout, "reset relu_layer --spec");
    const progress = JSON.parse(await r.read(".katas/progress.json"));
    assert(progress.katas.relu_layer.status !== "solved");
    const reset = await r.run(["reset", "relu_layer", "--spec", "--yes"]);
    assertEquals(reset.code, 0);
    assertEquals(await r.read(spec), shipped);
    const saved = reset.stdout.match(/^ {2}(\.katas\/backups\/\S+)$/m)?.[1];
    assert(saved, reset.stdout);
    assertStringIncludes(await r.read(saved), "// my note");
    const after = await r.run(["--once"]);
    assertStringIncludes(after.stdout, "Kata 2 of 4: Scale layer");
  },
);

e2e("progress --json prints a summary a workshop host can parse", async () => {
  const r = await repo();
  await r.solve("relu_layer", "relu.ts");
  await r.run(["hint", "scale_layer"]);
  const { code, stdout } = await r.run(["progress", "--json"]);
  assertEquals(code, 0);
  const summary = JSON.parse(stdout);
  assertEquals(summary.total, 4);
  assertEquals(summary.solved, 1);
  assertEquals(summary.current?.name, "scale_layer");
  assertEquals(summary.hintsUsed, 1);
  assertEquals(
    summary.katas.map((k: { status: string }) => k.status),
    ["solved", "not started", "not started", "missing"],
  );
  assert(typeof summary.katas[0].solvedAt === "string");
});

e2e("solution refuses until the kata passes, unless forced", async () => {
  const r = await repo();
  const refused = await r.run(["solution", "relu_layer"]);
  assertEquals(refused.code, 1);
  assertStringIncludes(refused.stdout, "--force");
  assert(!refused.stdout.includes("class Relu"));
  const forced = await r.run(["solution", "relu_layer", "--force"]);
  assertStringIncludes(forced.stdout, "export class Relu");
  await r.solve("relu_layer", "relu.ts");
  const earned = await r.run(["solution", "1"]);
  assertEquals(earned.code, 0);
  assertStringIncludes(earned.stdout, "solutions/relu_layer/relu.ts");
});

e2e(
  "kata --use-solutions runs a kata with the worked answers of the katas it imports",
  async () => {
    const r = await repo();
    await r.solve("double_relu", "double_relu.ts");
    const stub = await r.read(RELU);
    const own = await r.run(["kata", "3"]);
    assertEquals(own.code, 1);
    assertStringIncludes(own.stdout, "Kata 3 of 4: Two ReLUs in a row");
    assertStringIncludes(own.stdout, "kata double_relu --use-solutions");
    const helped = await r.run(["kata", "double_relu", "--use-solutions"]);
    assertEquals(helped.code, 0);
    assertStringIncludes(helped.stdout, "SOLVED");
    assertStringIncludes(helped.stdout, "worked answers of relu_layer");
    assertEquals(await r.read(RELU), stub, "the learner's file is untouched");
  },
);

e2e(
  "list shows every kata with its status, a missing one included",
  async () => {
    const r = await repo();
    await r.solve("relu_layer", "relu.ts");
    const { code, stdout } = await r.run(["list"]);
    assertEquals(code, 0);
    assertMatch(stdout, /^ {3}1 {2}solved {7}ReLU layer/m);
    assertMatch(stdout, /^> {2}2 {2}not started {2}Scale layer/m);
    assertMatch(stdout, /^ {3}4 {2}missing {6}A kata not in this copy/m);
    assertTerminalManners(stdout);
  },
);

e2e(
  "help and bad arguments give the command list or a one-line error naming the argument",
  async () => {
    const r = await repo();
    const help = await r.run(["help"]);
    assertEquals(help.code, 0);
    assertStringIncludes(help.stdout, "reset <kata>");
    const cases: [string[], string][] = [
      [["frob"], 'unknown command "frob"'],
      [["kata", "99"], "no kata number 99"],
      [["kata", "nope"], 'no kata "nope"'],
      [
        ["kata", "scale_layr"],
        'no kata "scale_layr"; did you mean "scale_layer"?',
      ],
      [
        ["mistakes", "relu_layer", "--try"],
        "--try needs the name of a mistake",
      ],
      [
        ["list", "--timeout", "soon"],
        '--timeout needs a number of seconds, got "soon"',
      ],
      [["list", "--force"], '"list" does not take the option --force'],
      [["hint", "1", "2"], '"hint" takes at most one kata'],
      [["solution"], '"solution" needs a kata'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await r.run(args);
      assertEquals(code, 2, args.join(" "));
      assertEquals(stderr.trim().split("\n").length, 1, stderr);
      assertStringIncludes(stderr, message);
    }
    assertStringIncludes((await r.run(["frob"])).stdout, "Commands:");
  },
);

function watchSession(r: TempRepo, args: string[]) {
  const child = r.spawn(args);
  let out = "";
  const reading = (async () => {
    for await (const s of child.stdout.pipeThrough(new TextDecoderStream())) {
      out += s;
    }
  })();
  const errors = new Response(child.stderr).text();
  return {
    output: () => out,
    until: async (text: string) => {
      const deadline = Date.now() + 30_000;
      while (!out.includes(text)) {
        assert(Date.now() < deadline, `no "${text}" in:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    quit: async () => {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode("q"));
      await writer.close();
      const { code } = await child.status;
      await reading;
      return { code, stderr: await errors };
    },
  };
}

e2e(
  "start --from takes the earlier katas from solutions/ and walks on; list and progress --json say which katas came from the worked answers",
  async () => {
    const r = await repo();
    const first = await r.run(["--from", "2", "--once"]);
    assertEquals(first.code, 1);
    assertStringIncludes(first.stdout, "Kata 2 of 4: Scale layer");
    assertStringIncludes(first.stdout, "You started at kata 2");
    await r.solve("scale_layer", "scale.ts");
    const second = await r.run(["--once"]);
    assertStringIncludes(
      second.stdout,
      "Kata 3 of 4: Two ReLUs in a row",
      "the start is remembered, and kata 3 imports kata 1's worked answer",
    );
    assertStringIncludes(second.stdout, "NOT STARTED");
    await r.solve("double_relu", "double_relu.ts");
    const last = await r.run(["--once"]);
    assertEquals(last.code, 0);
    assertStringIncludes(last.stdout, "All the katas from kata 2 on pass.");
    assertStringIncludes(last.stdout, "--from 1");
    const list = await r.run(["list"]);
    assertMatch(list.stdout, /^ {3}1 {2}answer~ {6}ReLU layer/m);
    assertMatch(list.stdout, /^ {3}2 {2}solved {5}/m);
    assertMatch(list.stdout, /^ {3}3 {2}solved~ {6}Two ReLUs/m);
    assertTerminalManners(list.stdout);
    assertStringIncludes(list.stdout, "[~#~-] 1 of 4 solved, 2 with worked");
    const summary = JSON.parse((await r.run(["progress", "--json"])).stdout);
    assertEquals(
      summary.katas.map((k: { status: string }) => k.status),
      ["taken-from-solutions", "solved", "solved-with-solutions", "missing"],
    );
    assertEquals(
      [summary.solved, summary.solvedWithSolutions, summary.takenFromSolutions],
      [1, 1, 1],
    );
    assertEquals(summary.from, { number: 2, name: "scale_layer" });
    assertEquals(summary.current, null);
    const back = await r.run(["--from", "1", "--once"]);
    assertStringIncludes(back.stdout, "Kata 1 of 4: ReLU layer");
  },
);

e2e(
  "kata --use-solutions counts as solved-with-solutions and makes that kata the current one",
  async () => {
    const r = await repo();
    const { code } = await r.run(["kata", "3", "--use-solutions"]);
    assertEquals(code, 1);
    const summary = JSON.parse((await r.run(["progress", "--json"])).stdout);
    assertEquals(summary.current?.name, "double_relu");
    assertEquals(
      summary.current?.failingTest,
      null,
      "not started: no test of its own fails",
    );
    await r.solve("double_relu", "double_relu.ts");
    await r.run(["kata", "3", "--use-solutions"]);
    const after = JSON.parse((await r.run(["progress", "--json"])).stdout);
    assertEquals(after.katas[2].status, "solved-with-solutions");
    assertEquals(after.solved, 0);
  },
);

e2e(
  "kata --use-solutions --watch moves on to the next kata when it passes",
  async () => {
    const r = await repo();
    const session = watchSession(r, [
      "kata",
      "2",
      "--use-solutions",
      "--watch",
    ]);
    try {
      await session.until("Watching katas/ for changes");
      assertStringIncludes(session.output(), "Kata 2 of 4: Scale layer");
      await r.solve("scale_layer", "scale.ts");
      await session.until("Kata 3 of 4: Two ReLUs in a row");
      assertStringIncludes(session.output(), "SOLVED  Kata 2 of 4");
      assertStringIncludes(session.output(), "Moving on to the next kata.");
    } finally {
      const { code, stderr } = await session.quit();
      assertEquals(code, 0);
      assertEquals(stderr, "");
    }
  },
);

e2e(
  "list and progress move no kata's started or last-checked time unless its file changed; progress --json carries the learner's name",
  async () => {
    const r = await repo();
    await r.run(["list"]);
    const read = async () => JSON.parse(await r.read(".katas/progress.json"));
    let katas = (await read()).katas;
    assertEquals(
      katas.relu_layer.firstRunAt,
      undefined,
      "a stub is not started",
    );
    await r.run(["kata", "1"]);
    const checked = (await read()).katas.relu_layer.lastRunAt;
    assert(typeof checked === "string");
    await r.run(["progress", "--json"]);
    await r.run(["list"]);
    katas = (await read()).katas;
    assertEquals(katas.relu_layer.lastRunAt, checked);
    assertEquals(katas.scale_layer.lastRunAt, undefined);
    await r.solve("scale_layer", "scale.ts");
    await r.run(["list"]);
    assert(typeof (await read()).katas.scale_layer.lastRunAt === "string");
    await r.run(["progress", "--name", "Ada Lovelace"]);
    const summary = JSON.parse((await r.run(["progress", "--json"])).stdout);
    assertEquals(summary.schema, 2);
    assertEquals(summary.learner, "Ada Lovelace", "the name is remembered");
    assertEquals(summary.current.name, "relu_layer");
    assertEquals(summary.current.hintsUsed, 0);
    assert(Number.isInteger(summary.current.secondsOnIt));
  },
);

e2e(
  "a progress file with a damaged field is repaired field by field and said so",
  async () => {
    const r = await repo();
    await r.run(["hint", "1"]);
    const good = JSON.parse(await r.read(".katas/progress.json"));
    good.katas.relu_layer.lastRunAt = "yesterday-ish";
    await r.write(".katas/progress.json", JSON.stringify(good));
    const { stdout } = await r.run(["--once"]);
    const said = stdout.replace(/\s+/g, " ");
    assertStringIncludes(said, "relu_layer.lastRunAt was not a timestamp");
    assertStringIncludes(said, "the rest kept");
    const repaired = JSON.parse(await r.read(".katas/progress.json"));
    assertEquals(repaired.katas.relu_layer.hintsShown, 1, "the hint is kept");
  },
);

e2e(
  "Ctrl-C while a spec runs leaves no temporary folder behind",
  async () => {
    const r = await repo();
    await withSolutionEdited(
      r,
      "this.#mask = x.le(0);",
      "this.#mask = x.le(0); while (x.size > 0) { /* spin */ }",
    );
    const tmp = await Deno.makeTempDir({ prefix: "runner_tmpdir_" });
    try {
      const child = r.spawn(["kata", "1", "--timeout", "60"], { TMPDIR: tmp });
      child.stdout.cancel();
      child.stderr.cancel();
      const deadline = Date.now() + 30_000;
      const entries = async () =>
        (await Array.fromAsync(Deno.readDir(tmp))).map((e) => e.name);
      while (!(await entries()).some((n) => n.startsWith("kata_spec_"))) {
        assert(Date.now() < deadline, "the spec never started");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill("SIGINT");
      assertEquals((await child.status).code, 130);
      assertEquals(await entries(), []);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
);

e2e(
  "a deleted spec is said, with how to put it back, rather than skipped",
  async () => {
    const r = await repo();
    await Deno.remove(`${r.root}/katas/relu_layer/relu_test.ts`);
    const { code, stdout } = await r.run(["--once"]);
    assertEquals(code, 1);
    assertStringIncludes(stdout, "Kata 1 of 4: ReLU layer");
    assertStringIncludes(stdout, "MISSING SPEC");
    assertStringIncludes(stdout, "deno task start reset relu_layer --spec");
    await r.run(["reset", "relu_layer", "--spec", "--yes"]);
    assertStringIncludes(
      await r.read("katas/relu_layer/relu_test.ts"),
      "Deno.test",
    );
  },
);

e2e(
  "a broken manifest is named, with how to restore it",
  async () => {
    const r = await repo();
    await r.write("katas/manifest.json", "{");
    const { code, stderr } = await r.run(["list"]);
    assertEquals(code, 1);
    assertStringIncludes(stderr, "katas/manifest.json: is not valid JSON");
    assertStringIncludes(stderr, "git checkout -- katas/manifest.json");
  },
);

e2e(
  "a time limit too short to load the spec is blamed, not the learner's code",
  async () => {
    const r = await repo();
    const { stdout } = await r.run(["--once", "--timeout", "0.001"]);
    const said = stdout.replace(/\s+/g, " ");
    assertStringIncludes(said, "TIMED OUT");
    assertStringIncludes(said, "0.001 s may be too short for Deno even");
    assert(!said.includes("seems to loop forever"), said);
  },
);

e2e(
  "in a copy without git (a ZIP download), reset still puts back the stub and the spec as shipped",
  async () => {
    const zip = await (await repo()).zipCopy();
    try {
      const first = await zip.run(["--once"]);
      assertStringIncludes(first.stdout, "Kata 1 of 4: ReLU layer");
      const stub = await zip.read(RELU);
      await zip.write(RELU, await zip.read("solutions/relu_layer/relu.ts"));
      await Deno.remove(`${zip.root}/katas/relu_layer/relu_test.ts`);
      const spec = await zip.run(["reset", "1", "--spec", "--yes"]);
      assertEquals(spec.code, 0, spec.stdout + spec.stderr);
      const file = await zip.run(["reset", "1", "--yes"]);
      assertEquals(file.code, 0, file.stdout + file.stderr);
      assertEquals(await zip.read(RELU), stub);
      const again = await zip.run(["--once"]);
      assertStringIncludes(again.stdout, "NOT STARTED");
    } finally {
      await zip.remove();
    }
  },
);

e2e(
  "start --join sends the host progress events only, with the join code, and goes on the same when no host answers",
  async () => {
    const r = await repo();
    const received: { auth: string | null; body: Record<string, unknown> }[] =
      [];
    const server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      async (request) => {
        received.push({
          auth: request.headers.get("authorization"),
          body: await request.json(),
        });
        return new Response("{}", { status: 202 });
      },
    );
    const address = `127.0.0.1:${server.addr.port}`;
    try {
      const joined = await r.run([
        "--once",
        "--join",
        address,
        "--code",
        "sesame-123",
        "--name",
        "Ada",
      ]);
      assertEquals(joined.code, 1);
      assertStringIncludes(joined.stdout, "Kata 1 of 4: ReLU layer");
      assertEquals(received.length, 1);
      assertEquals(received[0].auth, "Bearer sesame-123");
      const event = received[0].body;
      assertEquals(event.name, "Ada");
      assertEquals(event.kata, {
        index: 0,
        name: "relu_layer",
        title: "ReLU layer",
      });
      assertEquals([event.solved, event.total, event.status], [
        0,
        4,
        "failing",
      ]);
      const text = JSON.stringify(event);
      assert(!text.includes("notImplemented"), "no code is sent");
      const remembered = await r.run([
        "--once",
        "--join",
        address,
        "--code",
        "sesame-123",
      ]);
      assertEquals(remembered.code, 1, remembered.stderr);
      assertEquals(received[1]?.body.name, "Ada", "the name is remembered");
    } finally {
      await server.shutdown();
    }
    const alone = await r.run(["--once", "--join", address, "--code", "x"]);
    assertEquals(alone.code, 1);
    assertEquals(alone.stderr, "");
    assertStringIncludes(alone.stdout, "Kata 1 of 4: ReLU layer");
    const bad = await r.run(["--once", "--join", address]);
    assertEquals(bad.code, 2);
    assertStringIncludes(bad.stderr, "--join needs the host's join code");
  },
);

e2e("the temporary copy is removed", async () => {
  await shared?.remove();
  shared = undefined;
});
