import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requireRole, currentSellerId } from '@sc/auth';
import { newId } from '@sc/db';
import { AppError, InvalidTransitionError, NotFoundError, assertValid } from '@sc/graphql';
import { OrderCommands } from '../order/lifecycle/order-commands';
import { applyTransition, cancelWholeOrder } from '../order/lifecycle/order-transition';
import { BuyerCancelOrderInput, CancellationDecisionInput, RejectCancellationInput, SellerCancelOrderInput } from '../order/lifecycle/lifecycle.inputs';
import { checkCommand, checkReason } from '../order/lifecycle/lifecycle.validation';
import { cancellationRespondBy } from '../order/policy/deadlines';
import { policyOf } from '../order/policy/region-policy';
import { OrderEntity } from '../order/order.entity';
import { scheduleTimer } from '../scheduler/timer-schedule';
import { TimerKind } from '../scheduler/order-timer.entity';
import { CancellationRequestEntity } from './cancellation-request.entity';
import { CancellationStatus } from './cancellation-status';

/** Whole-order cancellations: by the buyer (remorse window / unpaid), by request, or by the seller. */
@Injectable()
export class CancellationService {
  constructor(private readonly commands: OrderCommands) {}

  /** Buyer cancels without approval while UNPAID or ON_HOLD. */
  buyerCancel(input: BuyerCancelOrderInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkReason(input.reason)]);
    return this.commands.run('cancelOrder', 'BUYER', input, async ({ manager, now, cause }) => {
      const order = await this.commands.lockOrder(manager, input.orderId, { buyerId: buyer.userId });
      await cancelWholeOrder(manager, order, 'buyerCancel', 'BUYER', 'BUYER', input.reason.trim(), now, cause);
      return order.id;
    });
  }

  /** Buyer asks to cancel an order awaiting shipment; the seller has until `respondBy` to answer. */
  request(input: BuyerCancelOrderInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkReason(input.reason)]);
    return this.commands.run('requestCancellation', 'BUYER', input, async ({ manager, now, cause }) => {
      const order = await this.commands.lockOrder(manager, input.orderId, { buyerId: buyer.userId });
      if (order.openCancellationId) throw new AppError('CONFLICT', 'This order already has an open cancellation request');
      await applyTransition(manager, order, 'requestCancellation', 'BUYER', now, cause);
      const request = manager.create(CancellationRequestEntity, {
        id: newId('ccr'),
        orderId: order.id,
        sellerId: order.sellerId,
        buyerId: buyer.userId,
        status: CancellationStatus.CANCELLATION_REQUEST_PENDING,
        reason: input.reason.trim(),
        rejectReason: null,
        respondBy: cancellationRespondBy(now, policyOf(order.region)),
        requestedAt: now,
        decidedAt: null,
      });
      await manager.insert(CancellationRequestEntity, request);
      await manager.update(OrderEntity, { id: order.id }, { openCancellationId: request.id });
      order.openCancellationId = request.id;
      await scheduleTimer(manager, order, TimerKind.CANCELLATION_AUTO_APPROVE, request.respondBy, request.id);
      return order.id;
    });
  }

  /** Seller approves a pending request: the whole order is cancelled at the buyer's request. */
  approve(input: CancellationDecisionInput): Promise<string> {
    const sellerId = currentSellerId();
    assertValid(checkCommand(input, 'cancellationId', input.cancellationId, 'ccr'));
    return this.commands.run('approveCancellation', 'SELLER_STAFF', input, async ({ manager, now, cause }) => {
      const request = await this.lockPending(manager, input.cancellationId, sellerId, 'approve');
      const order = await this.commands.lockOrder(manager, request.orderId, { sellerId });
      await cancelWholeOrder(manager, order, 'approveCancellation', 'SELLER_STAFF', 'BUYER', `BUYER_REQUEST: ${request.reason}`, now, cause);
      return order.id;
    });
  }

  /** Seller refuses a pending request; the order carries on. */
  reject(input: RejectCancellationInput): Promise<string> {
    const sellerId = currentSellerId();
    assertValid([...checkCommand(input, 'cancellationId', input.cancellationId, 'ccr'), ...checkReason(input.reason)]);
    return this.commands.run('rejectCancellation', 'SELLER_STAFF', input, async ({ manager, now, cause }) => {
      const request = await this.lockPending(manager, input.cancellationId, sellerId, 'reject');
      const order = await this.commands.lockOrder(manager, request.orderId, { sellerId });
      await applyTransition(manager, order, 'rejectCancellation', 'SELLER_STAFF', now, cause, { extra: { openCancellationId: null } });
      await manager.update(
        CancellationRequestEntity,
        { id: request.id },
        { status: CancellationStatus.CANCELLATION_REQUEST_CANCEL, rejectReason: input.reason.trim(), decidedAt: now },
      );
      return order.id;
    });
  }

  /** Seller cancels the whole order with a seller-fault reason. */
  sellerCancel(input: SellerCancelOrderInput): Promise<string> {
    const sellerId = currentSellerId();
    assertValid(checkCommand(input, 'orderId', input.orderId, 'ord'));
    return this.commands.run('sellerCancelOrder', 'SELLER_STAFF', input, async ({ manager, now, cause }) => {
      const order = await this.commands.lockOrder(manager, input.orderId, { sellerId });
      await cancelWholeOrder(manager, order, 'sellerCancel', 'SELLER_STAFF', 'SELLER', `SELLER_FAULT: ${input.reason}`, now, cause);
      return order.id;
    });
  }

  private async lockPending(manager: EntityManager, id: string, sellerId: string, action: string) {
    const request = await manager
      .getRepository(CancellationRequestEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.sellerId = :sellerId', { id, sellerId })
      .getOne();
    if (!request) throw new NotFoundError('CancellationRequest', id);
    if (request.status !== CancellationStatus.CANCELLATION_REQUEST_PENDING) throw new InvalidTransitionError('CancellationRequest', request.status, action);
    return request;
  }
}

