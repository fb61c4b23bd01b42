import { ProjectedOrderEntity } from '../projections/projected-order.entity';
import { ProjectedOrderLineEntity } from '../projections/projected-order-line.entity';
import { ReturnRequestEntity } from '../return-request/return-request.entity';
import { ReturnLineEntity } from '../return-request/return-line.entity';
import { RefundEntity } from '../refund/refund.entity';
import { RefundLineEntity } from '../refund/refund-line.entity';

/** Every TypeORM entity of the returns database. */
export const entities = [ProjectedOrderEntity, ProjectedOrderLineEntity, ReturnRequestEntity, ReturnLineEntity, RefundEntity, RefundLineEntity];
