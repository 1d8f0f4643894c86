/**
 * A throwaway copy of the repository for the runner's end-to-end tests and
 * its benchmark: the toolkit, `deno.json`, the ReLU kata and three small
 * katas made up here (so the tests do not depend on katas still being
 * written), a manifest listing them and one kata that is not there, and a
 * git commit so that shipped stubs can be found. The runner runs in it as a
 * subprocess, with the permissions of `deno task start`.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inRoot } from "./state/paths.ts";

/** The source repository: two folders above this file. */
const SOURCE = new URL("../../../", import.meta.url);

/**
 * What the copy adds to the repository: a manifest of three katas to work on
 * and one missing, and two made-up katas (`scale_layer`, and `double_relu`,
 * which imports `relu_layer`), laid out as in the repository.
 */
const FIXTURE = new URL("./testdata/repo/", import.meta.url);

/** What a run of the runner printed. */
export interface RunOutput {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const a = join(from, entry.name);
    const b = join(to, entry.name);
    if (entry.isDirectory) await copyDir(a, b);
    else if (entry.isFile) await Deno.copyFile(a, b);
  }
}

async function git(root: string, ...args: string[]): Promise<void> {
  const { success, stderr } = await new Deno.Command("git", {
    args: [
      "-C",
      root,
      "-c",
      "user.name=Kata Tests",
      "-c",
      "user.email=katas@example.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    throw new Error(
      `git ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`,
    );
  }
}

/** The permissions `deno task start` grants, read from `deno.json`. */
async function startPermissions(root: string): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
  const task = config.tasks.start;
  const command: string = typeof task === "string" ? task : task.command;
  return command.split(/\s+/).filter((a) => a.startsWith("--allow-"));
}

/** A temporary copy of the repository to run the runner in. */
export class TempRepo {
  /** The copy's root folder. */
  readonly root: string;
  readonly #permissions: string[];

  private constructor(root: string, permissions: string[]) {
    this.root = root;
    this.#permissions = permissions;
  }

  /**
   * Makes the copy, commits it, and returns it; `extra`, a folder laid out
   * like the repository, is copied over it first (a bug hunt's tests add a
   * hunt and its manifest entry so).
   *
   * @example
   * ```ts ignore
   * import { TempRepo } from "./temp_repo.ts";
   * const repo = await TempRepo.create();
   * const { stdout } = await repo.run(["--once"]);
   * await repo.remove();
   * ```
   */
  static async create(extra?: URL): Promise<TempRepo> {
    const source = fileURLToPath(SOURCE);
    const root = await Deno.makeTempDir({ prefix: "katas_runner_" });
    await copyDir(join(source, "lib"), join(root, "lib"));
    for (const file of ["deno.json", "deno.lock", ".gitignore"]) {
      await Deno.copyFile(join(source, file), join(root, file)).catch(() => {});
    }
    for (const dir of ["katas", "solutions"]) {
      await Deno.mkdir(join(root, dir, "relu_layer"), { recursive: true });
      await Deno.copyFile(
        join(source, dir, "relu_layer", "relu.ts"),
        join(root, dir, "relu_layer", "relu.ts"),
      );
    }
    for (const file of ["README.md", "relu_test.ts"]) {
      await Deno.copyFile(
        join(source, "katas", "relu_layer", file),
        join(root, "katas", "relu_layer", file),
      );
    }
    // The ReLU kata's classic mistakes, for `mistakes`; its hints are the
    // fixture's, so that the tests do not follow edits to the real ones.
    await Deno.copyFile(
      join(source, "solutions", "relu_layer", "MISTAKES.md"),
      join(root, "solutions", "relu_layer", "MISTAKES.md"),
    );
    await copyDir(fileURLToPath(FIXTURE), root);
    if (extra) await copyDir(fileURLToPath(extra), root);
    const repo = new TempRepo(root, await startPermissions(root));
    await git(root, "init", "-q");
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "-m", "katas as shipped");
    return repo;
  }

  /** Writes a file (repository path with `/`), making its folder. */
  async write(path: string, text: string): Promise<void> {
    const full = inRoot(this.root, path);
    await Deno.mkdir(join(full, ".."), { recursive: true });
    await Deno.writeTextFile(full, text);
  }

  /** Reads a file (repository path with `/`). */
  read(path: string): Promise<string> {
    return Deno.readTextFile(inRoot(this.root, path));
  }

  /** Copies the worked answer of a kata over the learner's file. */
  async solve(name: string, file: string): Promise<void> {
    await this.write(
      `katas/${name}/${file}`,
      await this.read(`solutions/${name}/${file}`),
    );
  }

  /** Puts every kata back as shipped and forgets all progress. */
  async restore(): Promise<void> {
    await git(this.root, "checkout", "-q", "--", "katas");
    await Deno.remove(join(this.root, ".katas"), { recursive: true }).catch(
      () => {},
    );
  }

  /**
   * Runs the runner with `args` as `deno task start` would (its permissions,
   * no terminal, `NO_COLOR=1`), without type-checking the runner itself.
   */
  async run(args: string[], stdin?: string): Promise<RunOutput> {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-check",
        ...this.#permissions,
        join(this.root, "lib", "tools", "runner", "main.ts"),
        ...args,
      ],
      cwd: this.root,
      env: { NO_COLOR: "1" },
      stdin: stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (stdin !== undefined) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(stdin));
      await writer.close();
    }
    const { code, stdout, stderr } = await child.output();
    const decoder = new TextDecoder();
    return {
      code,
      stdout: decoder.decode(stdout),
      stderr: decoder.decode(stderr),
    };
  }

  /**
   * Starts the runner with `args` as {@link TempRepo.run} does, but with
   * stdin and stdout piped for a conversation (watch mode).
   */
  spawn(args: string[], env: Record<string, string> = {}): Deno.ChildProcess {
    return new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-check",
        ...this.#permissions,
        join(this.root, "lib", "tools", "runner", "main.ts"),
        ...args,
      ],
      cwd: this.root,
      env: { NO_COLOR: "1", ...env },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  }

  /**
   * Another copy of this one as a ZIP download gives it: the files as
   * committed, without `.git` (nor `.katas/`). Remove it when done.
   */
  async zipCopy(): Promise<TempRepo> {
    const root = await Deno.makeTempDir({ prefix: "katas_zip_" });
    for await (const entry of Deno.readDir(this.root)) {
      if (entry.name === ".git" || entry.name === ".katas") continue;
      const from = join(this.root, entry.name);
      if (entry.isDirectory) await copyDir(from, join(root, entry.name));
      else await Deno.copyFile(from, join(root, entry.name));
    }
    return new TempRepo(root, await startPermissions(root));
  }

  /** Deletes the copy. */
  async remove(): Promise<void> {
    await Deno.remove(this.root, { recursive: true }).catch(() => {});
  }
}
