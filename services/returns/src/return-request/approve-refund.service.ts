import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentContext, currentSellerId } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, InvalidTransitionError, NotFoundError, assertValid } from '@sc/graphql';
import { MessagingHost } from '@sc/service';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnDecisionInput } from './return-decision.input';
import { validateReturnDecision } from './return-decision.validation';
import { nextReturnStatus } from './return-request.state-machine';
import { ReturnType } from './return-type';
import { Cause } from './return-request.events';
import { RefundWriter } from '../refund/refund.writer';

/**
 * The seller grants a refund-only request (the buyer keeps the items): PENDING → SUCCESS, the refund of
 * the requested units and `refund.issued`, all in one transaction.
 */
@Injectable()
export class ApproveRefundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refunds: RefundWriter,
    private readonly messaging: MessagingHost,
  ) {}

  async approve(input: ReturnDecisionInput): Promise<ReturnRequestEntity> {
    const sellerId = currentSellerId();
    const { correlationId, identity } = currentContext();
    assertValid(validateReturnDecision(input));

    const requestId = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: sellerId, operation: 'approveRefund', key: input.idempotencyKey, requestHash: requestHash(input) },
        () => this.decide(manager, input.returnId, sellerId, { correlationId, causationId: null, actor: { type: 'SELLER_STAFF', id: identity.userId } }),
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    });
    this.messaging.nudge();
    return this.dataSource.getRepository(ReturnRequestEntity).findOneByOrFail({ id: requestId, sellerId });
  }

  private async decide(manager: EntityManager, returnId: string, sellerId: string, cause: Cause): Promise<string> {
    const request = await manager
      .getRepository(ReturnRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :returnId AND r.sellerId = :sellerId', { returnId, sellerId })
      .getOne();
    if (!request) throw new NotFoundError('ReturnRequest', returnId);
    // A return-and-refund request is refunded on receipt of the items, not on approval.
    if (request.type !== ReturnType.REFUND) throw new InvalidTransitionError('ReturnRequest', request.status, 'approveRefund');
    const now = new Date();
    request.status = nextReturnStatus(request.status, 'approveRefund', 'SELLER_STAFF');
    request.version += 1;
    request.updatedAt = now;
    await manager.update(ReturnRequestEntity, { id: request.id }, { status: request.status, version: request.version, updatedAt: now });
    await this.refunds.issueForReturn(manager, request, now, cause);
    return request.id;
  }
}
