import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER, generateSigningKey, type Identity } from '@sc/auth';
import { createInflightDedupeFetcher } from './inflight-dedupe-fetcher';
import { InternalContextSigner } from './internal-context-signer';
import { BufferedResponse } from './timeout-fetcher';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

const URL = 'http://127.0.0.1:4101/graphql';
const SHOP_QUERY = JSON.stringify({ query: 'query Dashboard__catalog__0{shop{id name}}', variables: {} });

interface PendingCall {
  url: string;
  init: FetcherRequestInit;
  resolve: (response: FetcherResponse) => void;
  reject: (error: unknown) => void;
}

/** A fetcher whose calls stay pending until the test answers them, so "in flight at once" is certain. */
function fakeFetcher() {
  const calls: PendingCall[] = [];
  const fetcher: Fetcher = (url, init = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      calls.push({ url, init, resolve, reject });
    });
  const answer = (call: PendingCall, body: string, status = 200, headers: Record<string, string> = {}) =>
    call.resolve(new BufferedResponse(call.url, status, { 'content-type': 'application/json', ...headers }, body));
  return { fetcher, calls, answer };
}

const post = (body: string, headers: Record<string, string> = {}): FetcherRequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

/** Lets the fetcher's continuations run (no timers involved). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createInflightDedupeFetcher', () => {
  it('sends identical concurrent queries once and gives every caller its own complete response', async () => {
    const { fetcher, calls, answer } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);
    const body = JSON.stringify({ data: { shop: { id: 'shp_1', name: 'x'.repeat(100_000) } } });

    const pending = [1, 2, 3].map(() => dedupe(URL, post(SHOP_QUERY, { [INTERNAL_CONTEXT_HEADER]: 'token-a' })));
    await settle();
    expect(calls).toHaveLength(1);
    answer(calls[0], body, 200, { 'x-served-by': 'catalog' });
    const responses = await Promise.all(pending);

    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('x-served-by')).toBe('catalog');
      expect(await response.text()).toBe(body);
    }
    expect(new Set(responses).size).toBe(3);
    responses[0].headers.set('x-served-by', 'changed');
    expect(responses[1].headers.get('x-served-by')).toBe('catalog');
  });

  it('shares a query that differs only in the correlation id', async () => {
    const { fetcher, calls, answer } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    const first = dedupe(URL, post(SHOP_QUERY, { [INTERNAL_CONTEXT_HEADER]: 'token-a', [CORRELATION_ID_HEADER]: 'corr-1' }));
    const second = dedupe(URL, post(SHOP_QUERY, { [INTERNAL_CONTEXT_HEADER]: 'token-a', [CORRELATION_ID_HEADER]: 'corr-2' }));
    await settle();
    expect(calls).toHaveLength(1);
    answer(calls[0], '{"data":{"shop":null}}');
    await expect(Promise.all([first, second].map(async (r) => (await r).text()))).resolves.toEqual(['{"data":{"shop":null}}', '{"data":{"shop":null}}']);
  });

  it('never lets two sellers share an answer: each signed identity is fetched on its own', async () => {
    const { fetcher, calls, answer } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);
    const signer = new InternalContextSigner(generateSigningKey());
    const sellerA: Identity = { userId: 'usr_a', sellerId: 'shp_a', roles: ['SELLER_STAFF'] };
    const sellerB: Identity = { userId: 'usr_b', sellerId: 'shp_b', roles: ['SELLER_STAFF'] };
    const [tokenA, tokenB] = await Promise.all([signer.tokenFor(sellerA), signer.tokenFor(sellerB)]);

    const forA = dedupe(URL, post(SHOP_QUERY, { [INTERNAL_CONTEXT_HEADER]: tokenA }));
    const forB = dedupe(URL, post(SHOP_QUERY, { [INTERNAL_CONTEXT_HEADER]: tokenB }));
    await settle();
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const seller = call.init.headers?.[INTERNAL_CONTEXT_HEADER] === tokenA ? 'shp_a' : 'shp_b';
      answer(call, JSON.stringify({ data: { shop: { id: seller } } }));
    }
    expect(await (await forA).json()).toEqual({ data: { shop: { id: 'shp_a' } } });
    expect(await (await forB).json()).toEqual({ data: { shop: { id: 'shp_b' } } });
  });

  it('fetches separately when an authorization header, the body or the URL differs', async () => {
    const { fetcher, calls } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    void dedupe(URL, post(SHOP_QUERY, { authorization: 'Bearer a' }));
    void dedupe(URL, post(SHOP_QUERY, { authorization: 'Bearer b' }));
    void dedupe(URL, post(JSON.stringify({ query: 'query Dashboard__catalog__0{shop{id}}', variables: {} })));
    void dedupe('http://127.0.0.1:4102/graphql', post(SHOP_QUERY));
    await settle();
    expect(calls).toHaveLength(4);
  });

  it.each([
    ['a mutation', JSON.stringify({ query: 'mutation Place__orders__0{placeOrder{id}}' })],
    ['a subscription', JSON.stringify({ query: 'subscription{orderPlaced{id}}' })],
    ['a mutation whose query is not first in the body', JSON.stringify({ variables: {}, query: '\n  mutation{publish{id}}' })],
    ['a body that is not JSON', 'query{shop{id}}'],
  ])('never shares %s', async (_label, body) => {
    const { fetcher, calls } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    void dedupe(URL, post(body));
    void dedupe(URL, post(body));
    await settle();
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['the query shorthand', JSON.stringify({ query: '{ shop { id } }' })],
    ['a query after whitespace', JSON.stringify({ query: '\n\t query Q { shop { id } }' })],
    ['a query after a comment, not first in the body', JSON.stringify({ variables: {}, query: '# why\nquery { shop { id } }' })],
  ])('shares %s', async (_label, body) => {
    const { fetcher, calls } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    void dedupe(URL, post(body));
    void dedupe(URL, post(body));
    await settle();
    expect(calls).toHaveLength(1);
  });

  it('keeps nothing once the fetch has settled: the next identical query fetches again', async () => {
    const { fetcher, calls, answer } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    const first = dedupe(URL, post(SHOP_QUERY));
    await settle();
    answer(calls[0], '{"data":{"shop":{"id":"old"}}}');
    await first;

    const second = dedupe(URL, post(SHOP_QUERY));
    await settle();
    expect(calls).toHaveLength(2);
    answer(calls[1], '{"data":{"shop":{"id":"new"}}}');
    expect(await (await second).json()).toEqual({ data: { shop: { id: 'new' } } });
  });

  it('passes a failure to every waiting caller, and the next call fetches again', async () => {
    const { fetcher, calls, answer } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);
    const timeout = Object.assign(new Error('Subgraph "catalog" did not answer within 5000 ms'), {
      extensions: { code: 'SUBGRAPH_TIMEOUT' },
    });

    const waiting = [1, 2, 3].map(() => dedupe(URL, post(SHOP_QUERY)));
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].reject(timeout);
    for (const call of waiting) await expect(call).rejects.toBe(timeout);

    const retry = dedupe(URL, post(SHOP_QUERY));
    await settle();
    expect(calls).toHaveLength(2);
    answer(calls[1], '{"data":{}}');
    await expect((await retry).text()).resolves.toBe('{"data":{}}');
  });

  it('shares an error status as it is, for the gateway to report to each caller', async () => {
    const { fetcher, calls, answer } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    const pending = [1, 2].map(() => dedupe(URL, post(SHOP_QUERY)));
    await settle();
    answer(calls[0], '{"errors":[{"message":"bad gateway"}]}', 502);
    for (const response of await Promise.all(pending)) {
      expect(response.ok).toBe(false);
      expect(response.status).toBe(502);
      expect(await response.text()).toBe('{"errors":[{"message":"bad gateway"}]}');
    }
  });

  it('does not share a call that carries its own abort signal', async () => {
    const { fetcher, calls } = fakeFetcher();
    const dedupe = createInflightDedupeFetcher(fetcher);

    void dedupe(URL, { ...post(SHOP_QUERY), signal: new AbortController().signal });
    void dedupe(URL, { ...post(SHOP_QUERY), signal: new AbortController().signal });
    await settle();
    expect(calls).toHaveLength(2);
  });
});
