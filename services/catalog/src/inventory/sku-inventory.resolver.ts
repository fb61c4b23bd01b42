import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { staffSellerId } from '@sc/auth';
import { MAX_PAGE_SIZE, PageArgs, ValidationFailedError } from '@sc/graphql';
import { Sku } from '../product/sku.model';
import { productReadScope } from '../product/read-scope';
import { InventoryRepository } from './inventory.repository';
import { InventoryLoaders } from './inventory.loaders';
import { InventoryLevel } from './inventory-level.model';
import { toInventoryLevel } from './inventory.mapper';
import { StockQueries } from './stock-queries';
import { StockMovementConnection, decodeMovementCursor, toMovementConnection } from './stock-movement.model';

/** Inventory fields on Sku (the Sku type itself belongs to the product module). */
@Resolver(() => Sku)
export class SkuInventoryResolver {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly inventoryLoaders: InventoryLoaders,
    private readonly queries: StockQueries,
  ) {}

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

  @ResolveField(() => StockMovementConnection, { nullable: true, description: 'The stock ledger of this SKU, newest first.' })
  async stockMovements(@Parent() sku: Sku, @Args() page: PageArgs): Promise<StockMovementConnection> {
    const first = page.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new ValidationFailedError([{ field: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
    }
    const before = page.after ? decodeMovementCursor(page.after) : null;
    return toMovementConnection(await this.repository.listMovements(staffSellerId('INVENTORY:VIEW'), sku.id, first, before), first);
  }

  @ResolveField(() => Int, { description: 'Out of stock when available units summed over all warehouses are at or below this (default 0).' })
  async outOfStockThreshold(@Parent() sku: Sku): Promise<number> {
    return (await this.queries.statusBySkuId().load(sku.id))?.out_of_stock_threshold ?? 0;
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether available units summed over all warehouses are at or below outOfStockThreshold (stock in one warehouse covers an empty one). ' +
      'The same flag drives Shop.outOfStockSkus, the product filter outOfStock and sku.out_of_stock / sku.back_in_stock.',
  })
  async outOfStock(@Parent() sku: Sku): Promise<boolean> {
    return (await this.queries.statusBySkuId().load(sku.id))?.out_of_stock ?? false;
  }
}
