import { Module } from '@nestjs/common';
import { ORDER_CANCELLED_LISTENER } from '../projections/order-cancelled.listener';
import { RefundModule } from '../refund/refund.module';
import { ApproveRefundService } from './approve-refund.service';
import { CloseRequestsOfCancelledOrder } from './close-requests-of-cancelled-order';
import { RequestReturnService } from './request-return.service';
import { ReturnRequestLoaders } from './return-request.loaders';
import { ReturnRequestQueries } from './return-request.queries';
import { ReturnRequestRepository } from './return-request.repository';
import { ReturnRequestResolver } from './return-request.resolver';

/**
 * Buyers' after-sales requests: asking (`requestReturn`), the seller's `approveRefund` (which issues the refund
 * through refund's `RefundWriter`), and closing undecided ones when orders cancels the whole order.
 * Public API: the read services the references resolvers use, and `ORDER_CANCELLED_LISTENER` for the read model.
 */
@Module({
  imports: [RefundModule],
  providers: [
    ReturnRequestRepository,
    ReturnRequestLoaders,
    ReturnRequestQueries,
    RequestReturnService,
    ApproveRefundService,
    CloseRequestsOfCancelledOrder,
    { provide: ORDER_CANCELLED_LISTENER, useExisting: CloseRequestsOfCancelledOrder },
    ReturnRequestResolver,
  ],
  exports: [ReturnRequestLoaders, ReturnRequestQueries, ORDER_CANCELLED_LISTENER],
})
export class ReturnRequestModule {}
