import { Identity } from '@sc/auth';

/** The demo shop's staff member; `npm start` prints a token for it. */
export const DEMO_SELLER: Identity = { userId: 'usr_demo_seller', sellerId: 'shp_demo', roles: ['SELLER_STAFF'] };
/** Buyers who place the demo orders. */
export const DEMO_BUYERS: Identity[] = ['ana', 'budi', 'chen'].map((name) => ({ userId: `byr_demo_${name}`, sellerId: null, roles: ['BUYER'] }));
/** The platform operator who registers creators. */
export const DEMO_PLATFORM: Identity = { userId: 'usr_demo_platform', sellerId: null, roles: ['PLATFORM'] };
