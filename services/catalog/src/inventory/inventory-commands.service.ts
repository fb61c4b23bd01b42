import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from '@sc/db';
import { AppError, NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx } from '@sc/kit';
import { AVAILABLE_SQL, InventoryRepository } from './inventory.repository';
import { InventoryLevelEntity } from './inventory-level.entity';
import { StockStatusService } from './stock-status.service';
import { AdjustInventoryInput, InventoryState, MoveInventoryStateInput, SetInventoryInput, SetOutOfStockThresholdInput } from './inventory.inputs';
import { STATE_COLUMNS, validateAdjust, validateMove, validateSet, validateThreshold } from './inventory.validation';

/**
 * Seller stock operations: adjust by a delta, compare-and-set on hand, move units between states, set
 * the out-of-stock threshold. Each validates first, runs through the {@link CommandRunner} (one
 * transaction under its idempotency key, scoped to the shop), appends its ledger movement and refreshes
 * the SKU's out-of-stock flag; any failure writes nothing.
 */
@Injectable()
export class InventoryCommandsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
    private readonly inventory: InventoryRepository,
    private readonly stockStatus: StockStatusService,
  ) {}

  async adjust(sellerId: string, input: AdjustInventoryInput): Promise<InventoryLevelEntity> {
    assertValid(validateAdjust(input));
    return this.run(sellerId, 'adjustInventory', input, input.skuId, input.warehouseId, async (tx) => {
      if (input.delta > 0) {
        await this.inventory.addOnHand(tx, sellerId, input.skuId, input.warehouseId, input.delta);
      } else {
        const result: unknown = await tx.manager.query(
          `UPDATE inventory_levels l SET on_hand = l.on_hand + $3, version = l.version + 1, updated_at = $4
            WHERE l.sku_id = $1 AND l.warehouse_id = $2 AND ${AVAILABLE_SQL} + $3 >= 0 RETURNING l.sku_id`,
          [input.skuId, input.warehouseId, input.delta, tx.now],
        );
        if (returnedRows(result).length === 0) throw new AppError('INSUFFICIENT_STOCK', 'Not enough available units to remove', { skuId: input.skuId });
      }
      await this.inventory.appendMovement(tx, {
        sellerId,
        skuId: input.skuId,
        warehouseId: input.warehouseId,
        movementType: 'ADJUSTMENT',
        quantity: input.delta,
        sourceType: 'ADJUSTMENT',
        sourceId: `${sellerId}:${input.idempotencyKey}`,
        onHandDelta: input.delta,
        reason: input.reason,
      });
    });
  }

  async set(sellerId: string, input: SetInventoryInput): Promise<InventoryLevelEntity> {
    assertValid(validateSet(input));
    return this.run(sellerId, 'setInventory', input, input.skuId, input.warehouseId, async (tx) => {
      const [level]: Array<{ on_hand: number }> = await tx.manager.query(
        'SELECT on_hand FROM inventory_levels WHERE sku_id = $1 AND warehouse_id = $2 FOR UPDATE',
        [input.skuId, input.warehouseId],
      );
      const current = level?.on_hand ?? 0;
      if (current !== input.expectedQuantity) {
        throw new AppError('STALE_QUANTITY', 'On-hand stock changed since it was read', { currentQuantity: current, expectedQuantity: input.expectedQuantity });
      }
      if (!level) {
        await this.inventory.addOnHand(tx, sellerId, input.skuId, input.warehouseId, input.quantity);
      } else {
        const result: unknown = await tx.manager.query(
          `UPDATE inventory_levels l SET on_hand = $3, version = l.version + 1, updated_at = $4
            WHERE l.sku_id = $1 AND l.warehouse_id = $2 AND ${AVAILABLE_SQL} - l.on_hand + $3 >= 0 RETURNING l.sku_id`,
          [input.skuId, input.warehouseId, input.quantity, tx.now],
        );
        if (returnedRows(result).length === 0) {
          throw new ValidationFailedError([{ field: 'quantity', message: 'is below the units held for orders or in unsellable states' }]);
        }
      }
      await this.inventory.appendMovement(tx, {
        sellerId,
        skuId: input.skuId,
        warehouseId: input.warehouseId,
        movementType: 'ADJUSTMENT',
        quantity: input.quantity - current,
        sourceType: 'SET_INVENTORY',
        sourceId: `${sellerId}:${input.idempotencyKey}`,
        onHandDelta: input.quantity - current,
        reason: 'SET',
      });
    });
  }

  async move(sellerId: string, input: MoveInventoryStateInput): Promise<InventoryLevelEntity> {
    assertValid(validateMove(input));
    return this.run(sellerId, 'moveInventoryState', input, input.skuId, input.warehouseId, async (tx) => {
      const from = input.from === InventoryState.AVAILABLE ? null : STATE_COLUMNS[input.from];
      const to = input.to === InventoryState.AVAILABLE ? null : STATE_COLUMNS[input.to];
      const sets = [from && `${from} = l.${from} - $3`, to && `${to} = l.${to} + $3`].filter(Boolean).join(', ');
      const enough = from ? `l.${from} >= $3` : `${AVAILABLE_SQL} >= $3`;
      const result: unknown = await tx.manager.query(
        `UPDATE inventory_levels l SET ${sets}, version = l.version + 1, updated_at = $4
          WHERE l.sku_id = $1 AND l.warehouse_id = $2 AND ${enough} RETURNING l.sku_id`,
        [input.skuId, input.warehouseId, input.quantity, tx.now],
      );
      if (returnedRows(result).length === 0) throw new AppError('INSUFFICIENT_STOCK', `Not enough ${input.from} units to move`, { skuId: input.skuId });
      const availableDelta = from === null ? -input.quantity : to === null ? input.quantity : 0;
      await this.inventory.appendMovement(tx, {
        sellerId,
        skuId: input.skuId,
        warehouseId: input.warehouseId,
        movementType: 'STATE_MOVE',
        quantity: availableDelta,
        sourceType: 'STATE_MOVE',
        sourceId: `${sellerId}:${input.idempotencyKey}`,
        stateFrom: input.from,
        stateTo: input.to,
      });
    });
  }

  /** Sets the SKU's threshold; a threshold that flips the flag emits the transition event. */
  async setThreshold(sellerId: string, input: SetOutOfStockThresholdInput): Promise<void> {
    assertValid(validateThreshold(input));
    await this.runner.run({ operation: 'setOutOfStockThreshold', actor: 'SELLER_STAFF', permission: 'INVENTORY:EDIT', input, scope: sellerId }, async (tx) => {
      if (!(await this.inventory.skuExists(tx.manager, sellerId, input.skuId))) throw new NotFoundError('Sku', input.skuId);
      await tx.manager.query(
        `INSERT INTO sku_stock_status (sku_id, seller_id, product_id, out_of_stock_threshold, changed_at)
         SELECT id, seller_id, product_id, $2, $3::timestamptz FROM skus WHERE id = $1
         ON CONFLICT (sku_id) DO UPDATE SET out_of_stock_threshold = EXCLUDED.out_of_stock_threshold`,
        [input.skuId, input.threshold, tx.now],
      );
      await this.stockStatus.refresh(tx, sellerId, [input.skuId]);
      return input.skuId;
    });
  }

  /** Common frame: the command (idempotency claim, one transaction), ownership checks, the change, the status refresh. */
  private async run(
    sellerId: string,
    operation: string,
    input: { idempotencyKey: string },
    skuId: string,
    warehouseId: string,
    change: (tx: WriteTx) => Promise<void>,
  ): Promise<InventoryLevelEntity> {
    await this.runner.run({ operation, actor: 'SELLER_STAFF', permission: 'INVENTORY:EDIT', input, scope: sellerId }, async (tx) => {
      if (!(await this.inventory.skuExists(tx.manager, sellerId, skuId))) throw new NotFoundError('Sku', skuId);
      if (!(await this.inventory.warehouseExists(tx.manager, sellerId, warehouseId))) throw new NotFoundError('Warehouse', warehouseId);
      await change(tx);
      await this.stockStatus.refresh(tx, sellerId, [skuId]);
      return `${skuId}/${warehouseId}`;
    });
    return (await this.inventory.findLevel(this.dataSource.manager, skuId, warehouseId))!;
  }
}
