import { Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Product } from './product.model';
import { Sku } from './sku.model';
import { ProductLoaders } from './product.loaders';
import { productReadScope } from './read-scope';
import { toProduct, toSku } from './product.mapper';
import { InventoryLevel } from '../inventory/inventory-level.model';
import { InventoryLoaders } from '../inventory/inventory.loaders';
import { toInventoryLevel } from '../inventory/inventory.mapper';

@Resolver(() => Sku)
export class SkuResolver {
  constructor(
    private readonly loaders: ProductLoaders,
    private readonly inventoryLoaders: InventoryLoaders,
  ) {}

  @ResolveField(() => Product)
  async product(@Parent() sku: Sku): Promise<Product | null> {
    const entity = await this.loaders.productById().load(sku.productId);
    return entity ? toProduct(entity) : null;
  }

  @ResolveField(() => [InventoryLevel], { description: "Stock per warehouse; the owning seller's (and the platform's) view only, empty for anyone else." })
  async inventory(@Parent() sku: Sku): Promise<InventoryLevel[]> {
    // Buyers may see live SKUs and how many can be sold, never a shop's warehouses and stock states.
    const scope = productReadScope();
    if ('liveOnly' in scope) return [];
    const levels = await this.inventoryLoaders.levelsBySkuId().load(sku.id);
    return levels.filter((l) => !('sellerId' in scope) || l.sellerId === scope.sellerId).map(toInventoryLevel);
  }

  @ResolveField(() => Int, { description: 'Units that can be sold across all warehouses.' })
  async availableQuantity(@Parent() sku: Sku): Promise<number> {
    return (await this.inventoryLoaders.availableBySkuId().load(sku.id))?.available ?? 0;
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Sku'; id: string }): Promise<Sku | null> {
    const entity = await this.loaders.skuById().load(reference.id);
    return entity ? toSku(entity) : null;
  }
}
