import { Args, ID, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@sc/graphql';
import { Creator, CreatorConnection } from './creator.model';
import { CreatorLoaders } from './creator.loaders';
import { CreatorQueries } from './creator.queries';
import { RegisterCreatorService } from './register-creator.service';
import { RegisterCreatorInput } from './register-creator.input';
import { toCreator } from './creator.mapper';

@Resolver(() => Creator)
export class CreatorResolver {
  constructor(
    private readonly loaders: CreatorLoaders,
    private readonly queries: CreatorQueries,
    private readonly registerCreatorService: RegisterCreatorService,
  ) {}

  @Query(() => Creator, { nullable: true })
  async creator(@Args('id', { type: () => ID }) id: string): Promise<Creator | null> {
    const entity = await this.loaders.creatorById().load(id);
    return entity ? toCreator(entity) : null;
  }

  @Query(() => CreatorConnection, { description: 'The creator directory, newest first; `search` matches the start of the handle.' })
  creators(
    @Args() page: PageArgs,
    @Args('search', { type: () => String, nullable: true, description: 'Start of a handle, e.g. "anna".' }) search?: string | null,
  ) {
    return this.queries.list(page, search ?? null);
  }

  @Mutation(() => Creator, { description: 'Adds a creator to the directory (platform only; idempotent).' })
  async registerCreator(@Args('input') input: RegisterCreatorInput): Promise<Creator> {
    return toCreator(await this.registerCreatorService.register(input));
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Creator'; id: string }): Promise<Creator | null> {
    const entity = await this.loaders.creatorById().load(reference.id);
    return entity ? toCreator(entity) : null;
  }
}
