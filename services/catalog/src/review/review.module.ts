import { Module } from '@nestjs/common';
import { ProductModule } from '../product/product.module';
import { ProductReviewService } from './product-review.service';
import { ReviewResolver } from './review.resolver';

/** Platform review and enforcement (approve, reject, platform deactivate, freeze), run through product's `ProductCommandRunner`. Exports nothing. */
@Module({
  imports: [ProductModule],
  providers: [ProductReviewService, ReviewResolver],
})
export class ReviewModule {}
