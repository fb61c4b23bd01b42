import { Injectable } from '@nestjs/common';
import { requireRole } from '@sc/auth';
import { FieldProblem, assertValid, checkIdempotencyKey, checkText } from '@sc/graphql';
import { ProductEntity } from '../product/product.entity';
import { ProductStatus } from '../product/product-status';
import { CommandCaller, ProductCommandRunner } from '../product/product-command.runner';
import { ProductCommandInput } from '../product/lifecycle.inputs';
import { checkProductId } from '../product/edit-product.validation';
import { closeRevision, dropPendingRevision, lockPendingRevision } from '../product/product-revisions';
import { PlatformProductActionInput, RejectProductInput } from './review.inputs';

const platform = (): CommandCaller => ({ scope: requireRole('PLATFORM').userId, sellerId: null, actor: 'PLATFORM' });

const LIVE = new Set([ProductStatus.ACTIVATE, ProductStatus.SELLER_DEACTIVATED]);

/** Every problem of a rejection: at least one finding, each with a position and at least one reason. */
export function validateReject(input: RejectProductInput): FieldProblem[] {
  const problems = [...checkProductId('productId', input.productId), ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)];
  if (input.reasons.length < 1 || input.reasons.length > 20) problems.push({ field: 'reasons', message: 'must have 1 to 20 findings' });
  input.reasons.forEach((r, i) => {
    problems.push(...checkText(`reasons[${i}].position`, r.position, 1, 64));
    if (r.reasons.length < 1 || r.reasons.length > 10) problems.push({ field: `reasons[${i}].reasons`, message: 'must have 1 to 10 reasons' });
    if (r.suggestions.length > 10) problems.push({ field: `reasons[${i}].suggestions`, message: 'must have at most 10 suggestions' });
    r.reasons.forEach((text, j) => problems.push(...checkText(`reasons[${i}].reasons[${j}]`, text, 1, 500)));
    r.suggestions.forEach((text, j) => problems.push(...checkText(`reasons[${i}].suggestions[${j}]`, text, 1, 500)));
  });
  return problems;
}

const checkPlatformAction = (input: PlatformProductActionInput): FieldProblem[] => [
  ...checkProductId('productId', input.productId),
  ...checkText('reason', input.reason, 1, 1000),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/**
 * Platform review and enforcement (PLATFORM role only). Approve and reject act on a product in review,
 * or on the pending revision of a live product, whose live version kept selling meanwhile.
 */
@Injectable()
export class ProductReviewService {
  constructor(private readonly runner: ProductCommandRunner) {}

  approve(input: ProductCommandInput): Promise<ProductEntity> {
    const caller = platform();
    assertValid([...checkProductId('productId', input.productId), ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)]);
    return this.runner.run(caller, {
      operation: 'approveProduct',
      input,
      productId: input.productId,
      run: async (tx, product) => {
        const pending = LIVE.has(product.status) ? await lockPendingRevision(tx.manager, product.id) : null;
        if (!pending) {
          await this.runner.transition(tx, product, 'approve', { failedReasons: [], statusReason: null });
          return;
        }
        await this.runner.transition(tx, product, 'approveRevision', { ...pending.content, hasPendingRevision: false });
        await closeRevision(tx, pending, 'APPROVED');
      },
    });
  }

  reject(input: RejectProductInput): Promise<ProductEntity> {
    const caller = platform();
    assertValid(validateReject(input));
    const reasons = input.reasons.map((r) => ({
      position: r.position.trim(),
      reasons: r.reasons.map((t) => t.trim()),
      suggestions: r.suggestions.map((t) => t.trim()),
    }));
    return this.runner.run(caller, {
      operation: 'rejectProduct',
      input,
      productId: input.productId,
      run: async (tx, product) => {
        const pending = LIVE.has(product.status) ? await lockPendingRevision(tx.manager, product.id) : null;
        if (!pending) {
          await this.runner.transition(tx, product, 'reject', { failedReasons: reasons }, 'Review rejected');
          return;
        }
        await this.runner.transition(tx, product, 'rejectRevision', { hasPendingRevision: false });
        await closeRevision(tx, pending, 'REJECTED', reasons);
      },
    });
  }

  platformDeactivate(input: PlatformProductActionInput): Promise<ProductEntity> {
    return this.enforce('platformDeactivateProduct', 'platformDeactivate', input);
  }

  freeze(input: PlatformProductActionInput): Promise<ProductEntity> {
    return this.enforce('freezeProduct', 'freeze', input);
  }

  private enforce(operation: string, action: 'platformDeactivate' | 'freeze', input: PlatformProductActionInput): Promise<ProductEntity> {
    const caller = platform();
    assertValid(checkPlatformAction(input));
    const reason = input.reason.trim();
    return this.runner.run(caller, {
      operation,
      input,
      productId: input.productId,
      run: async (tx, product) => {
        await this.runner.transition(tx, product, action, { statusReason: reason, hasPendingRevision: false }, reason);
        await dropPendingRevision(tx, product, `The product was ${action === 'freeze' ? 'frozen' : 'deactivated by the platform'}`);
      },
    });
  }
}
