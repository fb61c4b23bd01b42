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
  /** Cursors into the big shop's product list, so each catalog-control request reads a different page. */
  productCursors: string[];
  /** Cursors of the big shop's 200 newest orders: the order lists start after one of them in turn. */
  orderCursors: string[];
}

/** How many different end days the dashboard workloads rotate over. */
const DASHBOARD_END_DAYS = 20;

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
      // Ranges end on one of the last 20 days in turn: sellers rarely send byte-identical dashboards at the same
      // moment, and identical requests would let both gateways' de-duplication share subgraph calls.
      request: (n: number) => ({ query: DASHBOARD_QUERY, variables: { range: dashboardRange(days, n % DASHBOARD_END_DAYS) } }),
    })),
    ...[10, 50, 200].map((first) => ({
      key: `order-list-${first}`,
      label: `order list with lines, products, SKUs, first ${first}`,
      peer: true,
      fixedRate: first >= 200 ? 5 : first >= 50 ? 10 : 20,
      // The first request reads the newest page; the others start after one of the 200 newest orders.
      request: (n: number) => ({ query: ORDER_LIST_QUERY, variables: { first, after: n === 0 ? null : pick(samples.orderCursors, n) } }),
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
      label: 'control: a page of 20 products with SKUs, catalog subgraph only',
      peer: false,
      fixedRate: 20,
      request: (n) => ({ query: PRODUCTS_ONLY_QUERY, variables: { after: pick(samples.productCursors, n) } }),
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

/**
 * A captured subgraph request body sent straight to the subgraph with a gateway-style internal context. Given the
 * workload, the n-th body carries the n-th request's variables (the gateway forwards a root fetch's variables as
 * they are), so the subgraph sees the same stream of distinct requests through either path and the gateway's
 * de-duplication of identical in-flight calls has nothing to share.
 */
export function directTarget(url: string, bodies: string[], tokens: BenchTokens, workload?: Workload): LoadTarget {
  let n = 0;
  const template = JSON.parse(bodies[0]) as { query: string; variables?: Record<string, unknown>; operationName?: string };
  const bodyOf = (i: number): string => {
    if (!workload || !template.variables) return bodies[i % bodies.length];
    const variables = { ...template.variables };
    for (const [name, value] of Object.entries(workload.request(i).variables ?? {})) if (name in variables) variables[name] = value;
    return JSON.stringify({ ...template, variables });
  };
  return { url, next: () => ({ body: bodyOf(n++), headers: { [INTERNAL_CONTEXT_HEADER]: tokens.sellerInternal } }) };
}
