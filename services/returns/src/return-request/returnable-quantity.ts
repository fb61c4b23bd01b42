import { FieldProblem } from '@sc/graphql';
import { RequestReturnLineInput } from './request-return.input';

/** An order line as returns knows it, with the units already held by open return requests. */
export interface ReturnableLine {
  orderLineId: string;
  ordered: number;
  alreadyRequested: number;
}

/**
 * Problems with the requested lines against the order: every line must belong to the order, and its
 * quantity must not exceed what was ordered minus what open requests already hold.
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
    const returnable = Math.max(0, orderLine.ordered - orderLine.alreadyRequested);
    if (line.quantity > returnable) {
      problems.push({ field: `lines[${i}].quantity`, message: `must be at most ${returnable} (the units not yet in a return request)` });
    }
  });
  return problems;
}
