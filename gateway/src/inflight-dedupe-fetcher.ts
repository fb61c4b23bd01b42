import { CORRELATION_ID_HEADER } from '@sc/auth';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { BufferedResponse } from './timeout-fetcher';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

/** What every caller of a shared fetch gets a response of its own from. */
interface SharedAnswer {
  url: string;
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/**
 * Headers that differ per client request without changing the subgraph's answer. The correlation id only
 * labels logs: a caller that joins another's fetch is answered from it, and the subgraph logs the first id.
 */
const NOISE_HEADERS = new Set([CORRELATION_ID_HEADER.toLowerCase()]);

/** How RemoteGraphQLDataSource's JSON.stringify of a request begins. */
const JSON_QUERY_PREFIX = '{"query":"';

/**
 * Wraps a subgraph fetcher so that identical queries in flight at the same time reach the subgraph once:
 * under a burst of identical dashboard queries the subgraphs otherwise answer the same question many times.
 * The first caller fetches and the body is read once; each caller then gets its own response from those
 * bytes. Nothing is kept once the fetch settles, so this is never a cache: a later call fetches again, and
 * a failure reaches every caller that was waiting for it.
 *
 * The key is the URL, the exact body and every header except NOISE_HEADERS, so the signed internal-context
 * header (the caller's identity) and any authorization header keep different callers apart. Only queries
 * are shared; mutations, subscriptions and anything not recognisably a query go straight through, as do
 * calls with their own abort signal (one caller aborting must not fail the others).
 */
export function createInflightDedupeFetcher(fetcher: Fetcher): Fetcher {
  const inflight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init = {}) => {
    const key = dedupeKey(url, init);
    if (key === undefined) return fetcher(url, init);
    let shared = inflight.get(key);
    if (!shared) {
      shared = fetchOnce(fetcher, url, init);
      inflight.set(key, shared);
      const settled = shared;
      const forget = (): void => {
        if (inflight.get(key) === settled) inflight.delete(key);
      };
      settled.then(forget, forget);
    }
    const answer = await shared;
    return new BufferedResponse(answer.url, answer.status, answer.headers, answer.body);
  };
}

async function fetchOnce(fetcher: Fetcher, url: string, init: FetcherRequestInit): Promise<SharedAnswer> {
  const response = await fetcher(url, init);
  const body = await response.text();
  return { url: response.url || url, status: response.status, headers: [...response.headers], body };
}

/** The key of a shareable call, or undefined when the call must go out on its own. */
function dedupeKey(url: string, init: FetcherRequestInit): string | undefined {
  if (init.signal || typeof init.body !== 'string' || !isQuery(init.body)) return undefined;
  const headers = Object.entries(init.headers ?? {})
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .filter((line) => !NOISE_HEADERS.has(line.slice(0, line.indexOf(':'))))
    .sort();
  // Unambiguous without escaping the (possibly large) body: URLs and header lines hold no line breaks and a
  // header line is never empty, so the first empty line ends the headers and the body is all that follows.
  return `${url}\n${init.method ?? 'GET'}\n${headers.join('\n')}\n\n${init.body}`;
}

/**
 * Whether a GraphQL-over-HTTP body holds a query. The gateway prints each subgraph operation itself, one
 * operation per document, so its first keyword (or the `{` of the query shorthand) decides; anything that
 * does not parse or does not start that way counts as not a query, which only costs sharing.
 */
function isQuery(body: string): boolean {
  // The gateway's bodies start with the query; reading its first keyword in place spares parsing the
  // whole body (entity representations can be large) on every call.
  if (body.startsWith(JSON_QUERY_PREFIX)) {
    const keyword = /^(?:\s|,|\\[nrt])*(query\b|\{|mutation\b|subscription\b)/.exec(body.slice(JSON_QUERY_PREFIX.length, 200));
    if (keyword) return keyword[1] === 'query' || keyword[1] === '{';
  }
  let query: unknown;
  try {
    query = (JSON.parse(body) as { query?: unknown } | null)?.query;
  } catch {
    return false;
  }
  if (typeof query !== 'string') return false;
  return /^(?:\s|,|#[^\n\r]*)*(?:query\b|\{)/.test(query);
}
