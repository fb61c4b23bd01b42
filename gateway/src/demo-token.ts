import { signClientToken, type Identity } from '@sc/auth';
import { DEMO_IDENTITIES, type DemoRole } from '@sc/demo';

/**
 * Prints a 30-day demo bearer token (and nothing else, so `$(…)` captures it):
 *   AUTH_JWT_SECRET=… node -r ./tools/runtime/register-aliases.js dist/gateway/src/demo-token.js [seller|buyer|platform|carrier]
 */
async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'seller') as DemoRole;
  const identity: Identity | undefined = Object.hasOwn(DEMO_IDENTITIES, role)
    ? { ...DEMO_IDENTITIES[role], roles: [...DEMO_IDENTITIES[role].roles] }
    : undefined;
  if (!identity) throw new Error(`Unknown demo identity "${role}"; use one of: ${Object.keys(DEMO_IDENTITIES).join(', ')}`);
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret || secret.length < 32) throw new Error('AUTH_JWT_SECRET must be set (at least 32 characters)');
  process.stdout.write((await signClientToken(identity, secret, '30d')) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
