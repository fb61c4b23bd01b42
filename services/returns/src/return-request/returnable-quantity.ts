import { FieldProblem } from '@sc/graphql';
import { RequestReturnLineInput } from './request-return.input';

/** An order line as returns knows it: units ordered, shipped, cancelled, and held by open return requests. */
export interface ReturnableLine {
  orderLineId: string;
  ordered: number;
  shipped: number;
  cancelled: number;
  alreadyRequested: number;
}

/**
 * Units of a line the buyer may still ask to return or refund: units that shipped and were not cancelled,
 * minus those open requests already hold. Orders only cancels unshipped units, so shipped and cancelled never
 * overlap; taking the smaller of "shipped" and "ordered − cancelled" keeps the bound right even when the
 * two facts disagree (a cancelled unit is refunded by its cancellation, so after-sales must never count it).
 */
export function returnableQuantity(line: ReturnableLine): number {
  return Math.max(0, Math.min(line.shipped, line.ordered - line.cancelled) - line.alreadyRequested);
}

/** True when some unit of the order has shipped: before that, the buyer cancels instead (orders). */
export const hasShippedUnits = (lines: ReturnableLine[]): boolean => lines.some((l) => Math.min(l.shipped, l.ordered - l.cancelled) > 0);

/**
 * Problems with the requested lines against the order: every line must belong to the order, and its
 * quantity must not exceed its returnable quantity.
 */
export function checkReturnableLines(requested: RequestReturnLineInput[], orderLines: ReturnableLine[]): FieldProblem[] {
  const byId = new Map(orderLines.map((l) => [l.orderLineId, l]));
  const problems: FieldProblem[] = [];
  requested.forEach((line, i) => {
    const orderLine = byId.get(line.orderLineId);
    if (!orderLine) {
      problems.push({ field: `lines[${i}].orderLineId`, message: 'is not a line of this order' });
      return;
    }
    const returnable = returnableQuantity(orderLine);
    if (line.quantity > returnable) {
      problems.push({ field: `lines[${i}].quantity`, message: `must be at most ${returnable} (the shipped units not yet in a return request)` });
    }
  });
  return problems;
}
