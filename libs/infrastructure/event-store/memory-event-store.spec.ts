import { describeEventStoreContract } from '#testing/event-store-contract.js';
import { createMemoryEventStore } from './memory-event-store.js';

describeEventStoreContract('memory', () => createMemoryEventStore());
