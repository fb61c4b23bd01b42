import { registerEnumType } from '@nestjs/graphql';
import { ActorType } from '@sc/events';
import { TransitionTable } from '@sc/kit';

/** Lifecycle of a package. */
export enum PackageStatus {
  CREATED = 'CREATED',
  AWAITING_COLLECTION = 'AWAITING_COLLECTION',
  IN_TRANSIT = 'IN_TRANSIT',
  DELIVERED = 'DELIVERED',
  /** Packed but never shipped when the platform cancelled its units (auto-cancel of a partially shipped order). */
  CANCELLED = 'CANCELLED',
}

registerEnumType(PackageStatus, { name: 'PackageStatus' });

/** Something that can happen to a package. */
export type PackageAction = 'ship' | 'scan' | 'deliver';

/** Every allowed package transition and its actor; anything else is INVALID_TRANSITION. */
export const PACKAGE_TRANSITIONS: ReadonlyArray<{ from: PackageStatus; action: PackageAction; to: PackageStatus; actor: ActorType }> = [
  { from: PackageStatus.CREATED, action: 'ship', to: PackageStatus.AWAITING_COLLECTION, actor: 'SELLER_STAFF' },
  { from: PackageStatus.AWAITING_COLLECTION, action: 'scan', to: PackageStatus.IN_TRANSIT, actor: 'CARRIER' },
  { from: PackageStatus.IN_TRANSIT, action: 'deliver', to: PackageStatus.DELIVERED, actor: 'CARRIER' },
];

const PACKAGE_TABLE = new TransitionTable<PackageStatus, PackageAction>(
  'Package',
  PACKAGE_TRANSITIONS.map(({ actor, ...row }) => ({ ...row, actors: [actor] })),
);

/** The package status after `action`, or INVALID_TRANSITION. */
export const nextPackageStatus = (from: PackageStatus, action: PackageAction, actor: ActorType): PackageStatus => PACKAGE_TABLE.next(from, action, actor);
