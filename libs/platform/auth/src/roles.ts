/** Who a caller is acting as. A token may carry several. */
export type Role = 'SELLER_STAFF' | 'BUYER' | 'PLATFORM' | 'CARRIER';

/** Every role a token may carry. */
export const ROLES: readonly Role[] = ['SELLER_STAFF', 'BUYER', 'PLATFORM', 'CARRIER'];
