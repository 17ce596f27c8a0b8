import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../auth/actor.js';
import { requireWholeLogReader } from '../auth/read-authorisation.js';
import { LOG_READER, type LogEntryReadModel, type LogReader } from '../ports/read-models.js';

/** A page of the log after a position: all events when empty. */
export interface LogPage {
  /** Only this stream, e.g. `project-P1`. */
  readonly stream?: string;
  /** Only this event type, e.g. `RoleGranted.v1`. */
  readonly type?: string;
  /** Start after this global position (exclusive). */
  readonly afterPosition?: string;
  /** Page size (default 50). */
  readonly first?: number;
}

export class GetLogPage extends Query<LogEntryReadModel[]> {
  constructor(
    readonly actor: Actor,
    readonly page?: LogPage,
  ) {
    super();
  }
}

/** Events of the whole log in order, from the `audit-log` read model (administrator only). */
@QueryHandler(GetLogPage)
export class GetLogPageHandler implements IQueryHandler<GetLogPage, LogEntryReadModel[]> {
  constructor(@Inject(LOG_READER) private readonly log: LogReader) {}

  async execute({ actor, page }: GetLogPage): Promise<LogEntryReadModel[]> {
    requireWholeLogReader(actor);
    return this.log.page({
      afterPosition: page?.afterPosition === undefined ? null : BigInt(page.afterPosition),
      stream: page?.stream ?? null,
      type: page?.type ?? null,
      first: page?.first ?? 50,
    });
  }
}
