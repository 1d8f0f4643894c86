import { assertEquals, assertThrows } from "../../testing/assert.ts";
import { parseHostArgs } from "./main.ts";

Deno.test("the dashboard listens on this machine only, port 8787, unless told otherwise", () => {
  assertEquals(parseHostArgs([]), {
    hostname: "127.0.0.1",
    port: 8787,
    code: undefined,
    stuckMinutes: 10,
  });
  assertEquals(
    parseHostArgs(["--listen", "0.0.0.0", "--code", "room-42-abc"]),
    {
      hostname: "0.0.0.0",
      port: 8787,
      code: "room-42-abc",
      stuckMinutes: 10,
    },
  );
  assertEquals(parseHostArgs(["--help"]), "help");
});

Deno.test("a bad option is named in the error", () => {
  assertThrows(() => parseHostArgs(["--port", "99999"]), Error, "--port");
  assertThrows(
    () => parseHostArgs(["--stuck-minutes", "0"]),
    Error,
    "--stuck-minutes",
  );
  assertThrows(() => parseHostArgs(["--code", "abc"]), Error, "--code");
  assertThrows(
    () => parseHostArgs(["--code", "<b>hello</b>"]),
    Error,
    "--code",
  );
  assertThrows(() => parseHostArgs(["extra"]), Error, "extra");
  assertThrows(() => parseHostArgs(["--colour"]), Error, "colour");
});
