// `npm start`: builds KubeGuard and opens it on examples/ in a real VS Code. Desktop VS Code when `code`
// is on PATH; otherwise the project's code-server host on 127.0.0.1, whose URL it prints, running in the
// foreground until Ctrl+C.
//   KUBEGUARD_PORT=<port>  port of the code-server host (default 8484; a free one if that is taken)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build, ensureHost, root, startCodeServer } from './harness.mjs';

const examples = path.join(root, 'examples');
build();

if (spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0) {
  console.log('Opening desktop VS Code with KubeGuard in development mode on examples/ …');
  const r = spawnSync('code', [`--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

ensureHost();
const wanted = Number(process.env.KUBEGUARD_PORT || 8484);
const server = await startCodeServer({ host: '127.0.0.1', port: wanted });
if (server.port !== wanted) console.log(`Port ${wanted} is taken; using ${server.port}.`);
const url = server.url({ folder: examples, extensionDevelopmentPath: root });
console.log(`
KubeGuard is running in VS Code (code-server ${server.authority}), in development mode on examples/.
Open this URL in a browser on this machine:

  ${url}

Open insecure/web-deployment.yaml to see the squiggles; Ctrl+Shift+M shows the Problems panel.
After changing the code, run \`npm run build\` and reload the browser tab. Ctrl+C stops the server.
`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping code-server …`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
const code = await server.exited;
if (!stopping) {
  console.error(`code-server exited unexpectedly (${code}):\n${server.log.slice(-4000)}`);
  await server.stop();
  process.exit(1);
}
