import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import { OrderLineQuantityInput } from './lifecycle.inputs';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../place-order.validation';

const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9_]{1,60}$`);

/** Problems with an id field of the given prefix. */
export const checkId = (field: string, value: string, prefix: string): FieldProblem[] =>
  ID(prefix).test(value) ? [] : [{ field, message: `is not a ${prefix} id` }];

/** Problems shared by every command: the target id and the idempotency key. */
export const checkCommand = (input: { idempotencyKey: string }, idField: string, id: string, prefix: string): FieldProblem[] => [
  ...checkId(idField, id, prefix),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/** Problems with a free-text reason. */
export const checkReason = (value: string): FieldProblem[] => checkText('reason', value, 1, 500);

/** Problems with a list of (line, quantity): 1..50 distinct lines, each 1..999 units. */
export function checkLineQuantities(lines: OrderLineQuantityInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (lines.length < 1 || lines.length > MAX_ORDER_LINES) problems.push({ field: 'lines', message: `must have 1 to ${MAX_ORDER_LINES} lines` });
  if (new Set(lines.map((l) => l.orderLineId)).size !== lines.length) problems.push({ field: 'lines', message: 'must not repeat a line' });
  lines.forEach((line, i) => {
    problems.push(...checkId(`lines[${i}].orderLineId`, line.orderLineId, 'oln'));
    problems.push(...checkInteger(`lines[${i}].quantity`, line.quantity, 1, MAX_LINE_QUANTITY));
  });
  return problems;
}

/** Problems with a carrier name and tracking number. */
export const checkShipment = (carrier: string, trackingNumber: string): FieldProblem[] => [
  ...checkText('carrier', carrier, 1, 100),
  ...(/^[A-Za-z0-9-]{4,40}$/.test(trackingNumber) ? [] : [{ field: 'trackingNumber', message: 'must be 4 to 40 letters, digits or dashes' }]),
];
