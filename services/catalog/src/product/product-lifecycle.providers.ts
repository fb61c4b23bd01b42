import { ProductCommandRunner } from './product-command.runner';
import { ProductLifecycleService } from './product-lifecycle.service';
import { ProductReviewService } from '../review/product-review.service';
import { ReviewResolver } from '../review/review.resolver';
import { ListingResolver } from '../listing/listing.resolver';

/** Providers of the product lifecycle: seller commands, platform review and the listing dry run. */
export const PRODUCT_LIFECYCLE_PROVIDERS = [ProductCommandRunner, ProductLifecycleService, ProductReviewService, ReviewResolver, ListingResolver];
