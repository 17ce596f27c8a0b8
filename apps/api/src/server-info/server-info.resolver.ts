import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AppConfig } from '#infrastructure/config/app-config.js';
import { Public } from '../auth/public.decorator.js';
import { VERSION } from '../version.js';

@ObjectType({ description: 'What this server is and which event store it runs on.' })
export class ServerInfo {
  @Field() name!: string;
  @Field() version!: string;
  @Field({ description: '`sqlite` (embedded, the default) or `eventstoredb`.' }) eventStore!: string;
}

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  @Public()
  @Query(() => ServerInfo)
  serverInfo(): ServerInfo {
    return { name: 'plumbline', version: VERSION, eventStore: this.config.eventStoreKind };
  }
}
