import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { staffSellerId } from '@sc/auth';
import { InventoryLevel } from './inventory-level.model';
import { Warehouse } from './warehouse.model';
import { SkuStockStatus, toSkuStockStatus } from './sku-stock-status.model';
import { InventoryCommandsService } from './inventory-commands.service';
import { WarehouseService } from './warehouse.service';
import { StockQueries } from './stock-queries';
import { toInventoryLevel } from './inventory.mapper';
import { AdjustInventoryInput, CreateWarehouseInput, MoveInventoryStateInput, SetInventoryInput, SetOutOfStockThresholdInput } from './inventory.inputs';

/** Seller mutations on warehouses and stock. */
@Resolver()
export class InventoryResolver {
  constructor(
    private readonly commands: InventoryCommandsService,
    private readonly warehouses: WarehouseService,
    private readonly queries: StockQueries,
  ) {}

  @Mutation(() => Warehouse, { description: "Creates a warehouse in the calling seller's shop." })
  async createWarehouse(@Args('input') input: CreateWarehouseInput): Promise<Warehouse> {
    const w = await this.warehouses.create(staffSellerId('INVENTORY:EDIT'), input);
    return { id: w.id, name: w.name, isDefault: w.isDefault };
  }

  @Mutation(() => InventoryLevel, { description: 'Adds or removes on-hand units; removing never takes available below 0.' })
  async adjustInventory(@Args('input') input: AdjustInventoryInput): Promise<InventoryLevel> {
    return toInventoryLevel(await this.commands.adjust(staffSellerId('INVENTORY:EDIT'), input));
  }

  @Mutation(() => InventoryLevel, { description: 'Sets on hand if it still equals expectedQuantity (else STALE_QUANTITY, nothing written).' })
  async setInventory(@Args('input') input: SetInventoryInput): Promise<InventoryLevel> {
    return toInventoryLevel(await this.commands.set(staffSellerId('INVENTORY:EDIT'), input));
  }

  @Mutation(() => InventoryLevel, { description: 'Moves on-hand units between available and the unsellable states.' })
  async moveInventoryState(@Args('input') input: MoveInventoryStateInput): Promise<InventoryLevel> {
    return toInventoryLevel(await this.commands.move(staffSellerId('INVENTORY:EDIT'), input));
  }

  @Mutation(() => SkuStockStatus, { description: 'Sets the available quantity at or below which the SKU counts as out of stock.' })
  async setOutOfStockThreshold(@Args('input') input: SetOutOfStockThresholdInput): Promise<SkuStockStatus> {
    await this.commands.setThreshold(staffSellerId('INVENTORY:EDIT'), input);
    // A SKU loaded earlier in this request primed the status as it was before the change.
    this.queries.statusBySkuId().clear(input.skuId);
    return toSkuStockStatus((await this.queries.statusBySkuId().load(input.skuId))!);
  }
}
