/**
 * `deno task host`: starts the workshop dashboard and prints its address, the
 * join code and the line learners type.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { type HostOptions, startHost } from "./server.ts";

const USAGE = `deno task host [options]

Starts the workshop dashboard: open the address it prints on the projector;
learners join with the line it prints.

  --listen <address>    listen on this address (default 127.0.0.1, this machine
                        only; 0.0.0.0 for every network of this machine)
  --port <n>            the port (default 8787; 0 for any free one)
  --code <code>         the join code (default: a new random one; give the old
                        one after a restart so runners reconnect by themselves)
  --stuck-minutes <m>   minutes without progress before a learner shows as
                        stuck (default 10)
  --help                this text`;

/**
 * The command line, read into server options (or `"help"`); throws an error
 * naming the option when one is bad.
 *
 * @example
 * ```ts
 * import { parseHostArgs } from "./main.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * assertEquals(parseHostArgs(["--port", "0", "--stuck-minutes", "5"]), {
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   code: undefined,
 *   stuckMinutes: 5,
 * });
 * ```
 */
export function parseHostArgs(args: string[]): HostOptions | "help" {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      listen: { type: "string" },
      port: { type: "string" },
      code: { type: "string" },
      "stuck-minutes": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";
  if (positionals.length) {
    throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}`);
  }
  const port = Number(values.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `--port must be a whole number from 0 to 65535, got ${values.port}`,
    );
  }
  const stuckMinutes = Number(values["stuck-minutes"] ?? 10);
  if (!(stuckMinutes > 0) || !Number.isFinite(stuckMinutes)) {
    throw new Error(
      `--stuck-minutes must be a positive number, got ${
        values["stuck-minutes"]
      }`,
    );
  }
  if (values.code !== undefined && !/^[A-Za-z0-9_-]{6,64}$/.test(values.code)) {
    throw new Error(
      "--code must be 6 to 64 letters, digits, '-' or '_'",
    );
  }
  return {
    hostname: values.listen ?? "127.0.0.1",
    port,
    code: values.code,
    stuckMinutes,
  };
}

/** The addresses other machines reach this one at, when it listens on all. */
function lanAddresses(): string[] {
  try {
    return Deno.networkInterfaces()
      .filter((i) => i.family === "IPv4" && !i.address.startsWith("127."))
      .map((i) => i.address);
  } catch {
    return [];
  }
}

function main(): number {
  let options: HostOptions | "help";
  try {
    options = parseHostArgs(Deno.args);
  } catch (e) {
    console.error(`host: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const all = options.hostname === "0.0.0.0";
  const lan = all ? lanAddresses() : [];
  const port = options.port ?? 8787;
  let host;
  try {
    host = startHost({
      ...options,
      joinHost: all ? lan[0] ?? "<this machine's address>" : undefined,
    });
  } catch (e) {
    if (
      e instanceof Deno.errors.NotCapable ||
      e instanceof Deno.errors.PermissionDenied
    ) {
      console.error(
        `host: no permission to listen on ${options.hostname}. deno task host may listen on 127.0.0.1 or 0.0.0.0; for another address run\n  deno run --allow-net=${options.hostname} lib/tools/host/main.ts --listen ${options.hostname}`,
      );
    } else if (e instanceof Deno.errors.AddrInUse) {
      console.error(
        `host: port ${port} is in use; pick another with --port`,
      );
    } else {
      console.error(
        `host: cannot listen on ${options.hostname}:${port}: ${
          (e as Error).message
        }`,
      );
    }
    return 1;
  }
  const pageHost = all ? "127.0.0.1" : host.url.replace(/^http:\/\//, "");
  const pageUrl = all
    ? `http://${pageHost}:${host.port}/?code=${host.code}`
    : `${host.url}/?code=${host.code}`;
  console.log(`Backprop Katas workshop dashboard

  Open on the projector:  ${pageUrl}
  Join code:              ${host.code}

  Learners type:
    ${host.joinLine}`);
  for (const address of lan.slice(1)) {
    console.log(`  (or --join ${address}:${host.port})`);
  }
  if (!all && options.hostname?.startsWith("127.")) {
    console.log(`
  This machine only: learners on other machines cannot join. For a room, run
    deno task host --listen 0.0.0.0`);
  }
  console.log(`
  Stuck after ${options.stuckMinutes} minutes without progress. Ctrl-C stops the dashboard;
  learners' runners carry on without it and reconnect if it comes back (with --code ${host.code}).`);
  return -1;
}

if (import.meta.main) {
  const status = main();
  if (status >= 0) Deno.exit(status);
}
