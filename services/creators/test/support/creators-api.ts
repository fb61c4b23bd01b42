import { Identity } from '@sc/auth';
import { subgraphUrlOf } from '@sc/stack';
import { GraphQLResult, TestStack, callSubgraph } from '@sc/testing';

// Creators' GraphQL API as its e2e specs call it (straight to the subgraph, as the gateway would), with a
// typed view of each shape the specs read: `T` of a call is the `data` its query selects.

/** Calls the creators subgraph as `identity`; `T` is the shape of `data` the query selects. */
export type CreatorsCall = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) => Promise<GraphQLResult<T>>;

/** A caller of the creators subgraph of `stack()` (read at each call, so a spec may declare it before its stack starts). */
export function creatorsCaller(stack: () => TestStack): CreatorsCall {
  return <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) => {
    const { settings } = stack();
    return callSubgraph<T>(subgraphUrlOf(settings, 'creators'), settings.internalSigningKey, identity, query, variables);
  };
}

/** A creator of the directory with every field; a query's view picks the fields it selects. */
export interface CreatorView {
  id: string;
  handle: string;
  displayName: string;
  followerCount: number;
  categories: string[];
}

export type CollaborationStatus = 'ACTIVE' | 'ENDED';

/** A collaboration with every scalar field and its creator's id and handle; a query's view picks the fields it selects. */
export interface CollaborationView {
  id: string;
  status: CollaborationStatus;
  commissionRateBps: number;
  createdAt: string;
  creator: Pick<CreatorView, 'id' | 'handle'>;
  product: { id: string };
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

/** What `_entities` answers: one entry per representation, each of the selection `T` (include `null` in `T` where one may not resolve). */
export interface Entities<T> {
  _entities: T[];
}

/** `registerCreator { id handle displayName followerCount categories }`. */
export interface RegisterCreatorResult {
  registerCreator: CreatorView;
}

/** `createCollaboration { id status commissionRateBps createdAt creator { id handle } product { id } }`. */
export interface CreateCollaborationResult {
  createCollaboration: CollaborationView;
}

/** Row counts of everything a creators command writes (count(*) arrives as a string), to prove a refused one wrote nothing. */
export interface WriteCountsRow {
  creators: string;
  collaborations: string;
  outbox: string;
  keys: string;
}
