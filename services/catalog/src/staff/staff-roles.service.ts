import { Injectable } from '@nestjs/common';
import { staffSellerId, unionOfPermissions } from '@sc/auth';
import { firstVersionAt, isUniqueViolation, newId } from '@sc/db';
import { AppError, NotFoundError, assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { StaffRoleEntity } from './staff-role.entity';
import { StaffRepository } from './staff.repository';
import { CreateStaffRoleInput, DeleteStaffRoleInput, UpdateStaffRoleInput } from './staff.inputs';
import { validateCreateStaffRole, validateRoleCommand, validateUpdateStaffRole } from './staff.validation';
import { staffRoleChanged } from './staff.events';

const nameTaken = () => new AppError('CONFLICT', 'The shop already has a role with this name', { field: 'name' });

/**
 * A shop's custom roles (next to the default ones, which cannot change): create, edit, delete, by the
 * owner only (STAFF:EDIT). Each change records `staff.role_changed`, naming the members it affects.
 * A role still held by a member (other than an expired invitation) cannot be deleted: CONFLICT, so that no
 * member loses access silently; the owner moves them to other roles first.
 */
@Injectable()
export class StaffRolesService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly staff: StaffRepository,
  ) {}

  async create(input: CreateStaffRoleInput): Promise<StaffRoleEntity> {
    const sellerId = staffSellerId('STAFF:EDIT');
    assertValid(validateCreateStaffRole(input));
    const roleId = await this.mapNameTaken(() =>
      this.runner.run({ operation: 'createStaffRole', actor: 'SELLER_STAFF', permission: 'STAFF:EDIT', input, scope: sellerId }, async (tx) => {
        const { manager, now } = tx;
        const shop: unknown[] = await manager.query('SELECT 1 FROM shops WHERE id = $1', [sellerId]);
        if (shop.length === 0) throw new NotFoundError('Shop', sellerId);
        const name = input.name.trim();
        if (await this.staff.roleNameTaken(manager, sellerId, name, null)) throw nameTaken();
        const role = manager.create(StaffRoleEntity, {
          id: newId('rol'),
          sellerId,
          name,
          permissions: unionOfPermissions([input.permissions]),
          ...firstVersionAt(now),
        });
        await manager.insert(StaffRoleEntity, role);
        await tx.emit('catalog.staff.v1', [staffRoleChanged(role, 'CREATED', null, [], tx.cause)]);
        return role.id;
      }),
    );
    return this.staff.findRole(roleId, sellerId);
  }

  /** Renames a role and/or replaces its permissions; the members holding it get the new permissions within seconds. */
  async update(input: UpdateStaffRoleInput): Promise<StaffRoleEntity> {
    const sellerId = staffSellerId('STAFF:EDIT');
    assertValid(validateUpdateStaffRole(input));
    const roleId = await this.mapNameTaken(() =>
      this.runner.run({ operation: 'updateStaffRole', actor: 'SELLER_STAFF', permission: 'STAFF:EDIT', input, scope: sellerId }, async (tx) => {
        const { manager, now } = tx;
        const role = await this.staff.lockRole(manager, input.roleId, sellerId);
        const name = input.name?.trim() ?? role.name;
        const permissions = input.permissions ? unionOfPermissions([input.permissions]) : role.permissions;
        const previous = role.permissions;
        if (name === role.name && permissions.join(',') === previous.join(',')) return role.id; // nothing changes, no event
        if (name.toLowerCase() !== role.name.toLowerCase() && (await this.staff.roleNameTaken(manager, sellerId, name, role.id))) throw nameTaken();
        Object.assign(role, { name, permissions, version: role.version + 1, updatedAt: now });
        await manager.update(StaffRoleEntity, { id: role.id }, { name, permissions, version: role.version, updatedAt: now });
        await tx.emit('catalog.staff.v1', [staffRoleChanged(role, 'UPDATED', previous, await this.staff.holdersOf(manager, role.id), tx.cause)]);
        return role.id;
      }),
    );
    return this.staff.findRole(roleId, sellerId);
  }

  /** Deletes a role nobody holds (expired invitations aside, which lose it); CONFLICT otherwise. */
  async delete(input: DeleteStaffRoleInput): Promise<string> {
    const sellerId = staffSellerId('STAFF:EDIT');
    assertValid(validateRoleCommand(input));
    return this.runner.run({ operation: 'deleteStaffRole', actor: 'SELLER_STAFF', permission: 'STAFF:EDIT', input, scope: sellerId }, async (tx) => {
      const { manager, now } = tx;
      // Locked FOR UPDATE: an assignment in flight (which share-locks the role) commits first, and is seen below.
      const role = await this.staff.lockRole(manager, input.roleId, sellerId);
      const holders = await this.staff.holdersOf(manager, role.id);
      if (holders.length > 0) {
        throw new AppError('CONFLICT', 'The role is still held by staff members; give them other roles first', { memberIds: holders });
      }
      await manager.query('DELETE FROM staff_member_roles WHERE role_ref = $1', [role.id]);
      await manager.delete(StaffRoleEntity, { id: role.id });
      Object.assign(role, { version: role.version + 1, updatedAt: now });
      await tx.emit('catalog.staff.v1', [staffRoleChanged(role, 'DELETED', null, [], tx.cause)]);
      return role.id;
    });
  }

  /** CONFLICT when a concurrent command took the name first (staff_roles_name_uq). */
  private async mapNameTaken<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error, 'staff_roles_name_uq')) throw nameTaken();
      throw error;
    }
  }
}
