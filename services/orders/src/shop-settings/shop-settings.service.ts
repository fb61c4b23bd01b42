import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentSellerId, requireRole } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, assertValid, checkIdempotencyKey } from '@sc/graphql';
import { CLOCK, Clock } from '../clock/clock';
import { REGION_POLICIES, Region } from '../order/policy/region-policy';
import { SetShopRegionInput } from './set-shop-region.input';
import { ShopOrderSettings } from './shop-order-settings.model';
import { chosenRegion, saveRegion } from './shop-settings.repository';

/** The marketplace default until a shop chooses (the policy every order had before regions were settings). */
export const DEFAULT_REGION = Region.US;

/** A shop's order settings: the region whose policy sets its orders' deadlines. */
@Injectable()
export class ShopSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(sellerId: string): Promise<ShopOrderSettings> {
    const region = await chosenRegion(this.dataSource.manager, sellerId);
    return { region: region ?? DEFAULT_REGION, regionIsDefault: region === null };
  }

  async setRegion(input: SetShopRegionInput): Promise<ShopOrderSettings> {
    const sellerId = currentSellerId();
    const staff = requireRole('SELLER_STAFF');
    // The enum already limits the value over GraphQL; this also guards callers that bypass the schema.
    const known = Object.prototype.hasOwnProperty.call(REGION_POLICIES, input.region);
    assertValid([...checkIdempotencyKey('idempotencyKey', input.idempotencyKey), ...(known ? [] : [{ field: 'region', message: 'is not a region with an order policy' }])]);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: staff.userId, operation: 'setShopRegion', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          await saveRegion(manager, sellerId, input.region, now);
          return sellerId;
        },
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
    });
    return this.get(sellerId);
  }
}
