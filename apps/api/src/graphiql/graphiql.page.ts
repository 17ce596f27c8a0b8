/**
 * The offline GraphQL IDE: GraphiQL 3.8 and React 18 UMD bundles served from node_modules (STACK.md "GraphQL
 * IDE offline"); every URL below is relative to /graphiql, so nothing is fetched from anywhere else.
 */
export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Plumbline GraphiQL</title>
    <link rel="stylesheet" href="graphiql/assets/graphiql.min.css" />
    <style>
      body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
      #token-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
      #token { flex: 1; font-family: monospace; }
      #graphiql { flex: 1; min-height: 0; }
    </style>
  </head>
  <body>
    <div id="token-bar">
      <label for="token">Bearer token</label>
      <input id="token" type="password" autocomplete="off" placeholder="paste the output of: plumbline token --user NAME" />
    </div>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="graphiql/assets/react.production.min.js"></script>
    <script src="graphiql/assets/react-dom.production.min.js"></script>
    <script src="graphiql/assets/graphiql.min.js"></script>
    <script src="graphiql/assets/plumbline-graphiql.js"></script>
  </body>
</html>
`;

/** Sends the token from the bar as `Authorization: Bearer …` (headers typed in GraphiQL's editor win). */
export const GRAPHIQL_APP_JS = `(function () {
  'use strict';
  var KEY = 'plumbline.graphiql.token';
  var input = document.getElementById('token');
  input.value = sessionStorage.getItem(KEY) || '';
  input.addEventListener('input', function () { sessionStorage.setItem(KEY, input.value); });
  function fetcher(params, options) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    var token = input.value.trim().replace(/^Bearer\\s+/i, '');
    if (token) headers.authorization = 'Bearer ' + token;
    var extra = (options && options.headers) || {};
    Object.keys(extra).forEach(function (name) { headers[name.toLowerCase()] = extra[name]; });
    return fetch('graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (response) {
      return response.json();
    });
  }
  var query = new URLSearchParams(location.search).get('query');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: '{\\n  serverInfo {\\n    name\\n    version\\n    eventStore\\n  }\\n}\\n',
      query: query || undefined,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;
