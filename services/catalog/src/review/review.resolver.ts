import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Product } from '../product/product.model';
import { toProduct } from '../product/product.mapper';
import { ProductCommandInput } from '../product/lifecycle.inputs';
import { ProductReviewService } from './product-review.service';
import { PlatformProductActionInput, RejectProductInput } from './review.inputs';

/** Platform review and enforcement; every mutation needs the PLATFORM role (FORBIDDEN otherwise). */
@Resolver(() => Product)
export class ReviewResolver {
  constructor(private readonly review: ProductReviewService) {}

  @Mutation(() => Product, { description: 'Platform: approves a product in review (→ ACTIVATE) or the pending revision of a live product.' })
  async approveProduct(@Args('input') input: ProductCommandInput): Promise<Product> {
    return toProduct(await this.review.approve(input));
  }

  @Mutation(() => Product, { description: 'Platform: rejects a product in review (→ FAILED) or a pending revision, with findings.' })
  async rejectProduct(@Args('input') input: RejectProductInput): Promise<Product> {
    return toProduct(await this.review.reject(input));
  }

  @Mutation(() => Product, { description: 'Platform: deactivates a live product for a policy violation.' })
  async platformDeactivateProduct(@Args('input') input: PlatformProductActionInput): Promise<Product> {
    return toProduct(await this.review.platformDeactivate(input));
  }

  @Mutation(() => Product, { description: 'Platform: freezes a product after a severe violation; it can no longer be edited or resubmitted.' })
  async freezeProduct(@Args('input') input: PlatformProductActionInput): Promise<Product> {
    return toProduct(await this.review.freeze(input));
  }
}
