import { Module } from '@nestjs/common';
import { DashboardEventHandlers } from './dashboard.handlers';
import { DashboardResolver } from './dashboard.resolver';
import { SalesSummaryQueries } from './sales-summary.queries';

/**
 * The seller home dashboard: its rollups, fed by `DashboardEventHandlers`, and `Shop.salesSummary` /
 * `Shop.actionCounters`. Exports nothing.
 */
@Module({
  providers: [DashboardEventHandlers, SalesSummaryQueries, DashboardResolver],
})
export class DashboardModule {}
