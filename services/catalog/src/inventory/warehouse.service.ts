import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '@sc/db';
import { NotFoundError, assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx } from '@sc/kit';
import { DefaultWarehouseWriter } from '../shop/default-warehouse.port';
import { WarehouseEntity } from './warehouse.entity';
import { CreateWarehouseInput } from './inventory.inputs';
import { validateCreateWarehouse } from './inventory.validation';

/** Warehouses: the default one, opened with the shop ({@link DefaultWarehouseWriter}), and seller-created ones. */
@Injectable()
export class WarehouseService implements DefaultWarehouseWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
  ) {}

  async create(sellerId: string, input: CreateWarehouseInput): Promise<WarehouseEntity> {
    assertValid(validateCreateWarehouse(input));
    const id = await this.runner.run(
      { operation: 'createWarehouse', actor: 'SELLER_STAFF', permission: 'INVENTORY:EDIT', input, scope: sellerId },
      async ({ manager, now }) => {
        const shop: unknown[] = await manager.query('SELECT 1 FROM shops WHERE id = $1', [sellerId]);
        if (shop.length === 0) throw new NotFoundError('Shop', sellerId);
        const warehouse = manager.create(WarehouseEntity, { id: newId('whs'), sellerId, name: input.name.trim(), isDefault: false, createdAt: now });
        await manager.insert(WarehouseEntity, warehouse);
        return warehouse.id;
      },
    );
    return this.dataSource.getRepository(WarehouseEntity).findOneByOrFail({ id, sellerId });
  }

  /** The shop's default "Main warehouse", in the registration's transaction (`ShopService.register`). */
  async createDefaultWarehouse({ manager, now }: WriteTx, sellerId: string): Promise<void> {
    await manager.save(manager.create(WarehouseEntity, { id: newId('whs'), sellerId, name: 'Main warehouse', isDefault: true, createdAt: now }));
  }
}
