/**
 * What in a client-facing GraphQL error would tell an outsider about the inside of the system: which service
 * answered, where it listens, its stack or its SQL. Every error the test suite receives from the gateway is
 * checked (see graphql-client.ts), so a leak anywhere the suite reaches fails the test that reached it.
 *
 * Deliberately independent of the gateway's own masking (gateway/src/client-errors.ts): a checker sharing the
 * masker's patterns would approve whatever the masker lets through.
 */
const LEAKS: Array<[string, RegExp]> = [
  ['an internal extension', /"(?:serviceName|stacktrace|exception|response)":/],
  ['an internal address', /\/\/(?:127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0)\b|:\d{2,5}\/graphql\b|\/internal\/[a-z-]+/i],
  ['a service name', /\bsubgraphs?\b|\b(?:catalog|orders|returns|marketing|creators)\b(?= (?:subgraph|service|did not|is unavailable))/i],
  ['a stack frame', /\bat [\w$.<>]+ \(|\.[cm]?[jt]s:\d+:\d+/],
  [
    'SQL',
    /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]*\b(?:FROM|VALUES|SET|WHERE)\b|\bviolates \w+ constraint\b|\bsyntax error at or near\b|\bout of range for type\b/,
  ],
];

/** Each leak found in `errors` (a GraphQL response's `errors`), as "what: the error"; empty when clean. */
export function internalDetailsIn(errors: readonly unknown[] | undefined): string[] {
  const found: string[] = [];
  for (const error of errors ?? []) {
    const text = JSON.stringify(error);
    for (const [what, pattern] of LEAKS) if (pattern.test(text)) found.push(`${what}: ${text}`);
  }
  return found;
}

/** Throws, naming each leak, when a gateway answer's errors carry internal details. */
export function assertNoInternalDetails(errors: readonly unknown[] | undefined): void {
  const leaks = internalDetailsIn(errors);
  if (leaks.length > 0) throw new Error(`The gateway answered an error with internal details:\n  ${leaks.join('\n  ')}`);
}
