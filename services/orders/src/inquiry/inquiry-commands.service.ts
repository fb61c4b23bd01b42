import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requireRole, staffSellerId } from '@sc/auth';
import { newId } from '@sc/db';
import { NotFoundError, assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx, commandFor } from '@sc/kit';
import { conversationOpened, conversationResolved, messageSent } from './inquiry.events';
import { ConversationAction, ConversationActor, ConversationStatus, transitionConversation } from './conversation.state-machine';
import { ContactBuyerInput, ConversationActionInput, ReplyToConversationInput, SendMessageInput, StartConversationInput } from './inquiry.inputs';
import { ConversationRow } from './inquiry.rows';
import { InquiryRepository } from './inquiry.repository';
import { checkMessageInput } from './inquiry.validation';

/** Buyer and seller writes on conversations; each runs through the command runner (one transaction, once per idempotency key). */
@Injectable()
export class InquiryCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly repository: InquiryRepository,
  ) {}

  /** A buyer opens a conversation with a shop (optionally about one of their orders with it). */
  async start(input: StartConversationInput): Promise<ConversationRow> {
    const buyer = requireRole('BUYER');
    assertValid(
      checkMessageInput(input, [
        ['shopId', input.shopId, null, true],
        ['orderId', input.orderId, 'ord', false],
      ]),
    );
    return this.idempotent('startConversation', 'BUYER', input, { buyerId: buyer.userId }, async (tx) => {
      const { manager } = tx;
      const shops: unknown[] = await manager.query(`SELECT 1 FROM dashboard_shops WHERE seller_id = $1`, [input.shopId]);
      if (shops.length === 0) throw new NotFoundError('Shop', input.shopId);
      if (input.orderId) await this.assertOrderOf(manager, input.orderId, input.shopId, buyer.userId);
      return this.open(tx, { sellerId: input.shopId, buyerId: buyer.userId, orderId: input.orderId ?? null, by: 'BUYER', text: input.text });
    });
  }

  /** The shop writes first to one of its buyers; such chats never count towards the response rate. */
  async contactBuyer(input: ContactBuyerInput): Promise<ConversationRow> {
    const sellerId = staffSellerId('INQUIRIES:EDIT');
    assertValid(
      checkMessageInput(input, [
        ['buyerId', input.buyerId, null, true],
        ['orderId', input.orderId, 'ord', false],
      ]),
    );
    return this.idempotent('contactBuyer', 'SELLER_STAFF', input, { sellerId }, async (tx) => {
      const { manager } = tx;
      if (input.orderId) {
        await this.assertOrderOf(manager, input.orderId, sellerId, input.buyerId);
      } else {
        // Only the shop's own customers: someone who ordered from it or wrote to it.
        const known: unknown[] = await manager.query(
          `SELECT 1 FROM orders WHERE seller_id = $1 AND buyer_id = $2
           UNION ALL SELECT 1 FROM conversations WHERE seller_id = $1 AND buyer_id = $2 LIMIT 1`,
          [sellerId, input.buyerId],
        );
        if (known.length === 0) throw new NotFoundError('Buyer', input.buyerId);
      }
      return this.open(tx, { sellerId, buyerId: input.buyerId, orderId: input.orderId ?? null, by: 'SELLER_STAFF', text: input.text });
    });
  }

  /** The buyer writes in their conversation; reopens it when resolved. */
  sendBuyerMessage(input: SendMessageInput): Promise<ConversationRow> {
    const buyer = requireRole('BUYER');
    assertValid(checkMessageInput(input, [['conversationId', input.conversationId, 'cnv', true]]));
    return this.change('sendBuyerMessage', input, { buyerId: buyer.userId }, 'buyerMessage', 'BUYER', input.text, false);
  }

  /** A seller reply; an auto-reply leaves the buyer still waiting for a person. */
  reply(input: ReplyToConversationInput): Promise<ConversationRow> {
    const sellerId = staffSellerId('INQUIRIES:EDIT');
    assertValid(checkMessageInput(input, [['conversationId', input.conversationId, 'cnv', true]]));
    const action = input.isAutoReply ? 'sellerAutoReply' : 'sellerReply';
    return this.change('replyToConversation', input, { sellerId }, action, 'SELLER_STAFF', input.text, input.isAutoReply);
  }

  resolve(input: ConversationActionInput): Promise<ConversationRow> {
    const sellerId = staffSellerId('INQUIRIES:EDIT');
    assertValid(checkMessageInput(input, [['conversationId', input.conversationId, 'cnv', true]]));
    return this.change('resolveConversation', input, { sellerId }, 'resolve', 'SELLER_STAFF', null, false);
  }

  markRead(input: ConversationActionInput): Promise<ConversationRow> {
    const sellerId = staffSellerId('INQUIRIES:EDIT');
    assertValid(checkMessageInput(input, [['conversationId', input.conversationId, 'cnv', true]]));
    return this.change('markConversationRead', input, { sellerId }, 'markRead', 'SELLER_STAFF', null, false);
  }

  private async assertOrderOf(manager: EntityManager, orderId: string, sellerId: string, buyerId: string): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM orders WHERE id = $1 AND seller_id = $2 AND buyer_id = $3`, [orderId, sellerId, buyerId]);
    if (rows.length === 0) throw new NotFoundError('Order', orderId);
  }

  private async open(tx: WriteTx, c: { sellerId: string; buyerId: string; orderId: string | null; by: ConversationActor; text: string }): Promise<string> {
    const { manager, now } = tx;
    const id = newId('cnv');
    const fromBuyer = c.by === 'BUYER';
    const holiday = fromBuyer && (await this.repository.inHolidayMode(manager, c.sellerId, now));
    await manager.query(
      `INSERT INTO conversations (id, seller_id, buyer_id, order_id, initiated_by, status, seller_unread_count, awaiting_reply_since, last_message_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [
        id,
        c.sellerId,
        c.buyerId,
        c.orderId,
        c.by,
        fromBuyer ? ConversationStatus.AWAITING_SELLER : ConversationStatus.AWAITING_BUYER,
        fromBuyer ? 1 : 0,
        fromBuyer ? now : null,
        now,
      ],
    );
    const messageId = await this.insertMessage(manager, {
      conversationId: id,
      sellerId: c.sellerId,
      sender: c.by,
      autoReply: false,
      holiday,
      text: c.text,
      now,
    });
    const opened = conversationOpened(
      { id, sellerId: c.sellerId, version: 1 },
      { buyerId: c.buyerId, orderId: c.orderId, initiatedBy: c.by, messageId },
      tx.cause,
    );
    await tx.emit('orders.inquiry.v1', [opened]);
    return id;
  }

  private async change(
    operation: string,
    input: { conversationId: string; idempotencyKey: string },
    scope: { sellerId: string } | { buyerId: string },
    action: ConversationAction,
    by: ConversationActor,
    text: string | null,
    autoReply: boolean,
  ): Promise<ConversationRow> {
    return this.idempotent(operation, by, input, scope, async (tx) => {
      const { manager, now } = tx;
      const row = await this.repository.lock(manager, scope, input.conversationId);
      if (!row) throw new NotFoundError('Conversation', input.conversationId);
      const status = transitionConversation(row.status, action, by);
      const holiday = action === 'buyerMessage' && (await this.repository.inHolidayMode(manager, row.seller_id, now));
      const ref = { id: row.id, sellerId: row.seller_id, version: row.version + 1 };
      if (text !== null) {
        const messageId = await this.insertMessage(manager, { conversationId: row.id, sellerId: row.seller_id, sender: by, autoReply, holiday, text, now });
        await tx.emit('orders.inquiry.v1', [messageSent(ref, { messageId, sender: by, isAutoReply: autoReply }, tx.cause)]);
      }
      if (action === 'resolve') await tx.emit('orders.inquiry.v1', [conversationResolved(ref, tx.cause)]);
      // awaiting_reply_since: set by the first unanswered buyer message, cleared by a person's reply or resolution.
      await manager.query(
        `UPDATE conversations SET status = $2, version = version + 1,
            seller_unread_count = CASE WHEN $3 = 'buyerMessage' THEN seller_unread_count + 1 WHEN $3 = 'markRead' THEN 0 ELSE seller_unread_count END,
            awaiting_reply_since = CASE WHEN $3 = 'buyerMessage' THEN COALESCE(awaiting_reply_since, $4)
                                        WHEN $3 IN ('sellerReply', 'resolve') THEN NULL ELSE awaiting_reply_since END,
            last_message_at = CASE WHEN $5 THEN $4 ELSE last_message_at END,
            resolved_at = CASE WHEN $3 = 'resolve' THEN $4 WHEN $3 = 'buyerMessage' THEN NULL ELSE resolved_at END
          WHERE id = $1`,
        [row.id, status, action, now, text !== null],
      );
      return row.id;
    });
  }

  /** Stores a message; returns its id. */
  private async insertMessage(
    manager: EntityManager,
    m: { conversationId: string; sellerId: string; sender: ConversationActor; autoReply: boolean; holiday: boolean; text: string; now: Date },
  ): Promise<string> {
    const id = newId('msg');
    await manager.query(
      `INSERT INTO messages (id, conversation_id, seller_id, sender, is_auto_reply, during_holiday, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, m.conversationId, m.sellerId, m.sender, m.autoReply, m.holiday, m.text.trim(), m.now],
    );
    return id;
  }

  /** Runs `work` once per idempotency key (scoped to the caller) in one transaction, then reads the conversation back. */
  private async idempotent(
    operation: string,
    actor: ConversationActor,
    input: { idempotencyKey: string },
    scope: { sellerId: string } | { buyerId: string },
    work: (tx: WriteTx) => Promise<string>,
  ): Promise<ConversationRow> {
    const id = await this.runner.run(commandFor(actor, 'INQUIRIES:EDIT', { operation, input }), work);
    const [row] = await this.repository.findByIds(scope, [id]);
    return row;
  }
}
