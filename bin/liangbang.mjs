#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping, which needs Node ≥ 22.18 (the project pins 24).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `liangbang 需要 Node 24（当前 ${process.version}）。请在项目目录中先运行 npm install，再用 npx liangbang 或 npm run 调用。`,
  );
  process.exit(2);
}
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
