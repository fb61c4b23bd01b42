import { INTERNAL_CONTEXT_HEADER } from '@sc/auth';
import { BenchRequest, LoadTarget } from '../load/run-load';
import { BenchTokens } from '../stack/tokens';
import { analystCorpus, uniqueText } from './analyst-corpus';
import { DASHBOARD_QUERY, ORDER_DETAIL_QUERY, ORDER_LIST_QUERY, ORDER_ONLY_QUERY, PRODUCTS_ONLY_QUERY, dashboardRange } from './queries';

/** A read workload: the n-th request's operation and variables. */
export interface Workload {
  key: string;
  label: string;
  /** Also run against Hive Gateway. */
  peer: boolean;
  /** Open-loop rate of the fixed-rate phase. */
  fixedRate: number;
  request: (n: number) => { query: string; variables?: Record<string, unknown> };
}

/** Ids the workloads pick from (so consecutive requests are not byte-identical where that matters). */
export interface Samples {
  /** Big-shop orders that have return requests (the order detail reads all four satellites). */
  detailOrderIds: string[];
  skuIds: string[];
}

export function buildWorkloads(samples: Samples): Workload[] {
  const corpus = analystCorpus(50);
  const pick = <T>(list: T[], n: number): T => list[n % list.length];
  let unique = 0;
  return [
    ...[7, 30, 365].map((days) => ({
      key: `dashboard-${days}d`,
      label: `home dashboard, ${days} days`,
      peer: true,
      fixedRate: 20,
      request: () => ({ query: DASHBOARD_QUERY, variables: { range: dashboardRange(days) } }),
    })),
    ...[10, 50, 200].map((first) => ({
      key: `order-list-${first}`,
      label: `order list with lines, products, SKUs, first ${first}`,
      peer: true,
      fixedRate: first >= 200 ? 5 : first >= 50 ? 10 : 20,
      request: () => ({ query: ORDER_LIST_QUERY, variables: { first } }),
    })),
    {
      key: 'order-detail',
      label: 'order detail (orders, catalog, returns, marketing, creators)',
      peer: true,
      fixedRate: 20,
      request: (n) => ({ query: ORDER_DETAIL_QUERY, variables: { id: pick(samples.detailOrderIds, n) } }),
    },
    {
      key: 'analyst-warm',
      label: `analyst corpus (${corpus.length} distinct queries), warm plan cache`,
      peer: true,
      fixedRate: 20,
      request: (n) => ({ query: pick(corpus, n) }),
    },
    {
      key: 'analyst-cold',
      label: 'analyst corpus, unique text per request (plan cache miss)',
      peer: true,
      fixedRate: 20,
      request: (n) => ({ query: uniqueText(pick(corpus, n), (unique += 1)) }),
    },
    {
      key: 'control-orders-only',
      label: 'control: order by id, orders subgraph only',
      peer: false,
      fixedRate: 20,
      request: (n) => ({ query: ORDER_ONLY_QUERY, variables: { id: pick(samples.detailOrderIds, n) } }),
    },
    {
      key: 'control-catalog-only',
      label: 'control: 20 products with SKUs, catalog subgraph only',
      peer: false,
      fixedRate: 20,
      request: () => ({ query: PRODUCTS_ONLY_QUERY }),
    },
  ];
}

/** Which server a load target calls and how it authenticates. */
export type Via = 'ours' | 'hive';

/** Requests of a workload for our gateway (client JWT) or Hive (pre-signed internal context, forwarded as is). */
export function gatewayTarget(url: string, via: Via, workload: Workload, tokens: BenchTokens): LoadTarget {
  let n = 0;
  return {
    url,
    next: (): BenchRequest => {
      const body = JSON.stringify(workload.request(n++));
      const headers: Record<string, string> =
        via === 'ours' ? { authorization: `Bearer ${tokens.sellerToken}` } : { [INTERNAL_CONTEXT_HEADER]: tokens.sellerInternal };
      return { body, headers };
    },
  };
}

/** A captured subgraph request body sent straight to the subgraph with a gateway-style internal context. */
export function directTarget(url: string, bodies: string[], tokens: BenchTokens): LoadTarget {
  let n = 0;
  return { url, next: () => ({ body: bodies[n++ % bodies.length], headers: { [INTERNAL_CONTEXT_HEADER]: tokens.sellerInternal } }) };
}
