import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GraphQLError } from 'graphql';
import { ActorType } from '@sc/events';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { MessagingHost } from '@sc/service';
import { ProductEntity } from './product.entity';
import { ProductAction, nextProductStatus } from './product.state-machine';
import { productStatusChanged } from './product.events';
import { BulkProductResult } from './bulk-result.model';

/** Who runs a command: the idempotency scope and, for sellers, the shop the product must belong to. */
export interface CommandCaller {
  scope: string;
  sellerId: string | null;
  actor: ActorType;
}

/** One product command: its idempotency claim and the change to make on the locked product. */
export interface ProductCommand {
  operation: string;
  idempotencyKey: string;
  input: unknown;
  productId: string;
  run: (manager: EntityManager, product: ProductEntity) => Promise<void>;
}

/**
 * Runs product commands: one transaction each with the idempotency claim, the product row locked
 * (NOT_FOUND when the caller may not see it), and the transition's event in the outbox.
 */
@Injectable()
export class ProductCommandRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingHost,
  ) {}

  /** Runs one command and returns the product as it is afterwards. */
  async run(caller: CommandCaller, command: ProductCommand): Promise<ProductEntity> {
    await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: caller.scope, operation: command.operation, key: command.idempotencyKey, requestHash: requestHash(command.input) },
        async () => {
          const product = await this.lock(manager, command.productId, caller.sellerId);
          await command.run(manager, product);
          return product.id;
        },
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
    });
    this.messaging.nudge();
    return this.dataSource.getRepository(ProductEntity).findOneByOrFail({ id: command.productId });
  }

  /**
   * Runs the same command for many products, each in its own transaction, and reports per product.
   * Each item claims `<key>#<productId>`, so a retried bulk call replays the items that succeeded.
   */
  async runBulk(
    caller: CommandCaller,
    operation: string,
    input: { productIds: string[]; idempotencyKey: string },
    run: ProductCommand['run'],
  ): Promise<BulkProductResult[]> {
    const results: BulkProductResult[] = [];
    for (const productId of input.productIds) {
      try {
        await this.run(caller, { operation, idempotencyKey: `${input.idempotencyKey}#${productId}`, input, productId, run });
        results.push({ productId, ok: true, error: null });
      } catch (error) {
        // Typed business errors become the item's result; anything else is a bug and fails the call.
        if (!(error instanceof GraphQLError) || typeof error.extensions?.code !== 'string') throw error;
        results.push({ productId, ok: false, error: { code: error.extensions.code, message: error.message } });
      }
    }
    return results;
  }

  /**
   * Moves the locked product along the transition table, bumps its version and, when the status
   * changed, records `product.status_changed`. `patch` carries the columns that change with it.
   */
  async transition(
    manager: EntityManager,
    product: ProductEntity,
    action: ProductAction,
    actor: ActorType,
    patch: Partial<Pick<ProductEntity, 'failedReasons' | 'statusReason' | 'hasPendingRevision' | 'title' | 'description' | 'categoryId' | 'images' | 'attributes'>> = {},
    reason: string | null = null,
  ): Promise<void> {
    const from = product.status;
    const to = nextProductStatus(from, action, actor);
    Object.assign(product, patch, { status: to, version: product.version + 1 });
    await manager.update(ProductEntity, { id: product.id }, { ...patch, status: to, version: product.version, updatedAt: () => 'now()' });
    if (from !== to) await appendToOutbox(manager, 'catalog.product.v1', [productStatusChanged(product, from, actor, reason)]);
  }

  private async lock(manager: EntityManager, productId: string, sellerId: string | null): Promise<ProductEntity> {
    const qb = manager.getRepository(ProductEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :productId', { productId });
    if (sellerId) qb.andWhere('p.sellerId = :sellerId', { sellerId });
    const product = await qb.getOne();
    if (!product) throw new NotFoundError('Product', productId);
    return product;
  }
}
