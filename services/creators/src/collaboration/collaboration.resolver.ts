import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Collaboration } from './collaboration.model';
import { CollaborationLoaders } from './collaboration.loaders';
import { CreateCollaborationService } from './create-collaboration.service';
import { CreateCollaborationInput } from './create-collaboration.input';
import { CollaborationParent, toCollaboration } from './collaboration.mapper';
import { Creator } from '../creator/creator.model';
import { CreatorLoaders } from '../creator/creator.loaders';
import { toCreator } from '../creator/creator.mapper';

@Resolver(() => Collaboration)
export class CollaborationResolver {
  constructor(
    private readonly loaders: CollaborationLoaders,
    private readonly creatorLoaders: CreatorLoaders,
    private readonly createCollaborationService: CreateCollaborationService,
  ) {}

  @Query(() => Collaboration, { nullable: true, description: "A collaboration of the caller's shop." })
  async collaboration(@Args('id', { type: () => ID }) id: string): Promise<CollaborationParent | null> {
    const entity = await this.loaders.collaborationById().load(id);
    return entity ? toCollaboration(entity) : null;
  }

  @Mutation(() => Collaboration, { description: "Offers a creator a commission on one of the shop's products (idempotent)." })
  async createCollaboration(@Args('input') input: CreateCollaborationInput): Promise<CollaborationParent> {
    return toCollaboration(await this.createCollaborationService.create(input));
  }

  @ResolveField(() => Creator)
  async creator(@Parent() collaboration: CollaborationParent): Promise<Creator> {
    const entity = await this.creatorLoaders.creatorById().load(collaboration.creatorId);
    // The creators FK guarantees the row; only a caller barred from the directory could miss it.
    if (!entity) throw new Error(`Creator ${collaboration.creatorId} of collaboration ${collaboration.id} is not readable`);
    return toCreator(entity);
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Collaboration'; id: string }): Promise<CollaborationParent | null> {
    const entity = await this.loaders.collaborationById().load(reference.id);
    return entity ? toCollaboration(entity) : null;
  }
}
