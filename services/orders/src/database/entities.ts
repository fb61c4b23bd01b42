import { SkuPriceEntity } from '../projections/sku-price.entity';
import { OrderEntity } from '../order/order.entity';
import { OrderLineEntity } from '../order/order-line.entity';
import { PackageEntity, PackageLineEntity } from '../fulfilment/package.entity';
import { CancellationRequestEntity } from '../cancellation/cancellation-request.entity';
import { OrderTimerEntity } from '../scheduler/order-timer.entity';

/** Every TypeORM entity of the orders database. */
export const entities = [SkuPriceEntity, OrderEntity, OrderLineEntity, PackageEntity, PackageLineEntity, CancellationRequestEntity, OrderTimerEntity];
