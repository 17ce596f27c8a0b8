import { type Upcaster, UpcasterRegistry } from './upcasters.js';

/**
 * Every upcaster of the product's events, oldest first. All event types are at `.v1` today; a breaking change
 * to an event adds its `.v2` type to the domain, an upcaster `X.v1 -> X.v2` here and a spec for the old shape
 * (see upcasters.spec.ts), and readers see only the current shape.
 */
export const EVENT_UPCASTERS: readonly Upcaster<never>[] = [];

export const eventUpcasters = () => new UpcasterRegistry(EVENT_UPCASTERS);
