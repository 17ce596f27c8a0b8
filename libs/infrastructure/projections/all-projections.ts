import { auditChangesProjection } from './audit-changes.projection.js';
import { auditLogProjection } from './audit-log.projection.js';
import { projectsProjection } from './projects.projection.js';
import type { Projection } from './projection.js';

/** Every read model of the server, in the order the runner applies them. */
export const allProjections: readonly Projection[] = [
  auditLogProjection,
  projectsProjection,
  auditChangesProjection,
];
