import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, subgraphRootModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
// The printed schema lists object types in the order their files are first loaded, so these imports keep the
// committed order; `InventoryLevel` is loaded on its own before the listing types, where it has always been.
import { ShopModule } from './shop/shop.module';
import { ProductModule } from './product/product.module';
import { ReviewModule } from './review/review.module';
import './inventory/inventory-level.model';
import { ListingModule } from './listing/listing.module';
import { InventoryModule } from './inventory/inventory.module';
import { TrafficModule } from './traffic/traffic.module';
import { StaffModule } from './staff/staff.module';
import { AuditModule } from './audit/audit.module';

/**
 * The catalog subgraph: shops, products, SKUs, inventory, the shop's staff and its audit log. Feature modules depend one way:
 * product → shop; review, listing → product; inventory, traffic → product, shop; staff, audit → shop. Shop and product reach stock only through
 * the ports they declare (`DEFAULT_WAREHOUSE_WRITER`; `SKU_STOCK_WRITER`, `SKU_STOCK_READS`), which the
 * global inventory module provides. The order of `imports` is the order of the Query and Mutation fields and
 * of the fields each module's resolvers add to Shop, Product and Sku in the printed schema.
 */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return subgraphRootModule(
      AppModule,
      { config, entities, migrations, messaging: { publishes: ['catalog.product.v1', 'catalog.inventory.v1', 'catalog.staff.v1', 'catalog.audit.v1'] } },
      [ShopModule, ProductModule, ReviewModule, ListingModule, InventoryModule, TrafficModule, StaffModule, AuditModule],
    );
  }
}
