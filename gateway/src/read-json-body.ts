import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Why a request body was refused; the GraphQL route turns each into its HTTP status and error code. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

const DECODERS: Record<string, (() => NodeJS.ReadWriteStream) | undefined> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads and parses a JSON request body with the rules express.json() applied before (so clients see no
 * difference): only `application/json` bodies are read; the size limit counts decoded bytes and is checked
 * against Content-Length before reading; gzip/deflate/br bodies are decoded; only UTF-8; an empty body is
 * `{}`; the top level must be an object or an array (strict). Resolves `undefined` for a non-JSON request,
 * which Apollo Server then refuses with its own 400 (or serves, for a GET).
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  if (!isJson(req.headers['content-type'])) return undefined;
  const charset = charsetOf(req.headers['content-type']!);
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new BodyError(415, 'Bad request');

  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let source: Readable = req;
  if (encoding !== 'identity') {
    const decoder = DECODERS[encoding];
    if (!decoder) throw new BodyError(415, 'Bad request');
    source = req.pipe(decoder()) as unknown as Readable;
  } else {
    const declared = Number(req.headers['content-length']);
    if (declared > limitBytes) throw new BodyError(413, 'Request body too large');
  }

  const text = await readText(source, limitBytes);
  if (text.length === 0) return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') throw new BodyError(400, 'Request body is not valid JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'Request body is not valid JSON');
  }
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

function charsetOf(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
}

function readText(source: Readable, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (error: Error) => {
      source.off('data', onData);
      source.resume(); // discard the rest, so the connection can answer and be reused
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) fail(new BodyError(413, 'Request body too large'));
      else chunks.push(chunk);
    };
    source.on('data', onData);
    source.once('end', () => {
      if (received <= limitBytes) resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    // A truncated or corrupt compressed body, or a client that went away mid-body.
    source.once('error', () => fail(new BodyError(400, 'Bad request')));
  });
}
