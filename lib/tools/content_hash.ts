/**
 * The SHA-256 of a text, the one content hash of the tools: verdicts are
 * cached by it, and the stubs and specs as shipped are recognised by it.
 *
 * @module
 */

/**
 * The SHA-256 of a text (UTF-8), in hex.
 *
 * @example
 * ```ts
 * import { sha256 } from "./content_hash.ts";
 * console.assert((await sha256("")).startsWith("e3b0c442"));
 * ```
 */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}
