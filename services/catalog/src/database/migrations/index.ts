import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { ProductLifecycle1764300000000 } from './1764300000000-product-lifecycle';
import { InventoryStatesAndTraffic1764310000000 } from './1764310000000-inventory-states-and-traffic';
import { ProductOutOfStockAndLedgerGuard1764420000000 } from './1764420000000-product-out-of-stock-and-ledger-guard';
import { SkuListingStatusAndProductListIndexes1764480000000 } from './1764480000000-sku-listing-status-and-product-list-indexes';
import { StaffMembersAndRoles1764600000000 } from './1764600000000-staff-members-and-roles';
import { AuditLog1764700000000 } from './1764700000000-audit-log';

/** Every migration of the catalog database, oldest first. */
export const migrations = [
  InitialSchema1764100000000,
  ProductLifecycle1764300000000,
  InventoryStatesAndTraffic1764310000000,
  ProductOutOfStockAndLedgerGuard1764420000000,
  SkuListingStatusAndProductListIndexes1764480000000,
  StaffMembersAndRoles1764600000000,
  AuditLog1764700000000,
];
