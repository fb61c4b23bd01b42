import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Product } from '../collaboration/product.model';
import { Collaboration } from '../collaboration/collaboration.model';
import { CollaborationLoaders } from '../collaboration/collaboration.loaders';
import { CollaborationParent, toCollaboration } from '../collaboration/collaboration.mapper';

/** The collaboration fields of catalog's Product. */
@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly loaders: CollaborationLoaders) {}

  @ResolveField(() => [Collaboration], { nullable: true, description: "The product's creator collaborations, newest first; only its own shop sees them." })
  async collaborations(@Parent() product: Product): Promise<CollaborationParent[]> {
    return (await this.loaders.collaborationsByProductId().load(product.id)).map(toCollaboration);
  }

  // No lookup: visibility is decided per field through the seller-scoped loader, so N references cost no SQL here.
  @ResolveReference()
  resolveReference(reference: { __typename: 'Product'; id: string }): Product {
    return { id: reference.id };
  }
}
