import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '@sc/db';
import { createEvent } from '@sc/events';
import { currentContext } from '@sc/auth';
import { appendToOutbox } from '@sc/messaging';
import { AppError, SUPPORTED_CURRENCIES, assertValid, checkText } from '@sc/graphql';
import { ShopEntity } from './shop.entity';
import { WarehouseEntity } from '../inventory/warehouse.entity';
import { ShopRepository } from './shop.repository';
import { RegisterShopInput } from './register-shop.input';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

@Injectable()
export class ShopService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shops: ShopRepository,
  ) {}

  /**
   * Registers the caller's shop with a default warehouse. Repeating the same registration returns the
   * shop; a different currency for an existing shop is refused (prices would change meaning).
   */
  async register(sellerId: string, input: RegisterShopInput): Promise<ShopEntity> {
    assertValid([
      ...checkText('name', input.name, 1, 120),
      ...(SUPPORTED_CURRENCIES.has(input.currencyCode) ? [] : [{ field: 'currencyCode', message: 'must be a supported ISO 4217 code' }]),
      ...(isTimeZone(input.timeZone) ? [] : [{ field: 'timeZone', message: 'must be an IANA time zone' }]),
    ]);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sellerId]);
      const existing = await this.shops.findById(sellerId, manager);
      if (existing) {
        if (existing.currencyCode !== input.currencyCode) {
          throw new AppError('CONFLICT', 'The shop is registered with another currency', { currencyCode: existing.currencyCode });
        }
        return existing;
      }
      const shop = manager.create(ShopEntity, { id: sellerId, name: input.name.trim(), currencyCode: input.currencyCode, timeZone: input.timeZone });
      await manager.save(shop);
      await manager.save(manager.create(WarehouseEntity, { id: newId('whs'), sellerId, name: 'Main warehouse', isDefault: true }));
      // Orders buckets its dashboard days in the shop's time zone; this event is its only source of it.
      const { identity, correlationId } = currentContext();
      await appendToOutbox(manager, 'catalog.product.v1', [createEvent({
        type: 'shop.registered', source: 'catalog', sellerId, aggregateType: 'Shop', aggregateId: sellerId, aggregateVersion: 1,
        correlationId, actor: { type: 'SELLER_STAFF', id: identity.userId },
        payload: { shopId: sellerId, name: shop.name, currencyCode: shop.currencyCode, timeZone: shop.timeZone },
      })]);
      return (await this.shops.findById(sellerId, manager))!;
    });
  }
}
