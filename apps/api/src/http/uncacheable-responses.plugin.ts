import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Apollo's default cache-control plugin hooks every resolved field to compute a cache policy (70,000 hooks for
 * the activities of a 10,000-activity `plan`) only to answer `cache-control: no-store` every time: the schema
 * has no cache hints and every answer depends on the caller's roles. These plugins keep that header and drop
 * the per-field work.
 */
export function uncacheableResponses(): ApolloServerPlugin[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set('cache-control', 'no-store');
          },
        };
      },
    },
  ];
}
