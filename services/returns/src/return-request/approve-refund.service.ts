import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffSellerId } from '@sc/auth';
import { InvalidTransitionError, assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx, lockForUpdate } from '@sc/kit';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnDecisionInput } from './return-decision.input';
import { validateReturnDecision } from './return-decision.validation';
import { nextReturnStatus } from './return-request.state-machine';
import { ReturnType } from './return-type';
import { RefundWriter } from '../refund/refund.writer';

/**
 * The seller grants a refund-only request (the buyer keeps the items): PENDING → SUCCESS, the refund of
 * the requested units and `refund.issued`, all in one transaction.
 */
@Injectable()
export class ApproveRefundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
    private readonly refunds: RefundWriter,
  ) {}

  async approve(input: ReturnDecisionInput): Promise<ReturnRequestEntity> {
    const sellerId = staffSellerId('RETURNS:EDIT');
    assertValid(validateReturnDecision(input));

    // Scoped to the shop: any of its staff replays the same key to the same result.
    const requestId = await this.runner.run({ operation: 'approveRefund', actor: 'SELLER_STAFF', permission: 'RETURNS:EDIT', input, scope: sellerId }, (tx) =>
      this.decide(tx, input.returnId, sellerId),
    );
    return this.dataSource.getRepository(ReturnRequestEntity).findOneByOrFail({ id: requestId, sellerId });
  }

  private async decide(tx: WriteTx, returnId: string, sellerId: string): Promise<string> {
    const request = await lockForUpdate(tx.manager, ReturnRequestEntity, { id: returnId, sellerId }, { entity: 'ReturnRequest', id: returnId });
    // A return-and-refund request is refunded on receipt of the items, not on approval.
    if (request.type !== ReturnType.REFUND) throw new InvalidTransitionError('ReturnRequest', request.status, 'approveRefund');
    request.status = nextReturnStatus(request.status, 'approveRefund', 'SELLER_STAFF');
    request.version += 1;
    request.updatedAt = tx.now;
    await tx.manager.update(ReturnRequestEntity, { id: request.id }, { status: request.status, version: request.version, updatedAt: tx.now });
    await this.refunds.issueForReturn(tx, request);
    return request.id;
  }
}
