import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Local signing secrets, made once per checkout and kept in .sc/ (never committed). */
export interface DevSecrets {
  authJwtSecret: string;
  internalSigningSecret: string;
}

export function loadOrCreateDevSecrets(stateDir: string): DevSecrets {
  const file = path.join(stateDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(stateDir, { recursive: true });
  const secrets = { authJwtSecret: randomBytes(32).toString('hex'), internalSigningSecret: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
