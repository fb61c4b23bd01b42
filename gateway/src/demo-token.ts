import path from 'node:path';
import { parseSigningKey, signClientToken, type Identity, type SigningKey } from '@sc/auth';
import { DEMO_IDENTITIES, type DemoRole } from '@sc/demo';
import { readDevKeys } from '@sc/stack';
import { findRepoRoot } from './repo-root';

/**
 * Prints a 24-hour demo bearer token (and nothing else, so `$(…)` captures it), signed with the demo token
 * issuer's key `npm start` keeps in .sc/dev-keys.json (or DEMO_TOKEN_SIGNING_KEY: a PKCS#8 PEM or private JWK):
 *   node -r ./tools/runtime/register-aliases.js dist/gateway/src/demo-token.js [seller|buyer|platform|carrier]
 */
async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'seller') as DemoRole;
  const identity: Identity | undefined = Object.hasOwn(DEMO_IDENTITIES, role)
    ? { ...DEMO_IDENTITIES[role], roles: [...DEMO_IDENTITIES[role].roles] }
    : undefined;
  if (!identity) throw new Error(`Unknown demo identity "${role}"; use one of: ${Object.keys(DEMO_IDENTITIES).join(', ')}`);
  process.stdout.write((await signClientToken(identity, signingKey(), '24h')) + '\n');
}

function signingKey(): SigningKey {
  const configured = process.env.DEMO_TOKEN_SIGNING_KEY;
  if (configured) return parseSigningKey(configured);
  const keys = readDevKeys(path.join(findRepoRoot(), '.sc'));
  if (!keys) throw new Error('No .sc/dev-keys.json yet: run `npm start` once (it makes the demo keys), or set DEMO_TOKEN_SIGNING_KEY');
  return keys.clientTokenKey;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
