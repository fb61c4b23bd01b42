import { StaffAccess } from './permissions';
import { Role } from './roles';

/** A verified caller: a seller's staff member (with the shop they act for), a buyer, or a platform role. */
export interface Identity {
  userId: string;
  sellerId: string | null;
  roles: Role[];
  /**
   * For a seller's staff member: what they may do in that shop, resolved by the gateway for this request
   * (never taken from the client's token, so a role change or deactivation applies within seconds).
   */
  access?: StaffAccess;
}
