import { WriteTx } from '@sc/kit';

/**
 * Opens a newly registered shop's default warehouse ("Main warehouse"), in the registration's transaction.
 * The shop module declares it and depends on nothing; the inventory module, which owns warehouses, provides it.
 */
export interface DefaultWarehouseWriter {
  createDefaultWarehouse(tx: WriteTx, sellerId: string): Promise<void>;
}

export const DEFAULT_WAREHOUSE_WRITER = Symbol('catalog.DEFAULT_WAREHOUSE_WRITER');
