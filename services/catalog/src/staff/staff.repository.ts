import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { lockForUpdate } from '@sc/kit';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffRoleEntity } from './staff-role.entity';
import { StaffMemberRoleEntity } from './staff-member-role.entity';
import { StaffMemberStatus } from './staff-status';
import { isDefaultRoleKey, permissionsOfRoles } from './staff-roles.catalogue';
import { Permission } from '@sc/auth';

/** One role a member holds, with the custom role's name and permissions (null for default roles and for a custom role that is gone). */
export interface MemberRoleRow {
  memberId: string;
  roleRef: string;
  customName: string | null;
  customPermissions: string[] | null;
}

/** Reads and writes of staff members and roles; every read is bounded by the shop. */
@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A shop's members, newest first, as a keyset page (limit + 1 rows), served by staff_members_seller_(status_)id_idx. */
  listMembers(sellerId: string, status: StaffMemberStatus | null, limit: number, afterId: string | null): Promise<StaffMemberEntity[]> {
    const qb = this.dataSource.getRepository(StaffMemberEntity).createQueryBuilder('m').where('m.sellerId = :sellerId', { sellerId });
    if (status) qb.andWhere('m.status = :status', { status });
    if (afterId) qb.andWhere('m.id < :afterId', { afterId });
    return qb
      .orderBy('m.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** The roles of members already read through the shop's scope, with the custom roles' names and permissions (one statement). */
  async rolesOfMembers(memberIds: readonly string[]): Promise<MemberRoleRow[]> {
    const rows: Array<{ member_id: string; role_ref: string; name: string | null; permissions: string[] | null }> = await this.dataSource.query(
      `SELECT mr.member_id, mr.role_ref, r.name, r.permissions
         FROM staff_member_roles mr LEFT JOIN staff_roles r ON r.id = mr.role_ref
        WHERE mr.member_id = ANY($1) ORDER BY mr.member_id, mr.role_ref`,
      [memberIds],
    );
    return rows.map((r) => ({ memberId: r.member_id, roleRef: r.role_ref, customName: r.name, customPermissions: r.permissions }));
  }

  /** A shop's custom roles by name. */
  customRoles(sellerId: string): Promise<StaffRoleEntity[]> {
    return this.dataSource
      .getRepository(StaffRoleEntity)
      .createQueryBuilder('r')
      .where('r.sellerId = :sellerId', { sellerId })
      .orderBy('lower(r.name)')
      .addOrderBy('r.id')
      .getMany();
  }

  findMember(id: string, sellerId: string): Promise<StaffMemberEntity> {
    return this.dataSource.getRepository(StaffMemberEntity).findOneByOrFail({ id, sellerId });
  }

  findRole(id: string, sellerId: string): Promise<StaffRoleEntity> {
    return this.dataSource.getRepository(StaffRoleEntity).findOneByOrFail({ id, sellerId });
  }

  /** The shop's member, locked for the command; NOT_FOUND for another shop's. */
  lockMember(manager: EntityManager, id: string, sellerId: string): Promise<StaffMemberEntity> {
    return lockForUpdate(manager, StaffMemberEntity, { id, sellerId }, { entity: 'StaffMember', id });
  }

  /** The shop's member with its invitation code hash, locked (acceptance); NOT_FOUND for another shop's. */
  async lockMemberWithCode(manager: EntityManager, id: string, sellerId: string): Promise<StaffMemberEntity | null> {
    return manager
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('m')
      .addSelect('m.invitationCodeHash')
      .setLock('pessimistic_write')
      .where('m.id = :id AND m.sellerId = :sellerId', { id, sellerId })
      .getOne();
  }

  /** The shop's custom role, locked for the command; NOT_FOUND for another shop's. */
  lockRole(manager: EntityManager, id: string, sellerId: string): Promise<StaffRoleEntity> {
    return lockForUpdate(manager, StaffRoleEntity, { id, sellerId }, { entity: 'StaffRole', id });
  }

  /**
   * The custom roles among `refs` that the shop has, with their permissions, locked FOR KEY SHARE so that a
   * concurrent deleteStaffRole waits until the assignment is committed (and then sees it).
   */
  async shareCustomRoles(manager: EntityManager, sellerId: string, refs: readonly string[]): Promise<Map<string, string[]>> {
    const ids = refs.filter((ref) => !isDefaultRoleKey(ref));
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; permissions: string[] }> = await manager.query(
      `SELECT id, permissions FROM staff_roles WHERE seller_id = $1 AND id = ANY($2) FOR KEY SHARE`,
      [sellerId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.permissions]));
  }

  /** A member's role references, in a command's transaction. */
  async roleRefsOf(manager: EntityManager, memberId: string): Promise<string[]> {
    const rows: Array<{ role_ref: string }> = await manager.query(`SELECT role_ref FROM staff_member_roles WHERE member_id = $1 ORDER BY role_ref`, [memberId]);
    return rows.map((r) => r.role_ref);
  }

  /** What a member holding `refs` may do now, in a command's transaction (custom roles read and share-locked). */
  async permissionsOf(manager: EntityManager, sellerId: string, refs: readonly string[]): Promise<Permission[]> {
    return permissionsOfRoles(refs, await this.shareCustomRoles(manager, sellerId, refs));
  }

  /** Replaces a member's roles. */
  async replaceRoles(manager: EntityManager, memberId: string, refs: readonly string[]): Promise<void> {
    await manager.delete(StaffMemberRoleEntity, { memberId });
    if (refs.length > 0)
      await manager.insert(
        StaffMemberRoleEntity,
        [...refs].sort().map((roleRef) => ({ memberId, roleRef })),
      );
  }

  /** The members (not expired) holding a custom role, for its events and for refusing its deletion. */
  async holdersOf(manager: EntityManager, roleId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT m.id FROM staff_member_roles mr JOIN staff_members m ON m.id = mr.member_id
        WHERE mr.role_ref = $1 AND m.status <> 'EXPIRED' ORDER BY m.id`,
      [roleId],
    );
    return rows.map((r) => r.id);
  }

  /** True when the shop already has a custom role of this name (any case), other than `exceptId`. */
  async roleNameTaken(manager: EntityManager, sellerId: string, name: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM staff_roles WHERE seller_id = $1 AND lower(name) = lower($2) AND ($3::text IS NULL OR id <> $3)`,
      [sellerId, name, exceptId],
    );
    return rows.length > 0;
  }
}
