/** The names of the event streams: the one place that spells them. */

const PROJECT_STREAM_PREFIX = 'project-';

/** The stream of a project: `project-<id>`. */
export const projectStream = (projectId: string): string => PROJECT_STREAM_PREFIX + projectId;

/** The project a stream belongs to, or null for a stream that is not a project's. */
export const projectIdOfStream = (stream: string): string | null =>
  stream.startsWith(PROJECT_STREAM_PREFIX) ? stream.slice(PROJECT_STREAM_PREFIX.length) : null;
