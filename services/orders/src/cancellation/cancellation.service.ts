import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requireRole, staffSellerId } from '@sc/auth';
import { newId } from '@sc/db';
import { AppError, InvalidTransitionError, NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx, lockForUpdate } from '@sc/kit';
import { applyTransition, lockLines, lockOrder } from '../order/lifecycle/order-transition';
import {
  BuyerCancelOrderInput,
  CancellationDecisionInput,
  RejectCancellationInput,
  RequestLineCancellationInput,
  SellerCancelOrderInput,
} from '../order/lifecycle/lifecycle.inputs';
import { checkCommand, checkLineQuantities, checkReason } from '../order/lifecycle/lifecycle.validation';
import { cancellationRespondBy } from '../order/policy/deadlines';
import { policyOf } from '../order/policy/region-policy';
import { OrderEntity } from '../order/order.entity';
import { ORDER_TIMERS, OrderTimers, TimerKind } from '../order/order-timers';
import { CancellationRequestEntity } from './cancellation-request.entity';
import { CancellationStatus } from './cancellation-status';
import { approveLineRequest } from './line-request';
import { cancelWholeOrder } from './cancel-whole-order';

/** Whole-order cancellations: by the buyer (remorse window / unpaid), by request, or by the seller. */
@Injectable()
export class CancellationService {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
  ) {}

  /** Buyer cancels without approval while UNPAID or ON_HOLD. */
  buyerCancel(input: BuyerCancelOrderInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkReason(input.reason)]);
    return this.runner.run({ operation: 'cancelOrder', actor: 'BUYER', input }, async (tx) => {
      const order = await lockOrder(tx.manager, input.orderId, { buyerId: buyer.userId });
      await cancelWholeOrder(tx, order, 'buyerCancel', 'BUYER', 'BUYER', input.reason.trim());
      return order.id;
    });
  }

  /** Buyer asks to cancel an order awaiting shipment; the seller has until `respondBy` to answer. */
  request(input: BuyerCancelOrderInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkReason(input.reason)]);
    return this.runner.run({ operation: 'requestCancellation', actor: 'BUYER', input }, async (tx) => {
      const order = await this.lockForRequest(tx, input.orderId, buyer.userId);
      await this.openRequest(tx, order, buyer.userId, input.reason, null);
      return order.id;
    });
  }

  /** Buyer asks to cancel some units of an order awaiting shipment; until answered they are neither packed nor shipped. */
  requestLines(input: RequestLineCancellationInput): Promise<string> {
    const buyer = requireRole('BUYER');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkReason(input.reason), ...checkLineQuantities(input.lines)]);
    return this.runner.run({ operation: 'requestLineCancellation', actor: 'BUYER', input }, async (tx) => {
      const order = await this.lockForRequest(tx, input.orderId, buyer.userId);
      const lines = new Map((await lockLines(tx.manager, order.id)).map((l) => [l.id, l]));
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
      await this.openRequest(
        tx,
        order,
        buyer.userId,
        input.reason,
        input.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
      );
      return order.id;
    });
  }

  private async lockForRequest(tx: WriteTx, orderId: string, buyerId: string): Promise<OrderEntity> {
    const order = await lockOrder(tx.manager, orderId, { buyerId });
    if (order.openCancellationId) throw new AppError('CONFLICT', 'This order already has an open cancellation request');
    await applyTransition(tx, order, 'requestCancellation', 'BUYER');
    return order;
  }

  private async openRequest(tx: WriteTx, order: OrderEntity, buyerId: string, reason: string, lines: CancellationRequestEntity['lines']): Promise<void> {
    const { manager, now } = tx;
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
    await this.timers.schedule(tx, order, TimerKind.CANCELLATION_AUTO_APPROVE, request.respondBy, request.id);
  }

  /** Seller approves a pending request: the whole order, or the requested units, cancelled at the buyer's request. */
  approve(input: CancellationDecisionInput): Promise<string> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    assertValid(checkCommand(input, 'cancellationId', input.cancellationId, 'ccr'));
    return this.runner.run({ operation: 'approveCancellation', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input }, async (tx) => {
      const request = await this.lockPending(tx.manager, input.cancellationId, sellerId, 'approve');
      const order = await lockOrder(tx.manager, request.orderId, { sellerId });
      const reason = `BUYER_REQUEST: ${request.reason}`;
      if (request.lines) await approveLineRequest(tx, order, request, 'approveLineCancellation', 'SELLER_STAFF', reason);
      else await cancelWholeOrder(tx, order, 'approveCancellation', 'SELLER_STAFF', 'BUYER', reason);
      return order.id;
    });
  }

  /** Seller refuses a pending request; the order carries on. */
  reject(input: RejectCancellationInput): Promise<string> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    assertValid([...checkCommand(input, 'cancellationId', input.cancellationId, 'ccr'), ...checkReason(input.reason)]);
    return this.runner.run({ operation: 'rejectCancellation', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input }, async (tx) => {
      const request = await this.lockPending(tx.manager, input.cancellationId, sellerId, 'reject');
      const order = await lockOrder(tx.manager, request.orderId, { sellerId });
      await applyTransition(tx, order, 'rejectCancellation', 'SELLER_STAFF', { extra: { openCancellationId: null } });
      await tx.manager.update(
        CancellationRequestEntity,
        { id: request.id },
        { status: CancellationStatus.CANCELLATION_REQUEST_CANCEL, rejectReason: input.reason.trim(), decidedAt: tx.now },
      );
      return order.id;
    });
  }

  /** Seller cancels the whole order with a seller-fault reason. */
  sellerCancel(input: SellerCancelOrderInput): Promise<string> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    assertValid(checkCommand(input, 'orderId', input.orderId, 'ord'));
    return this.runner.run({ operation: 'sellerCancelOrder', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input }, async (tx) => {
      const order = await lockOrder(tx.manager, input.orderId, { sellerId });
      await cancelWholeOrder(tx, order, 'sellerCancel', 'SELLER_STAFF', 'SELLER', `SELLER_FAULT: ${input.reason}`);
      return order.id;
    });
  }

  private async lockPending(manager: EntityManager, id: string, sellerId: string, action: string) {
    const request = await lockForUpdate(manager, CancellationRequestEntity, { id, sellerId }, { entity: 'CancellationRequest', id });
    if (request.status !== CancellationStatus.CANCELLATION_REQUEST_PENDING) throw new InvalidTransitionError('CancellationRequest', request.status, action);
    return request;
  }
}
