import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A subscription sent by HTTP POST is the caller's mistake (subscriptions run over graphql-ws on the same path):
 * it is refused with 400 BAD_REQUEST once the operation is known, before authentication or any resolver runs.
 */
export function subscriptionsNeedWebSocket(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'subscriptions are served over WebSocket (graphql-ws protocol) at ws://…/graphql, not by HTTP POST',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
