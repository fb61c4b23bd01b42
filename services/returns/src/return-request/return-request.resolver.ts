import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ReturnLine, ReturnRequest } from './return-request.model';
import { ReturnRequestLoaders } from './return-request.loaders';
import { RequestReturnService } from './request-return.service';
import { RequestReturnInput } from './request-return.input';
import { toReturnLine, toReturnRequest } from './return-request.mapper';

@Resolver(() => ReturnRequest)
export class ReturnRequestResolver {
  constructor(
    private readonly loaders: ReturnRequestLoaders,
    private readonly requestReturnService: RequestReturnService,
  ) {}

  @Query(() => ReturnRequest, { nullable: true, description: "A return request of the caller's shop, or the calling buyer's own." })
  async returnRequest(@Args('id', { type: () => ID }) id: string): Promise<ReturnRequest | null> {
    const entity = await this.loaders.requestById().load(id);
    return entity ? toReturnRequest(entity) : null;
  }

  @Mutation(() => ReturnRequest, { description: 'Buyer asks to return units of a confirmed order; the shop then decides.' })
  async requestReturn(@Args('input') input: RequestReturnInput): Promise<ReturnRequest> {
    return toReturnRequest(await this.requestReturnService.request(input));
  }

  @ResolveField(() => [ReturnLine])
  async lines(@Parent() request: ReturnRequest): Promise<ReturnLine[]> {
    return (await this.loaders.linesByRequestId().load(request.id)).map(toReturnLine);
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'ReturnRequest'; id: string }): Promise<ReturnRequest | null> {
    const entity = await this.loaders.requestById().load(reference.id);
    return entity ? toReturnRequest(entity) : null;
  }
}
