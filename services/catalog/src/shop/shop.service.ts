import { Inject, Injectable } from '@nestjs/common';
import { AppError, SUPPORTED_CURRENCIES, assertValid, checkText } from '@sc/graphql';
import { CommandRunner, aggregateEvent, requestCause } from '@sc/kit';
import { ShopEntity } from './shop.entity';
import { ShopRepository } from './shop.repository';
import { RegisterShopInput } from './register-shop.input';
import { DEFAULT_WAREHOUSE_WRITER, DefaultWarehouseWriter } from './default-warehouse.port';

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
    private readonly runner: CommandRunner,
    private readonly shops: ShopRepository,
    @Inject(DEFAULT_WAREHOUSE_WRITER) private readonly warehouses: DefaultWarehouseWriter,
  ) {}

  /**
   * Registers the caller's shop with a default warehouse (opened by the inventory module through
   * {@link DefaultWarehouseWriter}, in the same transaction); the caller (`userId`) becomes its owner, the one
   * user who manages its staff. The owner repeating the registration gets the shop back; anyone else acting
   * for an owned shop is FORBIDDEN (the shop profile is owner-only); a different currency for an existing
   * shop is refused (prices would change meaning). It has no idempotency key (the seller id is the shop's id
   * and serialises registrations), so it is a plain write.
   */
  async register(sellerId: string, userId: string, input: RegisterShopInput): Promise<ShopEntity> {
    assertValid([
      ...checkText('name', input.name, 1, 120),
      ...(SUPPORTED_CURRENCIES.has(input.currencyCode) ? [] : [{ field: 'currencyCode', message: 'must be a supported ISO 4217 code' }]),
      ...(isTimeZone(input.timeZone) ? [] : [{ field: 'timeZone', message: 'must be an IANA time zone' }]),
    ]);
    return this.runner.write(
      (now) => requestCause('SELLER_STAFF', now),
      async (tx) => {
        const { manager, now } = tx;
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sellerId]);
        const existing = await this.shops.findById(sellerId, manager);
        if (existing) {
          if (existing.ownerUserId !== null && existing.ownerUserId !== userId) {
            throw new AppError('FORBIDDEN', 'Only the shop owner can register the shop again', { permission: 'SHOP_PROFILE:EDIT' });
          }
          if (existing.currencyCode !== input.currencyCode) {
            throw new AppError('CONFLICT', 'The shop is registered with another currency', { currencyCode: existing.currencyCode });
          }
          if (existing.ownerUserId === null) {
            // Legacy path: a shop registered before staff accounts existed has no recorded owner, and every
            // token of the shop could do everything. The first member of that shop to replay registerShop is
            // recorded as its owner (until then nobody is its owner, so nobody can invite staff into it).
            await manager.update(ShopEntity, { id: sellerId }, { ownerUserId: userId, updatedAt: now });
            return (await this.shops.findById(sellerId, manager))!;
          }
          return existing;
        }
        const shop = manager.create(ShopEntity, {
          id: sellerId,
          name: input.name.trim(),
          currencyCode: input.currencyCode,
          timeZone: input.timeZone,
          ownerUserId: userId,
          createdAt: now,
          updatedAt: now,
        });
        await manager.save(shop);
        await this.warehouses.createDefaultWarehouse(tx, sellerId);
        // Orders buckets its dashboard days in the shop's time zone; this event is its only source of it.
        await tx.emit('catalog.product.v1', [
          aggregateEvent({ source: 'catalog', sellerId, aggregateType: 'Shop', aggregateId: sellerId, aggregateVersion: 1 }, 'shop.registered', tx.cause, {
            shopId: sellerId,
            name: shop.name,
            currencyCode: shop.currencyCode,
            timeZone: shop.timeZone,
          }),
        ]);
        return (await this.shops.findById(sellerId, manager))!;
      },
    );
  }
}
