import { Module } from '@nestjs/common';
import { ShopStaffResolver } from './shop-staff.resolver';
import { StaffResolver } from './staff.resolver';
import { StaffRepository } from './staff.repository';
import { StaffLoaders } from './staff.loaders';
import { StaffMembersService } from './staff-members.service';
import { StaffRolesService } from './staff-roles.service';
import { StaffAccessService } from './staff-access.service';
import { StaffAccessController } from './staff-access.controller';
import { InvitationExpiryService } from './invitation-expiry.service';

/**
 * A shop's staff (issue #14): members (invite, accept, deactivate, reactivate, roles) and custom roles,
 * the Shop fields `staffMembers`, `staffRoles` and `myAccess`, the expiry of invitations not accepted in
 * 120 h (`InvitationExpiryService`, due work and a poller), and `POST /internal/staff-access`, which the
 * gateway asks for each staff request what the caller may do. Depends on the shop module only for the
 * Shop type; reads `shops.owner_user_id` in SQL. Exports nothing.
 */
@Module({
  controllers: [StaffAccessController],
  providers: [
    StaffRepository,
    StaffLoaders,
    StaffMembersService,
    StaffRolesService,
    StaffAccessService,
    InvitationExpiryService,
    StaffResolver,
    ShopStaffResolver,
  ],
})
export class StaffModule {}
