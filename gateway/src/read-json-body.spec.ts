import { gzipSync } from 'node:zlib';
import { BodyError, readJsonBody } from './read-json-body';
import { listenOnFreePort } from './testing/http';

const LIMIT = 64;

describe('readJsonBody', () => {
  let base: Awaited<ReturnType<typeof listenOnFreePort>>;

  // Echoes what was read (as JSON, `null` for "no JSON body"), or the refusal's status and message.
  beforeAll(async () => {
    base = await listenOnFreePort((req, res) => {
      readJsonBody(req, LIMIT).then(
        (body) => res.end(JSON.stringify({ body: body ?? null })),
        (error: unknown) => {
          res.statusCode = error instanceof BodyError ? error.status : 500;
          res.end(JSON.stringify({ error: (error as Error).message }));
        },
      );
    });
  });
  afterAll(() => base.close());

  const post = async (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const response = await fetch(base.url, { method: 'POST', headers, body });
    return { status: response.status, json: (await response.json()) as { body?: unknown; error?: string } };
  };

  it('parses a JSON object or array', async () => {
    expect(await post('{"query":"{ a }"}')).toEqual({ status: 200, json: { body: { query: '{ a }' } } });
    expect(await post('[1]', { 'content-type': 'application/json; charset=utf-8' })).toEqual({ status: 200, json: { body: [1] } });
  });

  it('reads nothing from a request that is not JSON, and treats an empty JSON body as {}', async () => {
    expect(await post('{"a":1}', { 'content-type': 'text/plain' })).toEqual({ status: 200, json: { body: null } });
    expect(await post('', { 'content-type': 'application/json' })).toEqual({ status: 200, json: { body: {} } });
  });

  it.each(['{', '"just a string"', '42', 'null'])('refuses %s as invalid JSON (only objects and arrays)', async (text) => {
    expect(await post(text)).toEqual({ status: 400, json: { error: 'Request body is not valid JSON' } });
  });

  it('refuses a body over the limit with 413', async () => {
    expect(await post(JSON.stringify({ query: 'x'.repeat(LIMIT) }))).toEqual({ status: 413, json: { error: 'Request body too large' } });
  });

  it('decodes a gzip body and applies the limit to the decoded size', async () => {
    const small = gzipSync(JSON.stringify({ query: '{ a }' }));
    expect(await post(small, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toEqual({ status: 200, json: { body: { query: '{ a }' } } });
    const bomb = gzipSync(JSON.stringify({ query: ' '.repeat(10 * LIMIT) }));
    expect(bomb.length).toBeLessThan(LIMIT);
    expect((await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(413);
  });

  it('refuses unknown encodings and charsets with 415', async () => {
    expect((await post('{}', { 'content-type': 'application/json', 'content-encoding': 'zip' })).status).toBe(415);
    expect((await post('{}', { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
  });
});
