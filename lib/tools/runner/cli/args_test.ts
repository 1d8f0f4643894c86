import { assertEquals, assertThrows } from "../../../testing/assert.ts";
import { COMMANDS } from "../commands/mod.ts";
import { type Command, parseArgs, UsageError } from "./args.ts";

Deno.test("parseArgs takes options before or after the command, and --timeout=<s>", () => {
  const options = parseArgs(
    ["--timeout=2.5", "kata", "relu_layer", "--watch"],
    COMMANDS,
  );
  assertEquals(
    [options.command, options.kata, options.timeoutSeconds, options.watch],
    ["kata", "relu_layer", 2.5, true],
  );
});

Deno.test("parseArgs wants reset to name a kata or say --all, not both", () => {
  assertEquals(parseArgs(["reset", "--all", "-y"], COMMANDS).all, true);
  assertEquals(parseArgs(["reset", "6"], COMMANDS).kata, "6");
  for (const args of [["reset"], ["reset", "6", "--all"]]) {
    assertThrows(() => parseArgs(args, COMMANDS), UsageError);
  }
});

Deno.test("parseArgs names the argument at fault", () => {
  const cases: [string[], string][] = [
    [["--once", "--watch"], "--once and --watch cannot go together"],
    [["--timeout"], "--timeout needs a number of seconds, got nothing"],
    [["list", "--timeout", "0"], "--timeout must be more than 0"],
    [["--frobnicate"], 'unknown option "--frobnicate"'],
    [["start", "6"], '"start" takes no kata, got "6"'],
    [["hint", "--force"], '"hint" does not take the option --force'],
  ];
  for (const [args, message] of cases) {
    const error = assertThrows(() => parseArgs(args, COMMANDS), UsageError);
    assertEquals(error.message.startsWith(message), true, error.message);
  }
});

Deno.test("parseArgs gives the words after the kata the names the command declares", () => {
  const run = () => Promise.resolve(0);
  const commands: Command[] = [
    { name: "start", kata: "none", options: [], summary: "", run },
    {
      name: "pick",
      kata: "required",
      after: ["name"],
      options: [],
      summary: "",
      run,
    },
  ];
  assertEquals(parseArgs(["pick", "6", "mask"], commands).words, {
    name: "mask",
  });
  assertEquals(parseArgs(["pick", "6"], commands).words, {});
  const error = assertThrows(
    () => parseArgs(["pick", "6", "mask", "more"], commands),
    UsageError,
  );
  assertEquals(
    error.message,
    '"pick" takes a kata and at most name after it, got "6" "mask" "more"',
  );
});
