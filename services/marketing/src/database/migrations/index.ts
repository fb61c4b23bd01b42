import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { SkuPaidPrices1764700000000 } from './1764700000000-sku-paid-prices';
import { PromotionTiers1764710000000 } from './1764710000000-promotion-tiers';

/** Every migration of the marketing database, oldest first. */
export const migrations = [InitialSchema1764100000000, SkuPaidPrices1764700000000, PromotionTiers1764710000000];
