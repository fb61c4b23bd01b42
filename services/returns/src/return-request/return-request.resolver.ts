import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ReturnLine, ReturnRequest } from './return-request.model';
import { ReturnRequestLoaders } from './return-request.loaders';
import { RequestReturnService } from './request-return.service';
import { RequestReturnInput } from './request-return.input';
import { toReturnLine, toReturnRequest } from './return-request.mapper';
import { ApproveRefundService } from './approve-refund.service';
import { ReturnDecisionInput } from './return-decision.input';
import { Refund } from '../refund/refund.model';
import { RefundLoaders } from '../refund/refund.loaders';
import { toRefund } from '../refund/refund.mapper';

@Resolver(() => ReturnRequest)
export class ReturnRequestResolver {
  constructor(
    private readonly loaders: ReturnRequestLoaders,
    private readonly requestReturnService: RequestReturnService,
    private readonly approveRefundService: ApproveRefundService,
    private readonly refundLoaders: RefundLoaders,
  ) {}

  @Query(() => ReturnRequest, { nullable: true, description: "A return request of the caller's shop, or the calling buyer's own." })
  async returnRequest(@Args('id', { type: () => ID }) id: string): Promise<ReturnRequest | null> {
    const entity = await this.loaders.requestById().load(id);
    return entity ? toReturnRequest(entity) : null;
  }

  @Mutation(() => ReturnRequest, {
    description: 'Buyer asks to return units of a confirmed order (at most 5 after-sales requests per order); the shop then decides.',
  })
  async requestReturn(@Args('input') input: RequestReturnInput): Promise<ReturnRequest> {
    return toReturnRequest(await this.requestReturnService.request(input));
  }

  @Mutation(() => ReturnRequest, {
    description: 'Seller grants a refund-only request (type REFUND; the buyer keeps the items): the refund is issued at once.',
  })
  async approveRefund(@Args('input') input: ReturnDecisionInput): Promise<ReturnRequest> {
    return toReturnRequest(await this.approveRefundService.approve(input));
  }

  @ResolveField(() => Refund, { nullable: true, description: 'The refund, once the request succeeded.' })
  async refund(@Parent() request: ReturnRequest): Promise<Refund | null> {
    const refund = await this.refundLoaders.refundByReturnId().load(request.id);
    return refund ? toRefund(refund, await this.refundLoaders.linesByRefundId().load(refund.id)) : null;
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
