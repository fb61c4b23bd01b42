import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@sc/auth';
import { assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { applyTransition, lockLines, lockOrder, paidLines } from './order-transition';
import { OrderCommandInput } from './lifecycle.inputs';
import { checkCommand } from './lifecycle.validation';
import { orderPaid } from '../order.events';
import { paymentDeadlines } from '../policy/deadlines';
import { OrderPolicies } from '../policy/policy-overrides';
import { ORDER_TIMERS, OrderTimers, TimerKind } from '../order-timers';

/**
 * Buyer payment (simulated: it always succeeds). UNPAID → ON_HOLD, sets the payment deadlines from the
 * region policy (with this environment's overrides), schedules the remorse-window end and the SLA auto-cancel, writes `order.paid`.
 */
@Injectable()
export class PayOrderService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policies: OrderPolicies,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
  ) {}

  pay(input: OrderCommandInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid(checkCommand(input, 'orderId', input.orderId, 'ord'));
    return this.runner.run({ operation: 'payOrder', actor: 'BUYER', input }, async (tx) => {
      const order = await lockOrder(tx.manager, input.orderId, { buyerId: buyer.userId });
      const deadlines = paymentDeadlines(tx.now, this.policies.of(order.region));
      await applyTransition(tx, order, 'pay', 'BUYER', {
        reason: 'PAYMENT_SUCCEEDED',
        extra: { paidAt: tx.now, remorseEndsAt: deadlines.remorseEndsAt, shipByAt: deadlines.shipByAt, autoCancelAt: deadlines.autoCancelAt },
      });
      await this.timers.schedule(tx, order, TimerKind.REMORSE_END, deadlines.remorseEndsAt);
      await this.timers.schedule(tx, order, TimerKind.AUTO_CANCEL, deadlines.autoCancelAt);
      const lines = await lockLines(tx.manager, order.id);
      await tx.emit('orders.order.v1', [orderPaid(order, paidLines(lines, order.currencyCode.trim()), tx.cause)]);
      return order.id;
    });
  }
}
