import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, subgraphRootModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProjectionsModule } from './projections/projections.module';
import { ReturnRequestModule } from './return-request/return-request.module';
import { RefundModule } from './refund/refund.module';
import { ReferencesModule } from './references/references.module';
import { Shop } from './references/shop.model';

/**
 * The returns subgraph: buyers' return requests and their refunds, checked against a read model of orders.
 * Feature modules depend one way: references → return-request → refund → projections (files), and the read
 * model reaches return-request only through the `ORDER_CANCELLED_LISTENER` it is handed here.
 */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return subgraphRootModule(
      AppModule,
      { config, entities, migrations, orphanedTypes: [Shop], messaging: { publishes: ['returns.return.v1', 'returns.refund.v1', 'returns.audit.v1'] } },
      [ProjectionsModule.register({ orderCancelled: ReturnRequestModule }), ReturnRequestModule, RefundModule, ReferencesModule],
    );
  }
}
