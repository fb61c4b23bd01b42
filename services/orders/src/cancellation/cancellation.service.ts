import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requireRole, currentSellerId } from '@sc/auth';
import { newId } from '@sc/db';
import { AppError, InvalidTransitionError, NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { OrderCommands } from '../order/lifecycle/order-commands';
import { applyTransition, cancelWholeOrder, lockLines } from '../order/lifecycle/order-transition';
import {
  BuyerCancelOrderInput, CancellationDecisionInput, RejectCancellationInput, RequestLineCancellationInput, SellerCancelOrderInput,
} from '../order/lifecycle/lifecycle.inputs';
import { checkCommand, checkLineQuantities, checkReason } from '../order/lifecycle/lifecycle.validation';
import { Cause } from '../order/order.events';
import { cancellationRespondBy } from '../order/policy/deadlines';
import { policyOf } from '../order/policy/region-policy';
import { OrderEntity } from '../order/order.entity';
import { scheduleTimer } from '../scheduler/timer-schedule';
import { TimerKind } from '../scheduler/order-timer.entity';
import { CancellationRequestEntity } from './cancellation-request.entity';
import { CancellationStatus } from './cancellation-status';
import { approveLineRequest } from './line-request';

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
      const order = await this.lockForRequest(manager, input.orderId, buyer.userId, now, cause);
      await this.openRequest(manager, order, buyer.userId, input.reason, null, now);
      return order.id;
    });
  }

  /** Buyer asks to cancel some units of an order awaiting shipment; until answered they are neither packed nor shipped. */
  requestLines(input: RequestLineCancellationInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkReason(input.reason), ...checkLineQuantities(input.lines)]);
    return this.commands.run('requestLineCancellation', 'BUYER', input, async ({ manager, now, cause }) => {
      const order = await this.lockForRequest(manager, input.orderId, buyer.userId, now, cause);
      const lines = new Map((await lockLines(manager, order.id)).map((l) => [l.id, l]));
      const problems = input.lines.flatMap((req, i) => {
        const line = lines.get(req.orderLineId);
        if (!line) throw new NotFoundError('OrderLine', req.orderLineId);
        const open = line.quantity - line.cancelledQuantity - line.packedQuantity;
        return req.quantity > open ? [{ field: `lines[${i}].quantity`, message: `only ${open} unpacked units can be cancelled` }] : [];
      });
      if (problems.length) throw new ValidationFailedError(problems);
      const live = [...lines.values()].reduce((sum, l) => sum + l.quantity - l.cancelledQuantity, 0);
      if (input.lines.reduce((sum, l) => sum + l.quantity, 0) === live) {
        throw new ValidationFailedError([{ field: 'lines', message: 'asks for every unit: request cancellation of the whole order instead' }]);
      }
      await this.openRequest(manager, order, buyer.userId, input.reason, input.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })), now);
      return order.id;
    });
  }

  private async lockForRequest(manager: EntityManager, orderId: string, buyerId: string, now: Date, cause: Cause): Promise<OrderEntity> {
    const order = await this.commands.lockOrder(manager, orderId, { buyerId });
    if (order.openCancellationId) throw new AppError('CONFLICT', 'This order already has an open cancellation request');
    await applyTransition(manager, order, 'requestCancellation', 'BUYER', now, cause);
    return order;
  }

  private async openRequest(
    manager: EntityManager,
    order: OrderEntity,
    buyerId: string,
    reason: string,
    lines: CancellationRequestEntity['lines'],
    now: Date,
  ): Promise<void> {
    const request = manager.create(CancellationRequestEntity, {
      id: newId('ccr'),
      orderId: order.id,
      sellerId: order.sellerId,
      buyerId,
      status: CancellationStatus.CANCELLATION_REQUEST_PENDING,
      reason: reason.trim(),
      lines,
      rejectReason: null,
      respondBy: cancellationRespondBy(now, policyOf(order.region)),
      requestedAt: now,
      decidedAt: null,
    });
    await manager.insert(CancellationRequestEntity, request);
    await manager.update(OrderEntity, { id: order.id }, { openCancellationId: request.id });
    order.openCancellationId = request.id;
    await scheduleTimer(manager, order, TimerKind.CANCELLATION_AUTO_APPROVE, request.respondBy, request.id);
  }

  /** Seller approves a pending request: the whole order, or the requested units, cancelled at the buyer's request. */
  approve(input: CancellationDecisionInput): Promise<string> {
    const sellerId = currentSellerId();
    assertValid(checkCommand(input, 'cancellationId', input.cancellationId, 'ccr'));
    return this.commands.run('approveCancellation', 'SELLER_STAFF', input, async ({ manager, now, cause }) => {
      const request = await this.lockPending(manager, input.cancellationId, sellerId, 'approve');
      const order = await this.commands.lockOrder(manager, request.orderId, { sellerId });
      const reason = `BUYER_REQUEST: ${request.reason}`;
      if (request.lines) await approveLineRequest(manager, order, request, 'approveLineCancellation', 'SELLER_STAFF', reason, now, cause);
      else await cancelWholeOrder(manager, order, 'approveCancellation', 'SELLER_STAFF', 'BUYER', reason, now, cause);
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

