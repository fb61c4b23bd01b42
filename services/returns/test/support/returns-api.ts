import { Identity } from '@sc/auth';
import { GraphQLResult, TestStack, callSubgraph, newIdempotencyKey } from '@sc/testing';
import { subgraphUrlOf } from '@sc/stack';

// Returns' GraphQL API as the e2e specs call it (straight to the subgraph, as the gateway would), with a
// typed view of each answer the specs read: one interface per selection below.

export type ReturnStatus =
  | 'RETURN_OR_REFUND_REQUEST_PENDING'
  | 'AWAITING_BUYER_RESPONSE'
  | 'AWAITING_BUYER_SHIP'
  | 'BUYER_SHIPPED_ITEM'
  | 'REJECT_RECEIVE_PACKAGE'
  | 'RETURN_OR_REFUND_REQUEST_REJECT'
  | 'RETURN_OR_REFUND_REQUEST_SUCCESS'
  | 'RETURN_OR_REFUND_REQUEST_COMPLETE'
  | 'RETURN_OR_REFUND_REQUEST_CANCEL'
  | 'RETURN_OR_REFUND_REQUEST_CLOSED';

export type ReturnRequestType = 'REFUND' | 'RETURN_AND_REFUND';

/** Units of one order line, as a request or a refund names them. */
export interface LineUnits {
  orderLineId: string;
  quantity: number;
}

/** The requestReturn mutation with the fields the tests read. */
export const REQUEST_RETURN = `mutation($input: RequestReturnInput!) {
  requestReturn(input: $input) { id status type reason reasonText order { id } lines { id orderLineId quantity } createdAt }
}`;

/** A return request as {@link REQUEST_RETURN} selects it. */
export interface RequestedReturn {
  id: string;
  status: ReturnStatus;
  type: ReturnRequestType;
  reason: string;
  reasonText: string | null;
  order: { id: string };
  lines: Array<LineUnits & { id: string }>;
  createdAt: string;
}

/** The approveRefund mutation with the whole refund. */
export const APPROVE_REFUND = `mutation($input: ReturnDecisionInput!) {
  approveRefund(input: $input) { id status type refund { id status amount { amountMinor currencyCode } subtotal { amountMinor } shippingFee { amountMinor } issuedAt lines { orderLineId quantity amount { amountMinor } } } }
}`;

/** A refund as {@link APPROVE_REFUND} selects it. */
export interface RefundView {
  id: string;
  status: 'PENDING' | 'SETTLED' | 'FAILED';
  amount: { amountMinor: string; currencyCode: string };
  subtotal: { amountMinor: string };
  shippingFee: { amountMinor: string };
  issuedAt: string;
  lines: Array<LineUnits & { amount: { amountMinor: string } }>;
}

/** A decided request as {@link APPROVE_REFUND} selects it. */
export interface DecidedReturn {
  id: string;
  status: ReturnStatus;
  type: ReturnRequestType;
  refund: RefundView | null;
}

/** The `_entities` query of the federation spec for one type's selection. */
export const entitiesQuery = (selection: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;

/** What `_entities` answers: one entry per representation, null for one it cannot resolve (or may not show). */
export interface Entities<T> {
  _entities: Array<T | null>;
}

/** A request's input as a test writes it: reason DAMAGED and a fresh idempotency key unless given. */
export type RequestInput = { orderId: string; lines: LineUnits[] } & Record<string, unknown>;

/** Calls returns as `identity`; `T` is the shape of `data` the query selects. */
export class ReturnsApi {
  constructor(private readonly stack: TestStack) {}

  call<T>(identity: Identity, query: string, variables?: unknown): Promise<GraphQLResult<T>> {
    return callSubgraph<T>(subgraphUrlOf(this.stack.settings, 'returns'), this.stack.settings.internalSigningKey, identity, query, variables);
  }

  requestReturn(identity: Identity, input: RequestInput): Promise<GraphQLResult<{ requestReturn: RequestedReturn }>> {
    return this.call(identity, REQUEST_RETURN, { input: { reason: 'DAMAGED', idempotencyKey: newIdempotencyKey(), ...input } });
  }

  approveRefund(identity: Identity, returnId: string, idempotencyKey = newIdempotencyKey()): Promise<GraphQLResult<{ approveRefund: DecidedReturn }>> {
    return this.call(identity, APPROVE_REFUND, { input: { returnId, idempotencyKey } });
  }

  /** `_entities` of `__typename` for `ids`, each answered with `selection` (the fields of `T`). */
  entities<T>(identity: Identity, typename: 'Order' | 'ReturnRequest' | 'Shop', selection: string, ids: string[]): Promise<GraphQLResult<Entities<T>>> {
    return this.call(identity, entitiesQuery(`... on ${typename} { ${selection} }`), { r: ids.map((id) => ({ __typename: typename, id })) });
  }
}

/** The data of a result that must have succeeded; throws with the errors otherwise. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors || result.data === undefined) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The `extensions` of a result's first error (a test that expects a refusal reads why). */
export function firstErrorExtensions(result: GraphQLResult<unknown>): Record<string, unknown> {
  const extensions = result.errors?.[0]?.extensions;
  if (!extensions) throw new Error(`Expected an error, got ${JSON.stringify(result)}`);
  return extensions;
}

/** The field problems of a VALIDATION_FAILED result. */
export function fieldErrors(result: GraphQLResult<unknown>): Array<{ field: string; message: string }> {
  const fields = firstErrorExtensions(result).fields;
  if (!Array.isArray(fields)) throw new Error(`No field errors in ${JSON.stringify(result.errors)}`);
  return fields as Array<{ field: string; message: string }>;
}
