import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import { RequestReturnInput } from './request-return.input';
import { ReturnReason } from './return-reason';

/** Most units of one line; a guard against typos and abuse, the order line bounds it further. */
export const MAX_LINE_QUANTITY = 999;
/** Most lines in one request (an order has at most 50). */
export const MAX_RETURN_LINES = 50;
/** Longest free-text reason. */
export const MAX_REASON_TEXT = 500;

const ID_PATTERN = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9_]{1,60}$`);

/** Every problem of a request-return input that needs no data; empty when valid. */
export function validateRequestReturn(input: RequestReturnInput): FieldProblem[] {
  const problems: FieldProblem[] = [...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)];
  if (!ID_PATTERN('ord').test(input.orderId)) problems.push({ field: 'orderId', message: 'is not an order id' });
  if (input.reason === ReturnReason.OTHER && (input.reasonText === null || input.reasonText === undefined)) {
    problems.push({ field: 'reasonText', message: 'is required when the reason is OTHER' });
  } else {
    problems.push(...checkText('reasonText', input.reasonText, input.reasonText == null ? 0 : 1, MAX_REASON_TEXT));
  }
  if (input.lines.length < 1 || input.lines.length > MAX_RETURN_LINES) {
    problems.push({ field: 'lines', message: `must have 1 to ${MAX_RETURN_LINES} lines` });
  }
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (!ID_PATTERN('oln').test(line.orderLineId)) problems.push({ field: `lines[${i}].orderLineId`, message: 'is not an order line id' });
    else if (seen.has(line.orderLineId)) problems.push({ field: `lines[${i}].orderLineId`, message: 'appears more than once' });
    seen.add(line.orderLineId);
    problems.push(...checkInteger(`lines[${i}].quantity`, line.quantity, 1, MAX_LINE_QUANTITY));
  });
  return problems;
}
