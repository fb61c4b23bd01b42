import { Role } from './roles';

/** A verified caller: a seller's staff member (with the shop they act for), a buyer, or a platform role. */
export interface Identity {
  userId: string;
  sellerId: string | null;
  roles: Role[];
}
