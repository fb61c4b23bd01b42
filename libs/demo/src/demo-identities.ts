import type { Identity } from '@sc/auth';

/** The shop the demo seller acts for; seed data and system tests use the same id. */
export const DEMO_SELLER_ID = 'shp_demo';

/** Callers for demos, the explorer and system tests (tokens from demo-token.ts). */
export const DEMO_IDENTITIES = {
  seller: { userId: 'usr_demo_seller', sellerId: DEMO_SELLER_ID, roles: ['SELLER_STAFF'] },
  buyer: { userId: 'usr_demo_buyer', sellerId: null, roles: ['BUYER'] },
  platform: { userId: 'usr_demo_platform', sellerId: null, roles: ['PLATFORM'] },
  carrier: { userId: 'usr_demo_carrier', sellerId: null, roles: ['CARRIER'] },
} as const satisfies Record<string, Identity>;

export type DemoRole = keyof typeof DEMO_IDENTITIES;

/** Buyers who place the demo orders; the first is the demo buyer. */
export const DEMO_BUYERS: Identity[] = [
  DEMO_IDENTITIES.buyer,
  ...['budi', 'chen'].map((name): Identity => ({ userId: `usr_demo_buyer_${name}`, sellerId: null, roles: ['BUYER'] })),
];
/**
 * The demo shop's owner: the seed registers the shop as this user, through the gateway, which resolves its
 * access from catalog on every request (so the identity carries none; a direct subgraph call would need `access`).
 */
export const DEMO_SELLER: Identity = DEMO_IDENTITIES.seller;
/** The platform operator who registers creators. */
export const DEMO_PLATFORM: Identity = DEMO_IDENTITIES.platform;
/** The carrier who scans and delivers the demo packages. */
export const DEMO_CARRIER: Identity = DEMO_IDENTITIES.carrier;
