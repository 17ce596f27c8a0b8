/** Injection token of the `ProjectionRunner` that keeps the read models (libs/infrastructure/projections). */
export const PROJECTION_RUNNER = Symbol('ProjectionRunner');
