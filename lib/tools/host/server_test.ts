import {
  assert,
  assertEquals,
  assertStringIncludes,
} from "../../testing/assert.ts";
import { MAX_BODY_BYTES, sendProgress } from "./protocol.ts";
import { sampleEvent } from "./sample_event.ts";
import { type Host, startHost } from "./server.ts";
import { openStream } from "./stream_reader.ts";

const CODE = "test-code-1";

async function withHost(
  fn: (host: Host) => Promise<void>,
  options: Parameters<typeof startHost>[0] = {},
): Promise<void> {
  const host = startHost({ port: 0, code: CODE, ...options });
  try {
    await fn(host);
  } finally {
    await host.shutdown();
  }
}

function post(host: Host, body: BodyInit, code = CODE): Promise<Response> {
  return fetch(`${host.url}/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${code}` },
    body,
  });
}

Deno.test("every route answers 401 without the join code or with a wrong one", async () => {
  await withHost(async (host) => {
    const tries: [string, RequestInit][] = [
      ["/", {}],
      ["/?code=nope", {}],
      ["/stream", {}],
      ["/stats?code=wrong-code1", {}],
      ["/events", { method: "POST", body: "{}" }],
      ["/events", {
        method: "POST",
        body: "{}",
        headers: { authorization: "Bearer test-code-2" },
      }],
      // The page's way of passing the code does not work for runners.
      [`/events?code=${CODE}`, { method: "POST", body: "{}" }],
    ];
    for (const [path, init] of tries) {
      const response = await fetch(host.url + path, init);
      const body = await response.text();
      assertEquals(response.status, 401, `${path}: ${body}`);
      assertStringIncludes(body, "join code");
    }
  });
});

Deno.test("unknown pages are 404 and wrong methods 405, before any code check", async () => {
  await withHost(async (host) => {
    const missing = await fetch(`${host.url}/admin`);
    await missing.body?.cancel();
    assertEquals(missing.status, 404);
    const wrong = await fetch(`${host.url}/events?code=${CODE}`);
    await wrong.body?.cancel();
    assertEquals(wrong.status, 405);
  });
});

Deno.test("malformed JSON gets 400 with the parser's reason", async () => {
  await withHost(async (host) => {
    const response = await post(host, '{"name": "Ada",');
    assertEquals(response.status, 400);
    const body = await response.json();
    assertEquals(body.error, "malformed JSON");
    assert(body.reasons[0].length > 0, "the reason is empty");
  });
});

Deno.test("an invalid event gets 400 with a reason for each bad field", async () => {
  await withHost(async (host) => {
    const response = await post(
      host,
      JSON.stringify(sampleEvent({ seq: -2, status: "asleep" as never })),
    );
    assertEquals(response.status, 400);
    assertEquals(await response.json(), {
      error: "invalid event",
      reasons: [
        "seq must be between 0 and 9007199254740991, got -2",
        'status must be one of failing, passing, finished, stopped, got a string ("asleep")',
      ],
    });
  });
});

Deno.test("a body over the limit gets 413, whether declared or streamed", async () => {
  await withHost(async (host) => {
    const big = "x".repeat(MAX_BODY_BYTES + 1);
    const declared = await post(host, big);
    assertEquals(declared.status, 413);
    await declared.body?.cancel();
    const streamed = await post(
      host,
      ReadableStream.from([new TextEncoder().encode(big)]),
    );
    assertEquals(streamed.status, 413);
    await streamed.body?.cancel();
    assertEquals(host.stats().rejected, 2);
  });
});

Deno.test("the stream sends the room on connect, then each accepted event in order, and no stale one", async () => {
  await withHost(async (host) => {
    const ok = await sendProgress(host.url, CODE, sampleEvent({ seq: 1 }));
    assertEquals(ok.ok, true);
    const stream = await openStream(host.url, CODE);
    try {
      const snapshot = await stream.next();
      assertEquals(snapshot.event, "snapshot");
      assertEquals(snapshot.data.stuckMinutes, 10);
      assertEquals(snapshot.data.join, host.joinLine);
      assertEquals(
        snapshot.data.learners.map((l: { name: string }) => l.name),
        ["Ada"],
      );
      const sent = [
        sampleEvent({ name: "Bo", seq: 1 }),
        sampleEvent({ seq: 2 }),
        sampleEvent({ seq: 2, hints: 3 }),
        sampleEvent({ name: "Bo", seq: 3 }),
        sampleEvent({ name: "Bo", seq: 2 }),
        sampleEvent({ seq: 4 }),
      ];
      for (const event of sent) {
        const result = await sendProgress(host.url, CODE, event);
        assertEquals(result.ok, true, result.reason);
      }
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const { event, data } = await stream.next();
        assertEquals(event, "learner");
        seen.push(`${data.learner.name} ${data.learner.seq}`);
      }
      assertEquals(seen, ["Bo 1", "Ada 2", "Bo 3", "Ada 4"]);
      assertEquals(host.stats().accepted, 5);
      assertEquals(host.stats().stale, 2);
    } finally {
      await stream.close();
    }
  });
});

Deno.test("a name made of markup travels as data: the page never contains it, and its script writes text only", async () => {
  await withHost(async (host) => {
    const name = "<img src=x onerror=alert(1)>";
    await sendProgress(host.url, CODE, sampleEvent({ name }));
    const response = await fetch(`${host.url}/?code=${CODE}`);
    const html = await response.text();
    assertEquals(response.status, 200);
    assert(!html.includes("<img"), "the page holds the learner's name");
    assert(!/innerHTML|outerHTML|insertAdjacentHTML/.test(html));
    const csp = response.headers.get("content-security-policy") ?? "";
    assertStringIncludes(csp, "default-src 'none'");
    assert(!/https?:|\/\/[a-z]/i.test(html.replace(/<!doctype html>/i, "")));
    const stream = await openStream(host.url, CODE);
    try {
      const snapshot = await stream.next();
      assertEquals(snapshot.data.learners[0].name, name);
    } finally {
      await stream.close();
    }
  });
});

Deno.test("a full room answers 409 to a new learner", async () => {
  await withHost(async (host) => {
    await sendProgress(host.url, CODE, sampleEvent({ name: "a" }));
    const response = await post(
      host,
      JSON.stringify(sampleEvent({ name: "b" })),
    );
    assertEquals(response.status, 409);
    assertStringIncludes((await response.json()).error, "full");
  }, { maxLearners: 1 });
});

Deno.test("the server listens on 127.0.0.1 unless told otherwise", async () => {
  await withHost((host) => {
    assertEquals(host.hostname, "127.0.0.1");
    assertStringIncludes(host.joinLine, `--join 127.0.0.1:${host.port} `);
    assertStringIncludes(host.joinLine, `--code ${CODE} `);
    return Promise.resolve();
  });
});
