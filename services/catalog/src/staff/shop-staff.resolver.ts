import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { NO_ACCESS, actingSellerId, currentContext, ownShopId } from '@sc/auth';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { Shop } from '../shop/shop.model';
import { StaffAccessView, StaffMemberConnection, StaffRole } from './staff.model';
import { StaffMemberStatus } from './staff-status';
import { StaffRepository } from './staff.repository';
import { DEFAULT_ROLE_VIEWS } from './staff-roles.catalogue';
import { customStaffRole, toStaffMember, toStaffRole } from './staff.mapper';

/** Staff fields on Shop: members and roles (owner only), and what the caller may do (every member). */
@Resolver(() => Shop)
export class ShopStaffResolver {
  constructor(private readonly staff: StaffRepository) {}

  @ResolveField(() => StaffMemberConnection, { nullable: true, description: "The shop's staff members, newest first (owner only)." })
  async staffMembers(
    @Parent() shop: Shop,
    @Args() page: PageArgs,
    @Args('status', { type: () => StaffMemberStatus, nullable: true }) status?: StaffMemberStatus,
  ) {
    const sellerId = ownShopId(shop.id, 'STAFF:VIEW', 'its staff');
    const { limit, afterKey } = readPageArgs(page);
    return toConnection((await this.staff.listMembers(sellerId, status ?? null, limit, afterKey)).map(toStaffMember), limit);
  }

  @ResolveField(() => [StaffRole], { nullable: true, description: 'The roles members can hold: the default ones, then the custom ones by name (owner only).' })
  async staffRoles(@Parent() shop: Shop): Promise<StaffRole[]> {
    const sellerId = ownShopId(shop.id, 'STAFF:VIEW', 'its staff roles');
    return [...DEFAULT_ROLE_VIEWS.map(toStaffRole), ...(await this.staff.customRoles(sellerId)).map(customStaffRole)];
  }

  @ResolveField(() => StaffAccessView, { description: 'What the calling staff member may do in this shop, as resolved for this request.' })
  myAccess(@Parent() shop: Shop): StaffAccessView {
    const { identity } = currentContext();
    if (actingSellerId(identity) !== shop.id) {
      throw new GraphQLError("Only the shop's own staff can read their access", { extensions: { code: 'FORBIDDEN' } });
    }
    const access = identity.access ?? NO_ACCESS;
    return { owner: access.owner, permissions: [...access.permissions] };
  }
}
