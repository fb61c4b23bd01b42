import { SkuPriceEntity } from '../projections/sku-price.entity';
import { OrderEntity } from '../order/order.entity';
import { OrderLineEntity } from '../order/order-line.entity';
import { LIFECYCLE_ENTITIES } from '../order/lifecycle/lifecycle.entities';

/** Every TypeORM entity of the orders database. */
export const entities = [SkuPriceEntity, OrderEntity, OrderLineEntity, ...LIFECYCLE_ENTITIES];
