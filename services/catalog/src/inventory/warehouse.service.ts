import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId, requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError, assertValid } from '@sc/graphql';
import { WarehouseEntity } from './warehouse.entity';
import { CreateWarehouseInput } from './inventory.inputs';
import { validateCreateWarehouse } from './inventory.validation';

/** Seller-created warehouses (the default one comes with the shop). */
@Injectable()
export class WarehouseService {
  constructor(private readonly dataSource: DataSource) {}

  async create(sellerId: string, input: CreateWarehouseInput): Promise<WarehouseEntity> {
    assertValid(validateCreateWarehouse(input));
    const id = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: sellerId, operation: 'createWarehouse', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          const shop: unknown[] = await manager.query('SELECT 1 FROM shops WHERE id = $1', [sellerId]);
          if (shop.length === 0) throw new NotFoundError('Shop', sellerId);
          const warehouse = manager.create(WarehouseEntity, { id: newId('whs'), sellerId, name: input.name.trim(), isDefault: false });
          await manager.insert(WarehouseEntity, warehouse);
          return warehouse.id;
        },
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    });
    return this.dataSource.getRepository(WarehouseEntity).findOneByOrFail({ id, sellerId });
  }
}
