import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireRole } from '@sc/auth';
import { newId, firstVersionAt } from '@sc/db';
import { assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx } from '@sc/kit';
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
    private readonly runner: CommandRunner,
    private readonly returns: ReturnRequestRepository,
  ) {}

  async request(input: RequestReturnInput): Promise<ReturnRequestEntity> {
    const buyer = requireRole('BUYER');
    assertValid(validateRequestReturn(input));

    const requestId = await this.runner.run({ operation: 'requestReturn', actor: 'BUYER', input, scope: buyer.userId }, (tx) =>
      this.create(tx, input, buyer.userId),
    );
    return this.dataSource.getRepository(ReturnRequestEntity).findOneByOrFail({ id: requestId, buyerId: buyer.userId });
  }

  // Runs only for a fresh idempotency key: a replay must not re-check quantities its own first run consumed.
  private async create(tx: WriteTx, input: RequestReturnInput, buyerId: string): Promise<string> {
    const { manager } = tx;
    const order = await this.returns.lockOrderOfBuyer(manager, input.orderId, buyerId);
    const orderLines = await this.returns.returnableLines(manager, order.id);
    // The after-sales window is judged by the service clock, so a test stack can move past its end.
    assertAfterSalesEligible(order, orderLines, tx.now);
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
      ...firstVersionAt(tx.now),
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
    await tx.emit('returns.return.v1', [returnRequested(request, lines, skuOfOrderLine, tx.cause)]);
    return request.id;
  }
}
