import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Public } from '../auth/public.decorator.js';
import { GRAPHIQL_APP_JS, GRAPHIQL_HTML } from './graphiql.page.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The only files served under /graphiql/assets: name → file in node_modules. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'graphiql.min.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
  'react.production.min.js': {
    file: join(packageDir('react'), 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.production.min.js': {
    file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
};

/** Same-origin only: a page that tried to load anything from elsewhere would be blocked by the browser too. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

@Public()
@Controller('graphiql')
export class GraphiqlController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  page(): string {
    return GRAPHIQL_HTML;
  }

  @Get('assets/plumbline-graphiql.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  app(): string {
    return GRAPHIQL_APP_JS;
  }

  @Get('assets/:name')
  @Header('cache-control', 'public, max-age=86400')
  asset(@Param('name') name: string): StreamableFile {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException(`no asset '${name}'`);
    return new StreamableFile(createReadStream(asset.file), { type: asset.type });
  }
}
