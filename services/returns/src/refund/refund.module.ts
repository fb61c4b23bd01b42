import { Module } from '@nestjs/common';
import { RefundLoaders } from './refund.loaders';
import { RefundWriter } from './refund.writer';

/**
 * Refunds: money paid back to the buyer. Public API: {@link RefundWriter} (issues the refund of a request that
 * reached SUCCESS, in the caller's transaction) and {@link RefundLoaders} (reads them back per request).
 */
@Module({
  providers: [RefundWriter, RefundLoaders],
  exports: [RefundWriter, RefundLoaders],
})
export class RefundModule {}
