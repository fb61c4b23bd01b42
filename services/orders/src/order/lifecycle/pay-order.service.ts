import { Injectable } from '@nestjs/common';
import { requireRole } from '@sc/auth';
import { assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { OrderCommands } from './order-commands';
import { applyTransition, liveQuantities, lockLines } from './order-transition';
import { OrderCommandInput } from './lifecycle.inputs';
import { checkCommand } from './lifecycle.validation';
import { orderPaid } from '../order.events';
import { paymentDeadlines } from '../policy/deadlines';
import { OrderPolicies } from '../policy/policy-overrides';
import { scheduleTimer } from '../../scheduler/timer-schedule';
import { TimerKind } from '../../scheduler/order-timer.entity';

/**
 * Buyer payment (simulated: it always succeeds). UNPAID → ON_HOLD, sets the payment deadlines from the
 * region policy (with this environment's overrides), schedules the remorse-window end and the SLA auto-cancel, writes `order.paid`.
 */
@Injectable()
export class PayOrderService {
  constructor(
    private readonly commands: OrderCommands,
    private readonly policies: OrderPolicies,
  ) {}

  pay(input: OrderCommandInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid(checkCommand(input, 'orderId', input.orderId, 'ord'));
    return this.commands.run('payOrder', 'BUYER', input, async ({ manager, now, cause }) => {
      const order = await this.commands.lockOrder(manager, input.orderId, { buyerId: buyer.userId });
      const deadlines = paymentDeadlines(now, this.policies.of(order.region));
      await applyTransition(manager, order, 'pay', 'BUYER', now, cause, {
        reason: 'PAYMENT_SUCCEEDED',
        extra: { paidAt: now, remorseEndsAt: deadlines.remorseEndsAt, shipByAt: deadlines.shipByAt, autoCancelAt: deadlines.autoCancelAt },
      });
      await scheduleTimer(manager, order, TimerKind.REMORSE_END, deadlines.remorseEndsAt);
      await scheduleTimer(manager, order, TimerKind.AUTO_CANCEL, deadlines.autoCancelAt);
      const lines = await lockLines(manager, order.id);
      await appendToOutbox(manager, 'orders.order.v1', [orderPaid(order, liveQuantities(lines), cause)]);
      return order.id;
    });
  }
}
