import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKey, parseSigningKey, type SigningKey, type VerificationKey } from '@sc/auth';

/** Where `npm start` keeps its keys, under the state directory (`.sc/`, never committed). */
export const DEV_KEYS_FILE = 'dev-keys.json';

/**
 * The local stack's Ed25519 keys: the demo token issuer's (signs the printed client tokens; the gateway verifies
 * them with its public half from a JWKS file) and the gateway's internal-context key (subgraphs get only its
 * public half). Made once per checkout, so tokens printed by one `npm start` keep working after the next.
 */
export interface DevKeys {
  clientTokenKey: SigningKey;
  internalSigningKey: SigningKey;
}

/** The keys in `<stateDir>/dev-keys.json`, made (mode 0600) on first use. */
export function loadOrCreateDevKeys(stateDir: string): DevKeys {
  const existing = readDevKeys(stateDir);
  if (existing) return existing;
  mkdirSync(stateDir, { recursive: true });
  const keys: DevKeys = { clientTokenKey: generateSigningKey(), internalSigningKey: generateSigningKey() };
  writeFileSync(path.join(stateDir, DEV_KEYS_FILE), JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  return keys;
}

/** The keys in `<stateDir>/dev-keys.json`, or undefined when there is none yet; throws naming the file if it is damaged. */
export function readDevKeys(stateDir: string): DevKeys | undefined {
  const file = path.join(stateDir, DEV_KEYS_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<keyof DevKeys, unknown>;
    return {
      clientTokenKey: parseSigningKey(JSON.stringify(stored.clientTokenKey)),
      internalSigningKey: parseSigningKey(JSON.stringify(stored.internalSigningKey)),
    };
  } catch (error) {
    throw new Error(`${file} is damaged (${error instanceof Error ? error.message : String(error)}); delete it to make new keys`);
  }
}

/** Writes a JWKS file (`{"keys": [...]}`) atomically (a reader never sees half of it), creating its folder. */
export function writeJwksFile(file: string, keys: readonly VerificationKey[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ keys }, null, 2) + '\n');
  renameSync(temporary, file);
}
