import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { permissionsOfRoles } from './staff-roles.catalogue';
import { DeleteStaffRolePayload, InviteStaffPayload, StaffMember, StaffRole } from './staff.model';
import {
  AcceptStaffInvitationInput,
  CreateStaffRoleInput,
  DeleteStaffRoleInput,
  InviteStaffInput,
  SetStaffRolesInput,
  StaffMemberCommandInput,
  UpdateStaffRoleInput,
} from './staff.inputs';
import { StaffMembersService } from './staff-members.service';
import { StaffRolesService } from './staff-roles.service';
import { StaffLoaders } from './staff.loaders';
import { customStaffRole, memberRole, toStaffMember } from './staff.mapper';

/** Staff mutations (owner only, except acceptStaffInvitation) and a member's roles and permissions. */
@Resolver(() => StaffMember)
export class StaffResolver {
  constructor(
    private readonly members: StaffMembersService,
    private readonly staffRoles: StaffRolesService,
    private readonly loaders: StaffLoaders,
  ) {}

  @Mutation(() => InviteStaffPayload, { description: 'Invites someone to the shop with roles (owner only); the invitation expires after 120 h.' })
  async inviteStaff(@Args('input') input: InviteStaffInput): Promise<InviteStaffPayload> {
    const { member, invitationCode } = await this.members.invite(input);
    return { member: toStaffMember(member), invitationCode };
  }

  @Mutation(() => StaffMember, { description: "Accepts an invitation to the caller's shop with its code; the member becomes ACTIVE." })
  async acceptStaffInvitation(@Args('input') input: AcceptStaffInvitationInput): Promise<StaffMember> {
    return toStaffMember(await this.members.accept(input));
  }

  @Mutation(() => StaffMember, { description: 'Switches an active member off, or withdraws a pending invitation (owner only).' })
  async deactivateStaff(@Args('input') input: StaffMemberCommandInput): Promise<StaffMember> {
    return toStaffMember(await this.members.deactivate(input));
  }

  @Mutation(() => StaffMember, { description: 'Gives a deactivated member who had accepted their access back (owner only).' })
  async reactivateStaff(@Args('input') input: StaffMemberCommandInput): Promise<StaffMember> {
    return toStaffMember(await this.members.reactivate(input));
  }

  @Mutation(() => StaffMember, { description: "Replaces a member's roles (owner only)." })
  async setStaffRoles(@Args('input') input: SetStaffRolesInput): Promise<StaffMember> {
    return toStaffMember(await this.members.setRoles(input));
  }

  @Mutation(() => StaffRole, { description: 'Creates a custom role (owner only).' })
  async createStaffRole(@Args('input') input: CreateStaffRoleInput): Promise<StaffRole> {
    return customStaffRole(await this.staffRoles.create(input));
  }

  @Mutation(() => StaffRole, { description: "Renames a custom role or replaces its permissions (owner only); its members' access follows." })
  async updateStaffRole(@Args('input') input: UpdateStaffRoleInput): Promise<StaffRole> {
    return customStaffRole(await this.staffRoles.update(input));
  }

  @Mutation(() => DeleteStaffRolePayload, { description: 'Deletes a custom role nobody holds (owner only); CONFLICT while members hold it.' })
  async deleteStaffRole(@Args('input') input: DeleteStaffRoleInput): Promise<DeleteStaffRolePayload> {
    return { deletedRoleId: await this.staffRoles.delete(input) };
  }

  @ResolveField(() => [StaffRole], { description: 'The roles the member holds.' })
  async roles(@Parent() member: StaffMember): Promise<StaffRole[]> {
    const rows = await this.loaders.rolesByMemberId().load(member.id);
    return rows.map(memberRole).filter((role): role is StaffRole => role !== null);
  }

  @ResolveField(() => [String], { description: "What the member may do once active: the union of its roles' permissions." })
  async permissions(@Parent() member: StaffMember): Promise<string[]> {
    const rows = await this.loaders.rolesByMemberId().load(member.id);
    const custom = new Map(rows.filter((r) => r.customPermissions !== null).map((r) => [r.roleRef, r.customPermissions!]));
    return permissionsOfRoles(
      rows.map((r) => r.roleRef),
      custom,
    );
  }
}
