import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import { PlaceOrderInput } from './place-order.input';

/** Most units of one line; a guard against typos and abuse, not a business rule. */
export const MAX_LINE_QUANTITY = 999;
/** Most lines in one order. */
export const MAX_ORDER_LINES = 50;

/** Ids of other services (creators, content, campaigns) recorded for attribution; opaque here. */
const ATTRIBUTION_ID = /^[A-Za-z0-9_-]{1,100}$/;

const ID_PATTERN = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9_]{1,60}$`);

/** Problems of a cart: the shop and its lines (what a quote and an order both take). */
export function validateCart(input: { shopId: string; lines: ReadonlyArray<{ skuId: string; quantity: number }> }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!ID_PATTERN('shp').test(input.shopId)) problems.push({ field: 'shopId', message: 'is not a shop id' });
  if (input.lines.length < 1 || input.lines.length > MAX_ORDER_LINES) {
    problems.push({ field: 'lines', message: `must have 1 to ${MAX_ORDER_LINES} lines` });
  }
  input.lines.forEach((line, i) => {
    if (!ID_PATTERN('sku').test(line.skuId)) problems.push({ field: `lines[${i}].skuId`, message: 'is not a SKU id' });
    problems.push(...checkInteger(`lines[${i}].quantity`, line.quantity, 1, MAX_LINE_QUANTITY));
  });
  return problems;
}

/** Every problem of a place-order input; empty when valid. */
export function validatePlaceOrder(input: PlaceOrderInput): FieldProblem[] {
  const problems: FieldProblem[] = [...checkIdempotencyKey('idempotencyKey', input.idempotencyKey), ...validateCart(input)];
  input.lines.forEach((line, i) => {
    for (const field of ['creatorId', 'contentId', 'adCampaignId'] as const) {
      const value = line[field];
      if (value !== null && value !== undefined && !ATTRIBUTION_ID.test(value)) problems.push({ field: `lines[${i}].${field}`, message: 'is not a valid id' });
    }
  });
  if (input.recipient) {
    problems.push(...checkText('recipient.name', input.recipient.name, 1, 200));
    problems.push(...checkText('recipient.address', input.recipient.address, 1, 500));
    if (!/^\+?[0-9 ()-]{6,30}$/.test(input.recipient.phone)) problems.push({ field: 'recipient.phone', message: 'is not a phone number' });
  }
  return problems;
}
