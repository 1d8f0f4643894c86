import { assert, assertEquals } from "../testing/assert.ts";
import { fileURLToPath } from "node:url";
import { DIFF, MNIST, toolkitModules } from "./offline.ts";
import { MnistUnavailableError } from "../data/mnist.ts";
import { DiffUnavailableError } from "./mistakes.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const granted = (["read", "write", "run", "env"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

// A network namespace with no interface but loopback: the network is cut
// for what runs inside it. Unprivileged user namespaces may be disabled
// (some CI, containers): the tests that need one are skipped there.
const canCutNetwork = granted && (() => {
  try {
    return new Deno.Command("unshare", { args: ["-rn", "true"] })
      .outputSync().success;
  } catch {
    return false;
  }
})();

async function offline(
  args: string[],
  denoDir?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command("unshare", {
    args: ["-rn", Deno.execPath(), ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...(denoDir ? { DENO_DIR: denoDir } : {}) },
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

const GUARD = ["run", "--allow-read", "--allow-run", "lib/tools/offline.ts"];

Deno.test({
  name:
    "prepare caches the modules of lib/, the runner's and MNIST's loader among them, and the diff library's and MNIST's packages with their configs",
  ignore: !granted,
  fn: async () => {
    const modules = await toolkitModules(ROOT);
    for (
      const m of [
        "lib/data/mnist.ts",
        "lib/tools/runner/main.ts",
        "lib/tools/runner/commands/mistakes.ts",
        "lib/tools/selfcheck/main.ts",
      ]
    ) assert(modules.includes(m), `${m} is not cached by prepare`);
    assert(!modules.some((m) => m.includes("/testdata/")));
    assert(
      !modules.includes(MNIST.entry),
      "MNIST's package has its own config, cached apart",
    );
    await Deno.stat(`${ROOT}${MNIST.entry}`);
    await Deno.stat(`${ROOT}${MNIST.config}`);
    assert(
      !modules.some((m) => m.startsWith("lib/tools/diff/")),
      "the diff library has its own config, cached apart",
    );
    await Deno.stat(`${ROOT}${DIFF.entry}`);
    await Deno.stat(`${ROOT}${DIFF.config}`);
    assert(modules.includes("lib/tools/host/main.ts"));
    assert(
      !modules.some((m) => m.startsWith("lib/tools/host/browser/")),
      "the browser test has its own config and packages",
    );
  },
});

Deno.test({
  name:
    "with the network cut and nothing cached, prepare says in one sentence that it needs the network once",
  ignore: !canCutNetwork,
  fn: async () => {
    const empty = await Deno.makeTempDir({ prefix: "deno_dir_" });
    try {
      const { code, stdout, stderr } = await offline(
        [...GUARD, "--prepare"],
        empty,
      );
      assertEquals(code, 1);
      assertEquals(stdout, "");
      assertEquals(
        stderr.trim(),
        "`deno task prepare` needs the network this once, to download the " +
          "packages: run it again while online.",
      );
    } finally {
      await Deno.remove(empty, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "with the network cut and nothing cached, the runner still starts: it fetches no package, MNIST least of all",
  ignore: !canCutNetwork,
  fn: async () => {
    const empty = await Deno.makeTempDir({ prefix: "deno_dir_" });
    try {
      const { code, stdout } = await offline(
        [
          "run",
          "--allow-read",
          "--allow-env",
          "lib/tools/runner/main.ts",
          "help",
        ],
        empty,
      );
      assertEquals(code, 0);
      assert(stdout.includes("Commands:"), stdout);
      const npm = await Array.fromAsync(
        Deno.readDir(`${empty}/npm`),
      ).catch(() => []);
      assertEquals(npm, [], "no npm package fetched");
    } finally {
      await Deno.remove(empty, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "after prepare, with the network cut, everything lib/ imports loads from the cache",
  ignore: !canCutNetwork,
  fn: async () => {
    const prepared = await new Deno.Command(Deno.execPath(), {
      args: [...GUARD, "--prepare"],
      cwd: ROOT,
    }).output();
    assert(prepared.success, new TextDecoder().decode(prepared.stderr));
    const { code, stderr } = await offline([
      "check",
      "--cached-only",
      "--quiet",
      "lib/tools/selfcheck/main.ts",
      "lib/data/mnist.ts",
      "lib/tools/runner/commands/mistakes.ts",
    ]);
    assertEquals(code, 0, stderr);
    const mnist = await offline([
      "check",
      "--quiet",
      "--config",
      MNIST.config,
      MNIST.entry,
    ]);
    assertEquals(mnist.code, 0, mnist.stderr);
    // The runner applies a classic mistake with the diff library and runs
    // the spec against it.
    const tried = await offline([
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-run",
      "--allow-env",
      "lib/tools/runner/main.ts",
      "mistakes",
      "relu_layer",
      "stale_mask",
      "--try",
      "--force",
    ]);
    assertEquals(tried.code, 0, tried.stdout + tried.stderr);
    assert(tried.stdout.includes("What the spec says to it:"), tried.stdout);
    assert(
      tried.stdout.includes(
        "backward uses the mask of the most recent forward",
      ),
      tried.stdout,
    );
  },
});

Deno.test(
  "the project's deno.lock holds no npm package, which deno task would fetch before any task",
  async () => {
    const lock = JSON.parse(await Deno.readTextFile(`${ROOT}deno.lock`));
    assertEquals(Object.keys(lock.npm ?? {}), [], "npm packages in deno.lock");
  },
);

/** What `deno task <args>` does with the network cut and an empty cache. */
async function taskOffline(...args: string[]) {
  const empty = await Deno.makeTempDir({ prefix: "deno_dir_" });
  try {
    const result = await offline(["task", ...args], empty);
    const npm = await Array.fromAsync(Deno.readDir(`${empty}/npm`))
      .catch(() => []);
    return { ...result, fetched: npm.map((e) => e.name) };
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
}

Deno.test({
  name:
    "with the network cut and nothing cached, deno task host, start and test work and fetch no package; applying a classic mistake says in one sentence to run deno task prepare",
  ignore: !canCutNetwork,
  fn: async () => {
    const host = await taskOffline("host", "--help");
    assertEquals(host.code, 0, host.stderr);
    assert(host.stdout.includes("deno task host"), host.stdout);
    const start = await taskOffline("start", "help");
    assertEquals(start.code, 0, start.stderr);
    assert(start.stdout.includes("Commands:"), start.stdout);
    // Everything but the classic mistakes, which need the diff library:
    // that one line says to prepare.
    const test = await taskOffline("test", "perceptron_gates");
    assertEquals(test.code, 1, test.stdout + test.stderr);
    const failed = test.stdout.split("\n").filter((l) =>
      l.startsWith("  FAIL")
    );
    assertEquals(failed, [`  FAIL ${new DiffUnavailableError().message}`]);
    assert(
      test.stdout.includes("spec passes against the solution"),
      test.stdout,
    );
    assert(/selfcheck: \d+ passed, 1 failed\n/.test(test.stdout), test.stdout);
    const mistake = await taskOffline(
      "start",
      "mistakes",
      "relu_layer",
      "stale_mask",
      "--try",
      "--force",
    );
    assertEquals(mistake.code, 1, mistake.stderr);
    // The sentence is the last thing said, wrapped to the terminal.
    assert(
      mistake.stdout.replace(/\s+/g, " ").trimEnd().endsWith(
        " What the spec says to it: " + new DiffUnavailableError().message,
      ),
      mistake.stdout,
    );
    assert(!/\bat (file|ext):|error:/i.test(mistake.stdout + mistake.stderr));
    for (const { fetched } of [host, start, test, mistake]) {
      assertEquals(fetched, [], "npm packages fetched");
    }
  },
});

Deno.test({
  name:
    "with the network cut and nothing cached, every training task says in one sentence to run deno task prepare",
  ignore: !canCutNetwork,
  fn: async () => {
    const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
    // The tasks that run a script in katas/ or a figure script which loads
    // MNIST (the others train on generated data and need no package).
    const training: [string, { command: string }][] = [];
    for (
      const [name, task] of Object.entries(
        config.tasks as Record<string, { command: string }>,
      )
    ) {
      const script = task.command.match(/\bkatas\/\S+\.ts/)?.[0];
      if (script === undefined) continue;
      const source = await Deno.readTextFile(`${ROOT}${script}`);
      if (/\bdata\/mnist\.ts"/.test(source)) training.push([name, task]);
    }
    assertEquals(
      training.map(([name]) => name).sort(),
      [
        "figure:overfitting",
        "figure:overfitting:solution",
        "search",
        "search:solution",
        "train",
        "train:convnet",
        "train:convnet:solution",
        "train:deep",
        "train:deep:solution",
        "train:numerical",
        "train:numerical:solution",
        "train:solution",
      ],
      "tasks whose script loads MNIST",
    );
    for (const [name, task] of training) {
      assert(
        task.command.includes(`--config ${MNIST.config}`),
        `${name} runs without MNIST's config: ${task.command}`,
      );
      const { code, stdout, stderr } = await taskOffline(name);
      // deno task announces the command it runs; then ours alone.
      const lines = stderr.trim().split("\n");
      assertEquals(lines[0], `Task ${name} ${task.command}`);
      assertEquals(
        lines.slice(1),
        [new MnistUnavailableError().message],
        `deno task ${name}, stderr`,
      );
      assertEquals(stdout, "", `deno task ${name}, stdout`);
      assertEquals(code, 1, `deno task ${name}, exit code`);
    }
  },
});
