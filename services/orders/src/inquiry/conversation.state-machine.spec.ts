import { CONVERSATION_TRANSITIONS, ConversationStatus as S, transitionConversation } from './conversation.state-machine';

describe('conversation state machine', () => {
  it('moves the turn between buyer and seller', () => {
    expect(transitionConversation(S.AWAITING_SELLER, 'sellerReply', 'SELLER_STAFF')).toBe(S.AWAITING_BUYER);
    expect(transitionConversation(S.AWAITING_BUYER, 'buyerMessage', 'BUYER')).toBe(S.AWAITING_SELLER);
    expect(transitionConversation(S.AWAITING_SELLER, 'sellerAutoReply', 'SELLER_STAFF')).toBe(S.AWAITING_SELLER);
  });

  it('reopens a resolved conversation only when the buyer writes', () => {
    expect(transitionConversation(S.RESOLVED, 'buyerMessage', 'BUYER')).toBe(S.AWAITING_SELLER);
    expect(() => transitionConversation(S.RESOLVED, 'sellerReply', 'SELLER_STAFF')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }),
    );
    expect(() => transitionConversation(S.RESOLVED, 'resolve', 'SELLER_STAFF')).toThrow();
  });

  it('refuses actions by the wrong actor', () => {
    expect(() => transitionConversation(S.AWAITING_SELLER, 'sellerReply', 'BUYER')).toThrow();
    expect(() => transitionConversation(S.AWAITING_SELLER, 'buyerMessage', 'SELLER_STAFF')).toThrow();
    expect(() => transitionConversation(S.AWAITING_BUYER, 'resolve', 'BUYER')).toThrow();
  });

  it('has one row per (from, action)', () => {
    const keys = CONVERSATION_TRANSITIONS.map((t) => `${t.from}|${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
