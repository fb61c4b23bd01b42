import { Args, Query, Resolver } from '@nestjs/graphql';
import { staffSellerId } from '@sc/auth';
import { assertValid, checkText } from '@sc/graphql';
import { ListingCheckInput, ListingCheckResult } from './listing-check.model';
import { checkListing } from '../product/listing-check';
import { checkAttributes, checkCategoryId, checkImages } from '../product/product-content.validation';

@Resolver()
export class ListingResolver {
  @Query(() => ListingCheckResult, { description: 'Dry run of the listing check a submit for review applies; writes nothing.' })
  checkListing(@Args('input') input: ListingCheckInput): ListingCheckResult {
    staffSellerId('PRODUCTS:VIEW');
    // Malformed input (control characters, oversize fields) is a request error, not a listing finding.
    assertValid([
      ...checkText('title', input.title, 0, 1000),
      ...checkText('description', input.description, 0, 10_000),
      ...checkCategoryId('categoryId', input.categoryId),
      ...checkImages('images', input.images),
      ...checkAttributes('attributes', input.attributes),
    ]);
    const problems = checkListing({ ...input, categoryId: input.categoryId?.trim() || null });
    return { passed: problems.length === 0, problems };
  }
}
