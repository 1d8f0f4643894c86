import { assert, assertEquals } from "../testing/assert.ts";
import { fileURLToPath } from "node:url";
import { toolkitModules } from "./offline.ts";

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
    "prepare caches the modules of lib/, the runner's and MNIST's among them",
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
  },
});
