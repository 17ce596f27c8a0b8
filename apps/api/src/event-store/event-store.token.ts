/** Injection token of the `EventStore` port (libs/infrastructure/event-store/event-store.port.ts). */
export const EVENT_STORE = Symbol('EventStore');
