import { InitialSchema1764100000000 } from './1764100000000-initial-schema';
import { ProductSellability1764300000000 } from './1764300000000-product-sellability';
import { OrderLifecycle1764320000000 } from './1764320000000-order-lifecycle';
import { InquiriesAndDashboard1764330000000 } from './1764330000000-inquiries-and-dashboard';
import { DashboardRefunds1764460000000 } from './1764460000000-dashboard-refunds';
import { LineCancellationAndShopSettings1764470000000 } from './1764470000000-line-cancellation-and-shop-settings';
import { DashboardBuyerRollups1764500000000 } from './1764500000000-dashboard-buyer-rollups';
import { DashboardActionCounters1764510000000 } from './1764510000000-dashboard-action-counters';
import { ShopShippingSettings1764600000000 } from './1764600000000-shop-shipping-settings';
import { PromotionOffersAndPriceLayers1764700000000 } from './1764700000000-promotion-offers-and-price-layers';
import { TieredPromotionOffers1764710000000 } from './1764710000000-tiered-promotion-offers';

/** Every migration of the orders database, oldest first. */
export const migrations = [
  InitialSchema1764100000000,
  ProductSellability1764300000000,
  OrderLifecycle1764320000000,
  InquiriesAndDashboard1764330000000,
  DashboardRefunds1764460000000,
  LineCancellationAndShopSettings1764470000000,
  DashboardBuyerRollups1764500000000,
  DashboardActionCounters1764510000000,
  ShopShippingSettings1764600000000,
  PromotionOffersAndPriceLayers1764700000000,
  TieredPromotionOffers1764710000000,
];
