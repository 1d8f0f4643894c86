import { assertEquals } from "../../testing/assert.ts";
import { type Command, OPTIONS } from "./cli/args.ts";
import { COMMANDS } from "./commands/mod.ts";

const README = new URL("../../../README.md", import.meta.url);

// Reading the README needs --allow-read: the self-check grants it; a bare
// `deno test --doc lib/` skips these tests.
const canRead = Deno.permissions.querySync({ name: "read" }).state ===
  "granted";

function readmeTest(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, ignore: !canRead });
}

/** One row of the README's table: what its first cell types, and the options its text names. */
interface Row {
  command: string;
  kata: boolean;
  options: string[];
}

const FLAG = /(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b/g;

function commandsSection(markdown: string): string {
  const start = markdown.indexOf("\n### Commands\n");
  if (start < 0) return "";
  const end = markdown.indexOf("\n#", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

function rows(section: string, commands: readonly Command[]): Row[] {
  return section.split("\n")
    .filter((line) => line.startsWith("| `deno task start"))
    .map((line) => {
      const [typed, text] = line.split("|").slice(1, 3);
      const words = typed.replace(/`/g, "").trim().split(/\s+/).slice(3);
      const command = words.find((w) => /^[a-z]/.test(w)) ?? commands[0].name;
      const options = [...typed.matchAll(FLAG), ...text.matchAll(FLAG)]
        .map((m) => m[1]);
      // `--from <kata>`: an option's value, not the command's kata.
      const takesValue = (w: string | undefined) =>
        Object.values(OPTIONS).some((o) => o.flag === w && o.value);
      return {
        command,
        kata: words.some((w, i) =>
          /^[<[]kata[>\]]$/.test(w) && !takesValue(words[i - 1])
        ),
        options,
      };
    });
}

/** The sentence after the table: which commands take which shared option. */
function sharedOptions(section: string): Map<string, string[]> {
  const shared = new Map<string, string[]>();
  const paragraph = section.match(/\nOptions for [^\n]*(?:\n[^\n|]+)*/)?.[0];
  if (!paragraph) return shared;
  const names = paragraph.match(/\(([^)]*)\)/)?.[1].match(/`([a-z]+)`/g)
    ?.map((n) => n.slice(1, -1)) ?? [];
  for (const m of paragraph.matchAll(FLAG)) shared.set(m[1], names);
  return shared;
}

function flagOf(command: Command, spelling: string): boolean {
  return command.options.some((o) =>
    OPTIONS[o].flag === spelling || OPTIONS[o].alias === spelling
  );
}

/** Everything the README's command table says that the command table does not, and the reverse. */
function readmeProblems(
  markdown: string,
  commands: readonly Command[],
): string[] {
  const section = commandsSection(markdown);
  if (!section) return ['README.md has no "### Commands" section'];
  const problems: string[] = [];
  const table = rows(section, commands);
  const shared = sharedOptions(section);
  for (const row of table) {
    const command = commands.find((c) => c.name === row.command);
    if (!command) {
      problems.push(
        `README documents a command "${row.command}" the runner does not have`,
      );
      continue;
    }
    if (row.kata && command.kata === "none") {
      problems.push(
        `README gives "${row.command}" a kata, which it does not take`,
      );
    }
    for (const option of row.options) {
      if (!flagOf(command, option)) {
        problems.push(
          `README gives "${row.command}" the option ${option}, which it does not take`,
        );
      }
    }
  }
  for (const [option, names] of shared) {
    const takers = commands.filter((c) => flagOf(c, option)).map((c) => c.name);
    if (names.join() !== takers.join()) {
      problems.push(
        `README says ${option} is for ${
          names.join(", ")
        }; the runner gives it to ${takers.join(", ")}`,
      );
    }
  }
  for (const command of commands) {
    const own = table.filter((r) => r.command === command.name);
    if (own.length === 0) {
      problems.push(`README's command table has no row for "${command.name}"`);
      continue;
    }
    if (command.kata !== "none" && !own.some((r) => r.kata)) {
      problems.push(`README never shows "${command.name}" with its kata`);
    }
    for (const option of command.options) {
      const { flag } = OPTIONS[option];
      if (!own.some((r) => r.options.includes(flag)) && !shared.has(flag)) {
        problems.push(`README does not document ${flag} for "${command.name}"`);
      }
    }
  }
  return problems;
}

readmeTest(
  "the README's command table documents every command and option, and nothing else",
  async () => {
    const markdown = await Deno.readTextFile(README);
    assertEquals(readmeProblems(markdown, COMMANDS), []);
  },
);

readmeTest(
  "the README check names a command, an option or a row that does not match the table",
  async () => {
    const markdown = (await Deno.readTextFile(README))
      .replace(/\n\| `deno task start help`[^\n]*/, "")
      .replace(
        "`deno task start progress`",
        "`deno task start progress --force`",
      )
      .replace(
        /\n\| `deno task start list` /,
        "\n| `deno task start frobnicate` |  |\n| `deno task start list` ",
      )
      .replace("(`start`, `list`,", "(`start`,");
    assertEquals(
      readmeProblems(markdown, COMMANDS).sort(),
      [
        'README documents a command "frobnicate" the runner does not have',
        'README gives "progress" the option --force, which it does not take',
        "README says --timeout is for start, kata, solution, mistakes, progress; the runner gives it to start, list, kata, solution, mistakes, progress",
        `README's command table has no row for "help"`,
      ].sort(),
    );
  },
);
