export * from './kafka-settings';
export * from './outbox.writer';
export * from './outbox.relay';
export * from './event-handler';
export * from './event.consumer';
export * from './topic.admin';
