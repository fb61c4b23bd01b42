import { Identity } from '@sc/auth';
import { subgraphUrlOf } from '@sc/stack';
import { GraphQLResult, TestStack, callSubgraph } from '@sc/testing';

// Marketing's GraphQL API as its e2e specs call it (straight to the subgraph, as the gateway would), with a
// typed view of each shape the specs read: `T` of a call is the `data` its query selects.

/** Calls the marketing subgraph as `identity`; `T` is the shape of `data` the query selects. */
export type MarketingCall = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) => Promise<GraphQLResult<T>>;

/** A caller of the marketing subgraph of `stack()` (read at each call, so a spec may declare it before its stack starts). */
export function marketingCaller(stack: () => TestStack): MarketingCall {
  return <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) => {
    const { settings } = stack();
    return callSubgraph<T>(subgraphUrlOf(settings, 'marketing'), settings.internalSigningKey, identity, query, variables);
  };
}

export type PromotionStatus = 'DRAFT' | 'NOT_START' | 'ONGOING' | 'EXPIRED' | 'DEACTIVATED' | 'NOT_EFFECTIVE';

/** A promotion with every field (its products by id); a query's view picks the fields it selects. */
export interface PromotionView {
  id: string;
  title: string;
  discountBasisPoints: number;
  status: PromotionStatus;
  startsAt: string;
  endsAt: string;
  products: Array<{ id: string }>;
}

/** `PageInfo { hasNextPage endCursor }`. */
export interface PageInfoView {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A connection's `nodes` (of the selection `N`) and `pageInfo`. */
export interface ConnectionView<N> {
  nodes: N[];
  pageInfo: PageInfoView;
}

/** What `_entities` answers: one entry per representation, each of the selection `T`. */
export interface Entities<T> {
  _entities: T[];
}

/** `createPromotion { id title discountBasisPoints status startsAt endsAt products { id } }`. */
export interface CreatePromotionResult {
  createPromotion: PromotionView;
}

/** A product's `activePromotions { id status discountBasisPoints }`. */
export interface ProductPromotions {
  id: string;
  activePromotions: Array<Pick<PromotionView, 'id' | 'status' | 'discountBasisPoints'>>;
}

/** A shop's page of `promotions { nodes { id status } pageInfo { hasNextPage endCursor } }`. */
export interface ShopPromotionsPage {
  promotions: ConnectionView<Pick<PromotionView, 'id' | 'status'>>;
}

/** Row counts of everything a marketing command writes (count(*) arrives as a string), to prove a refused one wrote nothing. */
export interface WriteCountsRow {
  promotions: string;
  promotion_products: string;
  outbox: string;
  keys: string;
}
