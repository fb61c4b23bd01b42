import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSigningKey, verificationKeyOf } from '@sc/auth';
import { ensureDatabase, withDatabase } from '@sc/db';
import { ALIAS_HOOK, REPO_ROOT, SUBGRAPHS, subgraphScript } from '@sc/stack';
import { composeSupergraph } from './compose';
import { breakingChanges } from './breaking-changes';
import { ENVELOPE_SCHEMA, eventContractDocuments } from './event-contracts';

// Usage: generate [--check] [--allow-breaking]
//   default: regenerate schemas/ from code; refuses breaking API changes unless --allow-breaking.
//   --check: regenerate into memory and fail on any difference from what is committed (CI).
const check = process.argv.includes('--check');
const allowBreaking = process.argv.includes('--allow-breaking');
const SCHEMAS = path.join(REPO_ROOT, 'schemas');

async function printSubgraphSdls(): Promise<Array<{ name: string; url: string; sdl: string }>> {
  const serverUrl = process.env.SC_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = withDatabase(serverUrl, 'sc_schema_print');
  await ensureDatabase(databaseUrl);
  const out = mkdtempSync(path.join(tmpdir(), 'sc-sdl-'));
  return SUBGRAPHS.map(({ name, defaultPort }) => {
    const file = path.join(out, `${name}.graphql`);
    execFileSync(process.execPath, ['-r', ALIAS_HOOK, subgraphScript(name, 'print-schema'), file], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        PORT: String(defaultPort),
        DATABASE_URL: databaseUrl,
        DB_POOL_SIZE: '1',
        KAFKA_BROKERS: '127.0.0.1:9',
        // Printing verifies nothing; any public key satisfies the configuration.
        INTERNAL_VERIFY_KEYS: JSON.stringify(verificationKeyOf(generateSigningKey())),
      },
    });
    return { name, url: `http://127.0.0.1:${defaultPort}/graphql`, sdl: readFileSync(file, 'utf8') };
  });
}

function expectedFiles(subgraphs: Array<{ name: string; sdl: string }>, supergraph: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of subgraphs) files.set(`subgraphs/${s.name}.graphql`, s.sdl);
  files.set('supergraph.graphql', supergraph.trim() + '\n');
  files.set('events/envelope.json', JSON.stringify(ENVELOPE_SCHEMA, null, 2) + '\n');
  for (const [topic, doc] of Object.entries(eventContractDocuments())) files.set(`events/${topic}.json`, JSON.stringify(doc, null, 2) + '\n');
  return files;
}

async function main(): Promise<void> {
  const subgraphs = await printSubgraphSdls();
  const supergraph = composeSupergraph(subgraphs);
  const files = expectedFiles(subgraphs, supergraph);

  if (check) {
    const drifted = [...files.entries()].filter(([file, content]) => {
      const full = path.join(SCHEMAS, file);
      return !existsSync(full) || readFileSync(full, 'utf8') !== content;
    });
    if (drifted.length > 0) {
      console.error(`schemas/ is out of date with the code (run \`npm run schemas\`):\n${drifted.map(([f]) => `  - ${f}`).join('\n')}`);
      process.exit(1);
    }
    console.log(`schemas/ matches the code (${files.size} files); composition passed`);
    return;
  }

  const previousFile = path.join(SCHEMAS, 'supergraph.graphql');
  if (existsSync(previousFile)) {
    const breaking = await breakingChanges(readFileSync(previousFile, 'utf8'), supergraph);
    if (breaking.length > 0 && !allowBreaking) {
      console.error(`Breaking changes for clients (re-run with --allow-breaking if intended):\n${breaking.map((b) => `  - ${b}`).join('\n')}`);
      process.exit(1);
    }
  }
  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(SCHEMAS, file)), { recursive: true });
    writeFileSync(path.join(SCHEMAS, file), content);
  }
  console.log(`wrote ${files.size} files under schemas/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
