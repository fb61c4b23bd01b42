import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Identity, Permission, actingSellerId } from '@sc/auth';
import { preparedQuery } from '@sc/db';
import { StaffMemberStatus } from './staff-status';
import { permissionsOfRoles } from './staff-roles.catalogue';

/** What POST /internal/staff-access answers: the caller's access to the shop its identity acts for. */
export interface StaffAccessAnswer {
  owner: boolean;
  permissions: Permission[];
  status: 'OWNER' | 'ACTIVE' | 'NONE';
}

const NONE: StaffAccessAnswer = { owner: false, permissions: [], status: 'NONE' };

/**
 * In one statement: whether the user owns the shop and, if they are its ACTIVE member, their role
 * references with every custom role's permissions (staff_members_user_uq finds the member). Default roles'
 * permissions are in code.
 */
const ACCESS_SQL = `
  SELECT s.owner_user_id IS NOT DISTINCT FROM $2 AS owner, m.role_refs, m.custom_roles
    FROM shops s
    LEFT JOIN LATERAL (
      SELECT ARRAY(SELECT mr.role_ref FROM staff_member_roles mr WHERE mr.member_id = sm.id) AS role_refs,
             (SELECT coalesce(jsonb_object_agg(r.id, r.permissions), '{}'::jsonb)
                FROM staff_member_roles mr JOIN staff_roles r ON r.id = mr.role_ref
               WHERE mr.member_id = sm.id) AS custom_roles
        FROM staff_members sm
       WHERE sm.seller_id = s.id AND sm.user_id = $2 AND sm.status = '${StaffMemberStatus.ACTIVE}'
    ) m ON true
   WHERE s.id = $1`;

/**
 * The gateway's question, per request: what may this caller do in their shop? OWNER for the user who
 * registered the shop; ACTIVE, with the union of their roles' permissions, for an active member; NONE for
 * anyone else (unknown user, invitation not accepted, deactivated or expired member, no shop yet).
 */
@Injectable()
export class StaffAccessService {
  constructor(private readonly dataSource: DataSource) {}

  async accessOf(identity: Identity): Promise<StaffAccessAnswer> {
    const sellerId = actingSellerId(identity);
    if (sellerId === null) return NONE;
    const [row] = await preparedQuery<{ owner: boolean; role_refs: string[] | null; custom_roles: Record<string, string[]> | null }>(
      this.dataSource,
      ACCESS_SQL,
      [sellerId, identity.userId],
    );
    if (!row) return NONE;
    if (row.owner) return { owner: true, permissions: [], status: 'OWNER' };
    if (!row.role_refs) return NONE;
    return { owner: false, permissions: permissionsOfRoles(row.role_refs, new Map(Object.entries(row.custom_roles ?? {}))), status: 'ACTIVE' };
  }
}
