import { ShopEntity } from '../shop/shop.entity';
import { WarehouseEntity } from '../inventory/warehouse.entity';
import { ProductEntity } from '../product/product.entity';
import { SkuEntity } from '../product/sku.entity';
import { ProductRevisionEntity } from '../product/product-revision.entity';
import { InventoryLevelEntity } from '../inventory/inventory-level.entity';
import { StockMovementEntity } from '../inventory/stock-movement.entity';
import { StaffMemberEntity } from '../staff/staff-member.entity';
import { StaffRoleEntity } from '../staff/staff-role.entity';
import { StaffMemberRoleEntity } from '../staff/staff-member-role.entity';

/** Every TypeORM entity of the catalog database. */
export const entities = [
  ShopEntity,
  WarehouseEntity,
  ProductEntity,
  SkuEntity,
  ProductRevisionEntity,
  InventoryLevelEntity,
  StockMovementEntity,
  StaffMemberEntity,
  StaffRoleEntity,
  StaffMemberRoleEntity,
];
