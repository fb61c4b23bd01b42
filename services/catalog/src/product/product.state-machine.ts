import { ActorType } from '@sc/events';
import { Transition, TransitionTable } from '@sc/kit';
import { ProductStatus as S } from './product-status';

/** Something that can happen to a product; `create*` start from no product at all. */
export type ProductAction =
  | 'createDraft'
  | 'createListing'
  | 'submit'
  | 'edit'
  | 'editLive'
  | 'updatePrices'
  | 'approve'
  | 'reject'
  | 'approveRevision'
  | 'rejectRevision'
  | 'activate'
  | 'deactivate'
  | 'platformDeactivate'
  | 'freeze'
  | 'delete'
  | 'recover';

/** `NEW` stands for "no product yet" in the table. */
export type ProductFrom = S | 'NEW';

const SELLER: ActorType[] = ['SELLER_STAFF'];
const PLATFORM: ActorType[] = ['PLATFORM'];

/** Statuses whose content the seller edits in place (nothing is live, a submit follows). */
const EDITABLE_IN_PLACE = [S.DRAFT, S.FAILED, S.PLATFORM_DEACTIVATED];
/** Statuses that were approved once: content edits become a revision that is reviewed separately. */
const LIVE = [S.ACTIVATE, S.SELLER_DEACTIVATED];

/**
 * Every allowed product transition and who may trigger it (domain.md §B.1); anything else is
 * INVALID_TRANSITION. Self-loops (edit, price update, revision review) change no status but are
 * listed so that the same table decides whether they are allowed.
 */
export const PRODUCT_TRANSITIONS: readonly (Transition<ProductFrom, ProductAction> & { to: S })[] = [
  { from: 'NEW', action: 'createDraft', to: S.DRAFT, actors: SELLER },
  { from: 'NEW', action: 'createListing', to: S.PENDING, actors: SELLER },
  { from: S.DRAFT, action: 'submit', to: S.PENDING, actors: SELLER },
  { from: S.FAILED, action: 'submit', to: S.PENDING, actors: SELLER },
  { from: S.PLATFORM_DEACTIVATED, action: 'submit', to: S.PENDING, actors: SELLER },
  ...EDITABLE_IN_PLACE.map((from) => ({ from, action: 'edit' as const, to: from, actors: SELLER })),
  ...LIVE.map((from) => ({ from, action: 'editLive' as const, to: from, actors: SELLER })),
  ...[S.DRAFT, S.PENDING, S.FAILED, S.ACTIVATE, S.SELLER_DEACTIVATED, S.PLATFORM_DEACTIVATED].map((from) => ({
    from,
    action: 'updatePrices' as const,
    to: from,
    actors: SELLER,
  })),
  { from: S.PENDING, action: 'approve', to: S.ACTIVATE, actors: PLATFORM },
  { from: S.PENDING, action: 'reject', to: S.FAILED, actors: PLATFORM },
  ...LIVE.map((from) => ({ from, action: 'approveRevision' as const, to: from, actors: PLATFORM })),
  ...LIVE.map((from) => ({ from, action: 'rejectRevision' as const, to: from, actors: PLATFORM })),
  { from: S.SELLER_DEACTIVATED, action: 'activate', to: S.ACTIVATE, actors: SELLER },
  { from: S.ACTIVATE, action: 'deactivate', to: S.SELLER_DEACTIVATED, actors: SELLER },
  ...LIVE.map((from) => ({ from, action: 'platformDeactivate' as const, to: S.PLATFORM_DEACTIVATED, actors: PLATFORM })),
  ...[S.DRAFT, S.PENDING, S.FAILED, S.ACTIVATE, S.SELLER_DEACTIVATED, S.PLATFORM_DEACTIVATED].map((from) => ({
    from,
    action: 'freeze' as const,
    to: S.FREEZE,
    actors: PLATFORM,
  })),
  ...[S.DRAFT, S.FAILED, S.SELLER_DEACTIVATED, S.ACTIVATE].map((from) => ({ from, action: 'delete' as const, to: S.DELETED, actors: SELLER })),
  { from: S.DELETED, action: 'recover', to: S.SELLER_DEACTIVATED, actors: SELLER },
];

/** The product's transition table, looked up by (from, action). */
export const PRODUCT_TABLE = new TransitionTable<ProductFrom, ProductAction>('Product', PRODUCT_TRANSITIONS);

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor (every row's `to` is a status). */
export const nextProductStatus = (from: ProductFrom, action: ProductAction, actor: ActorType): S => PRODUCT_TABLE.next(from, action, actor) as S;

/** True when the table allows `action` from `from` for this actor. */
export const canTransitionProduct = (from: ProductFrom, action: ProductAction, actor: ActorType): boolean => PRODUCT_TABLE.can(from, action, actor);

/** Only a live, approved product may appear in new orders. */
export const isSellable = (status: S): boolean => status === S.ACTIVATE;
