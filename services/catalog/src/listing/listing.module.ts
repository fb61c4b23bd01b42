import { Module } from '@nestjs/common';
import { ListingResolver } from './listing.resolver';

/** The `checkListing` dry run of the listing check a submit applies (`product/listing-check.ts`). Exports nothing. */
@Module({
  providers: [ListingResolver],
})
export class ListingModule {}
