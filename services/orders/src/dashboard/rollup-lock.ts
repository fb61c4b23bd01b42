import { EntityManager } from 'typeorm';

const lockKey = (sellerId: string): string => `dashboard:${sellerId}`;

/** Serializes a shop's rollup writes with {@link rebuildDashboardRollups}, which replaces them wholesale. */
export const lockShopRollups = (manager: EntityManager, sellerId: string): Promise<unknown> =>
  manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey(sellerId)]);

/** Lets readers that cache a figure wait for the shop's rollup writers in flight (and not for each other). */
export const lockShopRollupsShared = (manager: EntityManager, sellerId: string): Promise<unknown> =>
  manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [lockKey(sellerId)]);
