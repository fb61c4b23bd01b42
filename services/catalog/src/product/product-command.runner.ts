import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GraphQLError } from 'graphql';
import { ActorType } from '@sc/events';
import { CommandRunner, WriteTx, lockForUpdate, commandFor } from '@sc/kit';
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

/** The change a product command makes to the locked product, in the command's transaction. */
export type ProductChange = (tx: WriteTx, product: ProductEntity) => Promise<void>;

/** One product command: the use case (its idempotency claim) and the change to make on the locked product. */
export interface ProductCommand {
  operation: string;
  input: { idempotencyKey: string };
  productId: string;
  run: ProductChange;
}

/** The columns that may change together with a product's status. */
export type ProductPatch = Partial<
  Pick<ProductEntity, 'failedReasons' | 'statusReason' | 'hasPendingRevision' | 'title' | 'description' | 'categoryId' | 'images' | 'attributes'>
>;

/**
 * Product commands over the kit's {@link CommandRunner}: each runs once per key in one transaction with
 * the product row locked (NOT_FOUND when the caller may not see it), and the transition's event in the
 * outbox.
 */
@Injectable()
export class ProductCommandRunner {
  constructor(
    private readonly commands: CommandRunner,
    private readonly dataSource: DataSource,
  ) {}

  /** Runs one command and returns the product as it is afterwards. */
  async run(caller: CommandCaller, command: ProductCommand): Promise<ProductEntity> {
    await this.execute(caller, command, command.input.idempotencyKey);
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
    run: ProductChange,
  ): Promise<BulkProductResult[]> {
    const results: BulkProductResult[] = [];
    for (const productId of input.productIds) {
      try {
        await this.execute(caller, { operation, input, productId, run }, `${input.idempotencyKey}#${productId}`);
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
   * Moves the locked product along the transition table for the command's actor, bumps its version and,
   * when the status changed, records `product.status_changed`. `patch` carries the columns that change with it.
   */
  async transition(tx: WriteTx, product: ProductEntity, action: ProductAction, patch: ProductPatch = {}, reason: string | null = null): Promise<void> {
    const from = product.status;
    const to = nextProductStatus(from, action, tx.cause.actor.type);
    Object.assign(product, patch, { status: to, version: product.version + 1, updatedAt: tx.now });
    await tx.manager.update(ProductEntity, { id: product.id }, { ...patch, status: to, version: product.version, updatedAt: tx.now });
    if (from !== to) await tx.emit('catalog.product.v1', [productStatusChanged(product, from, reason, tx.cause)]);
  }

  private async execute(caller: CommandCaller, command: ProductCommand, idempotencyKey: string): Promise<void> {
    const { operation, input, productId } = command;
    await this.commands.run(commandFor(caller.actor, 'PRODUCTS:EDIT', { operation, input, scope: caller.scope, idempotencyKey }), async (tx) => {
      const where = caller.sellerId ? { id: productId, sellerId: caller.sellerId } : { id: productId };
      const product = await lockForUpdate(tx.manager, ProductEntity, where, { entity: 'Product', id: productId });
      await command.run(tx, product);
      return product.id;
    });
  }
}
