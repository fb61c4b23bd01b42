import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { Shop } from '../shared/shop.model';
import { SetShopRegionInput } from './set-shop-region.input';
import { SetShopShippingInput } from './set-shop-shipping.input';
import { ShopOrderSettings } from './shop-order-settings.model';
import { ShopSettingsService } from './shop-settings.service';

/** Shop.orderSettings and the seller mutations that change them. */
@Resolver(() => Shop)
export class ShopSettingsResolver {
  constructor(private readonly settings: ShopSettingsService) {}

  @ResolveField(() => ShopOrderSettings, { nullable: true, description: "The shop's order settings (own shop only)." })
  orderSettings(@Parent() shop: Shop): Promise<ShopOrderSettings> {
    ownShopId(shop.id, 'ORDERS:VIEW', 'its order settings');
    return this.settings.get(shop.id);
  }

  @Mutation(() => ShopOrderSettings, { description: "Seller: sets the region whose order policy applies to the shop's new orders." })
  setShopRegion(@Args('input') input: SetShopRegionInput): Promise<ShopOrderSettings> {
    return this.settings.setRegion(input);
  }

  @Mutation(() => ShopOrderSettings, {
    description: "Seller: sets the shop's shipping charge (flat fee per order, free from a subtotal) for orders placed from now on.",
  })
  setShopShipping(@Args('input') input: SetShopShippingInput): Promise<ShopOrderSettings> {
    return this.settings.setShipping(input);
  }
}
