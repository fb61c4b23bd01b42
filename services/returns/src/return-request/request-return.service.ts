import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentContext, requireRole } from '@sc/auth';
import { newId, requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError, assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { MessagingHost } from '@sc/service';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnLineEntity } from './return-line.entity';
import { ReturnRequestRepository } from './return-request.repository';
import { RequestReturnInput } from './request-return.input';
import { ReturnType } from './return-type';
import { validateRequestReturn } from './request-return.validation';
import { checkReturnableLines } from './returnable-quantity';
import { initialReturnStatus } from './return-request.state-machine';
import { returnRequested } from './return-request.events';
import { assertAfterSalesEligible } from './after-sales-eligibility';
import { assertBelowRequestLimit } from './after-sales-request-limit';

/** A buyer asks to return units of their order: the request, its lines and `return.requested` in one transaction. */
@Injectable()
export class RequestReturnService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly returns: ReturnRequestRepository,
    private readonly messaging: MessagingHost,
  ) {}

  async request(input: RequestReturnInput): Promise<ReturnRequestEntity> {
    const buyer = requireRole('BUYER');
    const { correlationId } = currentContext();
    assertValid(validateRequestReturn(input));

    const requestId = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: buyer.userId, operation: 'requestReturn', key: input.idempotencyKey, requestHash: requestHash(input) },
        () => this.create(manager, input, buyer.userId, correlationId),
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    });
    this.messaging.nudge();
    return this.dataSource.getRepository(ReturnRequestEntity).findOneByOrFail({ id: requestId, buyerId: buyer.userId });
  }

  // Runs only for a fresh idempotency key: a replay must not re-check quantities its own first run consumed.
  private async create(manager: EntityManager, input: RequestReturnInput, buyerId: string, correlationId: string): Promise<string> {
    const order = await this.returns.lockOrderOfBuyer(manager, input.orderId, buyerId);
    if (!order) throw new NotFoundError('Order', input.orderId);
    const orderLines = await this.returns.returnableLines(manager, order.id);
    assertAfterSalesEligible(order, orderLines, new Date());
    assertBelowRequestLimit(order, await this.returns.countRequestsOfOrder(manager, order.id));
    assertValid(checkReturnableLines(input.lines, orderLines));

    const request = manager.create(ReturnRequestEntity, {
      id: newId('ret'),
      sellerId: order.sellerId,
      orderId: order.id,
      buyerId,
      status: initialReturnStatus('BUYER'),
      type: input.type ?? ReturnType.RETURN_AND_REFUND,
      reason: input.reason,
      reasonText: input.reasonText?.trim() ?? null,
      version: 1,
    });
    await manager.insert(ReturnRequestEntity, request);
    const lines = input.lines.map((line, position) =>
      manager.create(ReturnLineEntity, {
        id: newId('rln'),
        returnRequestId: request.id,
        sellerId: order.sellerId,
        orderLineId: line.orderLineId,
        quantity: line.quantity,
        position,
      }),
    );
    await manager.insert(ReturnLineEntity, lines);
    const skuOfOrderLine = new Map((await this.returns.orderLines(manager, order.id)).map((l) => [l.id, l.skuId]));
    const cause = { correlationId, causationId: null, actor: { type: 'BUYER' as const, id: buyerId } };
    await appendToOutbox(manager, 'returns.return.v1', [returnRequested(request, lines, skuOfOrderLine, cause)]);
    return request.id;
  }
}
