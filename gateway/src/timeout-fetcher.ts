import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, request } from 'undici';

// The gateway's own fetcher type (from @apollo/utils.fetcher, which is not a direct dependency).
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * A fetcher for one subgraph that gives up after `timeoutMs`, covering the whole exchange (headers and
 * body), and turns transport failures into GraphQL errors with a stable code. Subgraph URLs and low-level
 * causes stay out of client-facing messages.
 *
 * It calls undici's `request` over a keep-alive agent of its own (one connection pool per subgraph):
 * cheaper per call than `fetch` or the gateway's make-fetch-happen, whose Request/Response stream
 * machinery costs more CPU than a subgraph answer on loopback takes to arrive.
 */
export function createTimeoutFetcher(subgraphName: string, timeoutMs: number): Fetcher {
  // undici's default keep-alive (4 s) stays below Node's server default (5 s), so a pooled socket is never
  // reused just as the subgraph closes it.
  const agent = new Agent({ pipelining: 1 });
  return async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    // A plain timer cleared on completion, not AbortSignal.timeout(): that one costs ~10 µs to create and
    // keeps a weakly-referenced timer alive for the whole timeout after the call is long over.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = init.signal ? AbortSignal.any([timeout.signal, init.signal as AbortSignal]) : timeout.signal;
    try {
      const response = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'GET') as 'GET',
        headers: init.headers,
        body: init.body,
        signal,
      });
      // Read the body inside the deadline too; then hand the gateway an already-complete response.
      const body = await response.body.text();
      return new BufferedResponse(url, response.statusCode, response.headers, body);
    } catch (error) {
      if (timeout.signal.aborted) {
        // The message is the client's; which service it was (serviceName) is for the log only (see client-errors.ts).
        throw new GraphQLError('A service needed for this part of the answer did not answer in time; retry later', {
          extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: subgraphName },
          originalError: error as Error,
        });
      }
      throw new GraphQLError('A service needed for this part of the answer is unavailable; retry later', {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraphName },
        originalError: error as Error,
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A complete, already-read response in the shape the gateway expects from a fetcher. */
export class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    rawHeaders: Iterable<[string, string]> | Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    // A copy even of a Headers object: every response owns its headers, so one reader cannot change another's.
    this.headers = new Headers();
    if (Symbol.iterator in rawHeaders) {
      for (const [name, value] of rawHeaders) this.headers.append(name, value);
      return;
    }
    for (const [name, value] of Object.entries(rawHeaders)) {
      if (Array.isArray(value)) for (const v of value) this.headers.append(name, v);
      else if (value !== undefined) this.headers.set(name, value);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.headers, this.body);
  }
}
