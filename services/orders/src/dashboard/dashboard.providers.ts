import { Provider, Type } from '@nestjs/common';
import { EventHandler } from '@sc/messaging';
import { DashboardResolver } from './dashboard.resolver';
import {
  OrderCancelledDashboardHandler, OrderLinesCancelledDashboardHandler, OrderPaidDashboardHandler, PageViewedDashboardHandler, ProductSellerDashboardHandler, RefundIssuedDashboardHandler,
  ShopRegisteredDashboardHandler,
} from './dashboard.handlers';
import { SalesSummaryQueries } from './sales-summary.queries';

/** The event handlers that keep the dashboard's projections and rollups. */
export const DASHBOARD_HANDLERS: Type<EventHandler>[] = [
  ShopRegisteredDashboardHandler, OrderPaidDashboardHandler, OrderCancelledDashboardHandler, OrderLinesCancelledDashboardHandler, ProductSellerDashboardHandler, PageViewedDashboardHandler,
  RefundIssuedDashboardHandler,
];

/** Everything the home dashboard adds to the orders module. */
export const DASHBOARD_PROVIDERS: Provider[] = [...DASHBOARD_HANDLERS, SalesSummaryQueries, DashboardResolver];
