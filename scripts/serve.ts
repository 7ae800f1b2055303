// Serves a built site on localhost: `node scripts/serve.ts [DIR] [--port N]`.
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/server/static.ts';

const { values, positionals } = parseArgs({
  options: { port: { type: 'string', default: process.env.PORT ?? '4321' } },
  allowPositionals: true,
});
const dir = positionals[0] ?? 'dist';
const port = Number(values.port);
serveStatic(dir).listen(port, '127.0.0.1', () => {
  console.log(`亮榜站点已启动：http://localhost:${port}/ （按 Ctrl+C 停止）`);
});
