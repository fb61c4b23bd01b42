import { Injectable } from '@nestjs/common';
import { staffSellerId } from '@sc/auth';
import { NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { applyTransition, lockLines, lockOrder } from '../order/lifecycle/order-transition';
import { CancelOrderLinesInput } from '../order/lifecycle/lifecycle.inputs';
import { checkCommand, checkLineQuantities } from '../order/lifecycle/lifecycle.validation';
import { cancelLineUnits } from '../order/lifecycle/cancel-line-units';
import { unitsHeldByRequest } from './line-request';

/**
 * Seller cancels some units of some lines before they are packed; the rest of the order stays alive.
 * Cancelling everything that is left is a whole-order cancellation (sellerCancelOrder) instead.
 */
@Injectable()
export class CancelLinesService {
  constructor(private readonly runner: CommandRunner) {}

  cancelLines(input: CancelOrderLinesInput): Promise<string> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkLineQuantities(input.lines)]);
    return this.runner.run({ operation: 'cancelOrderLines', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input }, async (tx) => {
      const order = await lockOrder(tx.manager, input.orderId, { sellerId });
      const lines = await lockLines(tx.manager, order.id);
      const byId = new Map(lines.map((l) => [l.id, l]));
      const held = await unitsHeldByRequest(tx.manager, order);
      const problems = input.lines.flatMap((req, i) => {
        const line = byId.get(req.orderLineId);
        if (!line) throw new NotFoundError('OrderLine', req.orderLineId);
        const open = line.quantity - line.cancelledQuantity - line.packedQuantity - (held.get(line.id) ?? 0);
        return req.quantity > open ? [{ field: `lines[${i}].quantity`, message: `only ${open} unpacked units can be cancelled` }] : [];
      });
      if (problems.length) throw new ValidationFailedError(problems);
      const remaining = lines.reduce((sum, l) => sum + l.quantity - l.cancelledQuantity, 0) - input.lines.reduce((sum, l) => sum + l.quantity, 0);
      if (remaining === 0) throw new ValidationFailedError([{ field: 'lines', message: 'cancels every unit: cancel the whole order instead' }]);
      await applyTransition(tx, order, 'cancelLines', 'SELLER_STAFF');
      const units = new Map(input.lines.map((req) => [req.orderLineId, req.quantity]));
      await cancelLineUnits(tx, order, lines, units, `SELLER_FAULT: ${input.reason}`);
      return order.id;
    });
  }
}
