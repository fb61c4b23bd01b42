import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { Shop } from '../shop/shop.model';
import { Sku } from '../product/sku.model';
import { ProductLoaders } from '../product/product.loaders';
import { toSku } from '../product/product.mapper';
import { Warehouse } from './warehouse.model';
import { StockQueries } from './stock-queries';
import { SkuStockStatus, SkuStockStatusConnection, toSkuStockStatus } from './sku-stock-status.model';

/** Inventory fields on Shop: warehouses and the out-of-stock list for the home page. */
@Resolver(() => Shop)
export class ShopInventoryResolver {
  constructor(private readonly queries: StockQueries) {}

  @ResolveField(() => [Warehouse], { nullable: true })
  async warehouses(@Parent() shop: Shop): Promise<Warehouse[]> {
    return (await this.queries.warehousesBySellerId().load(ownShopId(shop.id, 'INVENTORY:VIEW', 'its warehouses'))).map((w) => ({
      id: w.id,
      name: w.name,
      isDefault: w.isDefault,
    }));
  }

  @ResolveField(() => SkuStockStatusConnection, {
    nullable: true,
    description:
      'SKUs at or below their out-of-stock threshold that the seller can act on: SKUs of products that are live (ACTIVATE) or that the seller ' +
      'deactivated (SELLER_DEACTIVATED, back on sale at one click). SKUs of drafts, of products in review or suspended, and of deleted products are left out.',
  })
  async outOfStockSkus(@Parent() shop: Shop, @Args() page: PageArgs) {
    const { limit, afterKey } = readPageArgs(page);
    const rows = (await this.queries.outOfStock(ownShopId(shop.id, 'INVENTORY:VIEW', 'its stock'), limit, afterKey)).map(toSkuStockStatus);
    return toConnection(rows, limit);
  }

  @ResolveField(() => Int, { nullable: true, description: 'How many SKUs outOfStockSkus lists: out of stock, of live or seller-deactivated products.' })
  outOfStockSkuCount(@Parent() shop: Shop): Promise<number> {
    return this.queries.outOfStockCount(ownShopId(shop.id, 'INVENTORY:VIEW', 'its stock'));
  }
}

/** The SKU behind a stock status. */
@Resolver(() => SkuStockStatus)
export class SkuStockStatusResolver {
  constructor(private readonly products: ProductLoaders) {}

  @ResolveField(() => Sku, { nullable: true })
  async sku(@Parent() status: SkuStockStatus): Promise<Sku | null> {
    const entity = await this.products.skuById().load(status.skuId);
    return entity ? toSku(entity) : null;
  }
}
