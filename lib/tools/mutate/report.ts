/**
 * The mutants of one file, read from a StrykerJS JSON report (the
 * mutation-testing-report-schema that its `json` reporter and its incremental
 * file both use).
 *
 * @module
 */

/** One mutant, located by its text rather than by StrykerJS's numeric id. */
export interface Mutant {
  /** StrykerJS's id: valid within one report only. */
  id: string;
  /** The mutator's name, e.g. `ConditionalExpression`. */
  mutator: string;
  /** The code that was replaced, exactly as in the file. */
  original: string;
  /** What replaced it. */
  replacement: string;
  /** The 1-based line where the mutant starts. */
  line: number;
  /** That whole line, trimmed. */
  lineText: string;
  /** StrykerJS's status: `Killed`, `Survived`, `Timeout`, `NoCoverage`, ... */
  status: string;
}

interface Position {
  line: number;
  column: number;
}

function offsetOf(lines: string[], { line, column }: Position): number {
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
  return offset + column - 1;
}

/**
 * The mutants of `file` in `report`; throws an error naming the file when
 * the report does not hold it as the schema says.
 *
 * @example
 * ```ts
 * import { mutantsOf } from "./report.ts";
 * const report = { files: { "a.ts": { source: "const a = 1 + 2;\n", mutants: [{
 *   id: "0", mutatorName: "ArithmeticOperator", replacement: "1 - 2",
 *   status: "Survived",
 *   location: { start: { line: 1, column: 11 }, end: { line: 1, column: 16 } },
 * }] } } };
 * const [m] = mutantsOf(report, "a.ts");
 * console.assert(m.original === "1 + 2" && m.lineText === "const a = 1 + 2;");
 * ```
 */
export function mutantsOf(report: unknown, file: string): Mutant[] {
  const entry = (report as {
    files?: Record<string, { source?: unknown; mutants?: unknown }>;
  })?.files?.[file];
  if (typeof entry?.source !== "string" || !Array.isArray(entry.mutants)) {
    throw new Error(
      `the StrykerJS report has no source and mutants for ${file}`,
    );
  }
  const source = entry.source.replace(/\r\n/g, "\n");
  const lines = source.split("\n");
  return entry.mutants.map((m) => {
    const { start, end } = m.location as { start: Position; end: Position };
    return {
      id: String(m.id),
      mutator: String(m.mutatorName),
      original: source.slice(offsetOf(lines, start), offsetOf(lines, end)),
      replacement: String(m.replacement),
      line: start.line,
      lineText: lines[start.line - 1].trim(),
      status: String(m.status),
    };
  });
}
