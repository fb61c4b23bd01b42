import type { Identity } from '@sc/auth';

/** The shop the demo seller acts for; seed data and system tests use the same id. */
export const DEMO_SELLER_ID = 'shp_demo';

/** Callers for demos, the explorer and system tests (tokens from demo-token.ts). */
export const DEMO_IDENTITIES = {
  seller: { userId: 'usr_demo_seller', sellerId: DEMO_SELLER_ID, roles: ['SELLER_STAFF'] },
  buyer: { userId: 'usr_demo_buyer', sellerId: null, roles: ['BUYER'] },
  platform: { userId: 'usr_demo_platform', sellerId: null, roles: ['PLATFORM'] },
} as const satisfies Record<string, Identity>;

export type DemoRole = keyof typeof DEMO_IDENTITIES;
