import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentSellerId, requireRole } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { FieldProblem, IdempotencyConflictError, NotFoundError, assertValid, checkIdempotencyKey, parseMoneyInput, toMoney } from '@sc/graphql';
import { CLOCK, Clock } from '../clock/clock';
import { REGION_POLICIES, Region } from '../order/policy/region-policy';
import { SetShopRegionInput } from './set-shop-region.input';
import { SetShopShippingInput } from './set-shop-shipping.input';
import { ShopOrderSettings } from './shop-order-settings.model';
import { ShopShippingSettings } from './shop-shipping-settings.model';
import { ShippingSetting } from './shipping-fee';
import { knownShopCurrency, saveRegion, saveShipping, storedOrderSettings } from './shop-settings.repository';

/** The marketplace default until a shop chooses (the policy every order had before regions were settings). */
export const DEFAULT_REGION = Region.US;

/** A shop's order settings: the region whose policy sets its orders' deadlines, and its shipping charge. */
@Injectable()
export class ShopSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(sellerId: string): Promise<ShopOrderSettings> {
    const manager = this.dataSource.manager;
    const [stored, currencyCode] = await Promise.all([storedOrderSettings(manager, sellerId), knownShopCurrency(manager, sellerId)]);
    return { region: stored.region ?? DEFAULT_REGION, regionIsDefault: stored.region === null, shipping: shippingView(stored.shipping, currencyCode) };
  }

  async setRegion(input: SetShopRegionInput): Promise<ShopOrderSettings> {
    // The enum already limits the value over GraphQL; this also guards callers that bypass the schema.
    const known = Object.prototype.hasOwnProperty.call(REGION_POLICIES, input.region);
    return this.save('setShopRegion', input, known ? [] : [{ field: 'region', message: 'is not a region with an order policy' }], (manager, sellerId, now) =>
      saveRegion(manager, sellerId, input.region, now),
    );
  }

  /**
   * Sets the shop's shipping charge, in the shop's own currency: orders placed from now on are charged from it.
   * Only the shop's staff may; amounts are validated here, never taken from a buyer.
   */
  async setShipping(input: SetShopShippingInput): Promise<ShopOrderSettings> {
    const sellerId = currentSellerId();
    const currencyCode = await knownShopCurrency(this.dataSource.manager, sellerId);
    if (!currencyCode) throw new NotFoundError('Shop', sellerId);
    const flatFee = parseMoneyInput('flatFee', input.flatFee, currencyCode, 0n);
    const threshold = input.freeShippingThreshold ? parseMoneyInput('freeShippingThreshold', input.freeShippingThreshold, currencyCode) : null;
    const problems = [...(Array.isArray(flatFee) ? flatFee : []), ...(Array.isArray(threshold) ? threshold : [])];
    const setting: ShippingSetting | null =
      Array.isArray(flatFee) || Array.isArray(threshold) ? null : { currencyCode, flatFeeMinor: flatFee.amount, freeFromMinor: threshold?.amount ?? null };
    // `setting` is null only when there are problems, and then save() refuses before writing.
    return this.save('setShopShipping', input, problems, (manager, shopId, now) => saveShipping(manager, shopId, setting!, now));
  }

  /** One idempotent settings write by the shop's staff: checks the caller and the input, then stores, then reads back. */
  private async save(
    operation: string,
    input: { idempotencyKey: string },
    problems: FieldProblem[],
    write: (manager: EntityManager, sellerId: string, now: Date) => Promise<void>,
  ): Promise<ShopOrderSettings> {
    const sellerId = currentSellerId();
    const staff = requireRole('SELLER_STAFF');
    assertValid([...checkIdempotencyKey('idempotencyKey', input.idempotencyKey), ...problems]);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(manager, { scope: staff.userId, operation, key: input.idempotencyKey, requestHash: requestHash(input) }, async () => {
        await write(manager, sellerId, now);
        return sellerId;
      });
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
    });
    return this.get(sellerId);
  }
}

/** The shipping charge as the seller sees it: the stored setting, or the free-shipping default in the shop's currency. */
function shippingView(stored: ShippingSetting | null, shopCurrency: string | null): ShopShippingSettings | null {
  if (stored) {
    return {
      flatFee: toMoney(stored.flatFeeMinor, stored.currencyCode),
      freeShippingThreshold: stored.freeFromMinor === null ? null : toMoney(stored.freeFromMinor, stored.currencyCode),
      isDefault: false,
    };
  }
  return shopCurrency ? { flatFee: toMoney(0n, shopCurrency), freeShippingThreshold: null, isDefault: true } : null;
}
