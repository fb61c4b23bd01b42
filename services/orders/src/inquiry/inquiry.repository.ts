import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConversationRow, MessageRow } from './inquiry.rows';
import { ConversationReplyFacts } from './response-rate';

/** Who may read a conversation: the shop's staff or the buyer in it. */
export type ConversationScope = { sellerId: string } | { buyerId: string };

const scopeClause = (scope: ConversationScope, param: number): [string, string] =>
  'sellerId' in scope ? [`seller_id = $${param}`, scope.sellerId] : [`buyer_id = $${param}`, scope.buyerId];

/** SQL access to conversations, messages and holiday periods; every read is scoped to a seller or buyer. */
@Injectable()
export class InquiryRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(scope: ConversationScope, ids: readonly string[]): Promise<ConversationRow[]> {
    const [clause, value] = scopeClause(scope, 2);
    return this.dataSource.query(`SELECT * FROM conversations WHERE id = ANY($1) AND ${clause}`, [ids, value]);
  }

  /** The conversation locked for a change, or undefined when the caller may not see it. */
  async lock(manager: EntityManager, scope: ConversationScope, id: string): Promise<ConversationRow | undefined> {
    const [clause, value] = scopeClause(scope, 2);
    const rows: ConversationRow[] = await manager.query(`SELECT * FROM conversations WHERE id = $1 AND ${clause} FOR UPDATE`, [id, value]);
    return rows[0];
  }

  /** True while the shop's holiday mode is on at `at`. */
  async inHolidayMode(manager: EntityManager, sellerId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM holiday_periods WHERE seller_id = $1 AND started_at <= $2 AND (ended_at IS NULL OR ended_at > $2) LIMIT 1`,
      [sellerId, at],
    );
    return rows.length > 0;
  }

  /** One keyset page (limit + 1 rows), newest first, on conversations_seller_idx / _unread_idx. */
  listForSeller(
    sellerId: string,
    filter: { unreadOnly: boolean; nearDeadline: { from: Date; to: Date } | null },
    limit: number,
    afterId: string | null,
  ): Promise<ConversationRow[]> {
    const params: unknown[] = [sellerId, limit + 1];
    const where = ['seller_id = $1'];
    if (filter.unreadOnly) where.push('seller_unread_count > 0');
    if (filter.nearDeadline) {
      params.push(filter.nearDeadline.from, filter.nearDeadline.to);
      where.push(`awaiting_reply_since + interval '12 hours' BETWEEN $${params.length - 1} AND $${params.length}`);
    }
    if (afterId) {
      params.push(afterId);
      where.push(`id < $${params.length}`);
    }
    return this.dataSource.query(`SELECT * FROM conversations WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $2`, params);
  }

  /** Conversations whose reply deadline lies in [from, to], soonest first (at most 100). */
  dueBetween(sellerId: string, from: Date, to: Date): Promise<ConversationRow[]> {
    return this.dataSource.query(
      `SELECT * FROM conversations
        WHERE seller_id = $1 AND awaiting_reply_since IS NOT NULL
          AND awaiting_reply_since BETWEEN $2::timestamptz - interval '12 hours' AND $3::timestamptz - interval '12 hours'
        ORDER BY awaiting_reply_since, id LIMIT 100`,
      [sellerId, from, to],
    );
  }

  async unreadCount(sellerId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM conversations WHERE seller_id = $1 AND seller_unread_count > 0`, [sellerId]);
    return row.n;
  }

  /** Response-rate facts of the conversations opened since `since` (on conversations_seller_created_idx). */
  async replyFactsSince(sellerId: string, since: Date): Promise<ConversationReplyFacts[]> {
    const rows: Array<{
      initiated_by: 'BUYER' | 'SELLER_STAFF';
      first_buyer_at: Date | null;
      first_buyer_holiday: boolean | null;
      first_human_reply_at: Date | null;
      auto_only_resolved: boolean;
    }> = await this.dataSource.query(
      `SELECT c.initiated_by, fb.created_at AS first_buyer_at, fb.during_holiday AS first_buyer_holiday,
                (SELECT min(m.created_at) FROM messages m
                  WHERE m.conversation_id = c.id AND m.sender = 'SELLER_STAFF' AND NOT m.is_auto_reply AND m.created_at >= fb.created_at) AS first_human_reply_at,
                (c.status = 'RESOLVED'
                  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'SELLER_STAFF' AND NOT m.is_auto_reply)
                  AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.is_auto_reply)) AS auto_only_resolved
           FROM conversations c
           LEFT JOIN LATERAL (
             SELECT created_at, during_holiday FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'BUYER'
              ORDER BY created_at, id LIMIT 1) fb ON true
          WHERE c.seller_id = $1 AND c.created_at >= $2`,
      [sellerId, since],
    );
    return rows.map((r) => ({
      initiatedBy: r.initiated_by,
      firstBuyerMessageAt: r.first_buyer_at,
      firstBuyerMessageDuringHoliday: r.first_buyer_holiday ?? false,
      firstHumanReplyAt: r.first_human_reply_at,
      resolvedByAutoReplyOnly: r.auto_only_resolved,
    }));
  }

  /**
   * One keyset page (limit + 1 rows) of each conversation's messages, oldest first, in one statement
   * however many conversations a list shows (on messages_conversation_idx).
   */
  messagesOfMany(conversationIds: readonly string[], limit: number, afterId: string | null): Promise<MessageRow[]> {
    return this.dataSource.query(
      `SELECT id, conversation_id, seller_id, sender, is_auto_reply, during_holiday, body, created_at FROM (
         SELECT m.*, row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.id) AS position
           FROM messages m WHERE m.conversation_id = ANY($1) AND ($2::text IS NULL OR m.id > $2)) page
        WHERE position <= $3 ORDER BY conversation_id, id`,
      [conversationIds, afterId, limit + 1],
    );
  }

  holidayPeriods(sellerId: string): Promise<Array<{ started_at: Date; ended_at: Date | null }>> {
    return this.dataSource.query(`SELECT started_at, ended_at FROM holiday_periods WHERE seller_id = $1 ORDER BY started_at DESC LIMIT 20`, [sellerId]);
  }
}
