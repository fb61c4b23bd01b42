import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActorType } from '@sc/events';
import { currentContext } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError } from '@sc/graphql';
import { MessagingHost } from '@sc/service';
import { CLOCK, Clock } from '../../clock/clock';
import { Cause } from '../order.events';
import { OrderEntity } from '../order.entity';

/** What a command's work gets: its transaction, the clock's "now" and the cause for its events. */
export interface CommandContext {
  manager: EntityManager;
  now: Date;
  cause: Cause;
}

/** Who may lock an order for a change. */
export type OrderWriteScope = { buyerId: string } | { sellerId: string } | { any: true };

/**
 * Runs one state-changing mutation: one transaction, once per idempotency key (a replay returns the first
 * result id; the same key with other input is IDEMPOTENCY_CONFLICT). Any error rolls everything back,
 * the key included, so a refused command writes nothing.
 */
@Injectable()
export class OrderCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(operation: string, actor: ActorType, input: { idempotencyKey: string }, work: (ctx: CommandContext) => Promise<string>): Promise<string> {
    const { identity, correlationId } = currentContext();
    const now = this.clock.now();
    const cause: Cause = { correlationId, causationId: null, actor: { type: actor, id: identity.userId } };
    const id = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: identity.userId, operation, key: input.idempotencyKey, requestHash: requestHash(input) },
        () => work({ manager, now, cause }),
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    });
    this.messaging.nudge();
    return id;
  }

  /** The order locked for a change, or NOT_FOUND when the caller may not see it. */
  async lockOrder(manager: EntityManager, id: string, scope: OrderWriteScope): Promise<OrderEntity> {
    const qb = manager.getRepository(OrderEntity).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id });
    if ('buyerId' in scope) qb.andWhere('o.buyerId = :buyerId', { buyerId: scope.buyerId });
    if ('sellerId' in scope) qb.andWhere('o.sellerId = :sellerId', { sellerId: scope.sellerId });
    const order = await qb.getOne();
    if (!order) throw new NotFoundError('Order', id);
    return order;
  }
}
