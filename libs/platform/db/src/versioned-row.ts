import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every aggregate root's row carries: `version` (bumped by each change, stamped on its events
 * as `aggregateVersion`) and when the row was created and last changed (written from the service clock by
 * the use cases; the database default only covers rows inserted outside them). An entity extends it.
 */
export abstract class VersionedRow {
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/**
 * A shop's aggregate root: its prefixed id, the seller (shop) it belongs to — every read and write of it is
 * scoped by that — and the version and timestamps of {@link VersionedRow}.
 */
export abstract class ShopAggregateRow extends VersionedRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;
}

/** The version and timestamps of an aggregate's row as its first change inserts it: version 1, created and updated at `now`. */
export function firstVersionAt(now: Date): Pick<VersionedRow, 'version' | 'createdAt' | 'updatedAt'> {
  return { version: 1, createdAt: now, updatedAt: now };
}
