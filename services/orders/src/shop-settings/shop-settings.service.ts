import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Permission, staffSellerId } from '@sc/auth';
import { FieldProblem, NotFoundError, assertValid, checkIdempotencyKey, parseMoneyInput, toMoney } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { DEFAULT_REGION, REGION_POLICIES } from '../order/policy/region-policy';
import { PlacementSettings, ShopOrderSettingsSource } from '../order/shop-order-settings';
import { SetShopRegionInput } from './set-shop-region.input';
import { SetShopShippingInput } from './set-shop-shipping.input';
import { ShopOrderSettings } from './shop-order-settings.model';
import { ShopShippingSettings } from './shop-shipping-settings.model';
import { ShippingSetting, shippingFeeFor } from './shipping-fee';
import { knownShopCurrency, saveRegion, saveShipping, storedOrderSettings } from './shop-settings.repository';

/**
 * A shop's order settings: the region whose policy sets its orders' deadlines, and its shipping charge. It is
 * also the order kernel's `SHOP_ORDER_SETTINGS`: what placement reads of them.
 */
@Injectable()
export class ShopSettingsService implements ShopOrderSettingsSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
  ) {}

  async get(sellerId: string): Promise<ShopOrderSettings> {
    const manager = this.dataSource.manager;
    const [stored, currencyCode] = await Promise.all([storedOrderSettings(manager, sellerId), knownShopCurrency(manager, sellerId)]);
    return { region: stored.region ?? DEFAULT_REGION, regionIsDefault: stored.region === null, shipping: shippingView(stored.shipping, currencyCode) };
  }

  /** The stored region and shipping setting in one statement; a shop that has set no shipping charges none ({@link shippingFeeFor}). */
  async forPlacement(manager: EntityManager, sellerId: string): Promise<PlacementSettings> {
    const stored = await storedOrderSettings(manager, sellerId);
    return { region: stored.region, shippingFeeFor: (merchandiseMinor, currencyCode) => shippingFeeFor(stored.shipping, merchandiseMinor, currencyCode) };
  }

  async setRegion(input: SetShopRegionInput): Promise<ShopOrderSettings> {
    // The enum already limits the value over GraphQL; this also guards callers that bypass the schema.
    const known = Object.prototype.hasOwnProperty.call(REGION_POLICIES, input.region);
    // The region is part of the shop's profile (it sets the shop's deadlines): the owner's to change.
    const problems: FieldProblem[] = known ? [] : [{ field: 'region', message: 'is not a region with an order policy' }];
    return this.save('setShopRegion', 'SHOP_PROFILE:EDIT', input, problems, (manager, sellerId, now) => saveRegion(manager, sellerId, input.region, now));
  }

  /**
   * Sets the shop's shipping charge, in the shop's own currency: orders placed from now on are charged from it.
   * Only the shop's staff may; amounts are validated here, never taken from a buyer.
   */
  async setShipping(input: SetShopShippingInput): Promise<ShopOrderSettings> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    const currencyCode = await knownShopCurrency(this.dataSource.manager, sellerId);
    if (!currencyCode) throw new NotFoundError('Shop', sellerId);
    const flatFee = parseMoneyInput('flatFee', input.flatFee, currencyCode, 0n);
    const threshold = input.freeShippingThreshold ? parseMoneyInput('freeShippingThreshold', input.freeShippingThreshold, currencyCode) : null;
    const problems = [...(Array.isArray(flatFee) ? flatFee : []), ...(Array.isArray(threshold) ? threshold : [])];
    const setting: ShippingSetting | null =
      Array.isArray(flatFee) || Array.isArray(threshold) ? null : { currencyCode, flatFeeMinor: flatFee.amount, freeFromMinor: threshold?.amount ?? null };
    // `setting` is null only when there are problems, and then save() refuses before writing.
    return this.save('setShopShipping', 'ORDERS:EDIT', input, problems, (manager, shopId, now) => saveShipping(manager, shopId, setting!, now));
  }

  /** One idempotent settings write by the shop's staff: checks the caller and the input, then stores, then reads back. */
  private async save(
    operation: string,
    permission: Permission,
    input: { idempotencyKey: string },
    problems: FieldProblem[],
    write: (manager: EntityManager, sellerId: string, now: Date) => Promise<void>,
  ): Promise<ShopOrderSettings> {
    const sellerId = staffSellerId(permission);
    assertValid([...checkIdempotencyKey('idempotencyKey', input.idempotencyKey), ...problems]);
    await this.runner.run({ operation, actor: 'SELLER_STAFF', permission, input }, async ({ manager, now }) => {
      await write(manager, sellerId, now);
      return sellerId;
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
