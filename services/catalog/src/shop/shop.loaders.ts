import { Injectable } from '@nestjs/common';
import { batchLoader } from '@sc/graphql';
import { actingSellerId, activeStaffSellerId, currentContext } from '@sc/auth';
import { ShopRepository } from './shop.repository';
import { ShopEntity } from './shop.entity';

@Injectable()
export class ShopLoaders {
  constructor(private readonly shops: ShopRepository) {}

  /** Shops by id; a seller sees only their own shop, other callers see none. */
  shopById() {
    return batchLoader<string, ShopEntity>(
      'catalog.shopById',
      (ids) => {
        // Only an active member of the shop sees it (FORBIDDEN for a deactivated one); other callers see no shop.
        const own = actingSellerId(currentContext().identity) === null ? null : activeStaffSellerId();
        return this.shops.findByIds(ids.filter((id) => id === own));
      },
      (shop) => shop.id,
    );
  }
}
