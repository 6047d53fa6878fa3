// `npm run test:package`: builds the .vsix with `npm run package`, checks its size, installs it into a
// throwaway code-server extensions dir with `--install-extension` (as a user would), and runs
// test/package/index.ts in that extension host on a workspace holding a privileged pod: the installed
// extension activates on the YAML file and reports the privileged container.
//   PACKAGE_TEST_TIMEOUT_MS=<ms>  give up on the extension host after this long (default 5 minutes)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, ensureHost, installExtension, root, runExtensionTests, startCodeServer } from './harness.mjs';
import { printHostLog } from './hostLog.mjs';

// The marketplace package's size budget (issue 9); the minified bundles are nearly all of it.
const MAX_VSIX_BYTES = 2 * 1024 * 1024;
const timeoutMs = Number(process.env.PACKAGE_TEST_TIMEOUT_MS || 300_000);
const t0 = Date.now();
const seconds = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

/**
 * The extensionDevelopmentPath VS Code needs before it runs an extensionTestsPath: an empty extension
 * with another id, so the KubeGuard under test is the installed one, not the repository.
 */
function writeRunnerExtension(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'package-test-runner', publisher: 'kubeguard-test', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

ensureHost();
// realpath: the extension host reports real paths, and the test compares them.
const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kubeguard-package-')));
const vsix = path.join(tmp, 'kubeguard.vsix');
let status = 'failed before the extension host ran';
let server;
try {
  // vscode:prepublish puts production bundles in client/out and server/out; postpackage rebuilds the
  // development ones (and out/test/package) afterwards, which a failed packaging would skip.
  const r = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    build();
    throw new Error(`npm run package failed (${r.status ?? r.signal})`);
  }
  const { size } = statSync(vsix);
  console.log(`test:package: ${path.basename(vsix)} is ${(size / 1024).toFixed(0)} KB (budget ${MAX_VSIX_BYTES / 1024} KB) after ${seconds()}`);
  if (size >= MAX_VSIX_BYTES) throw new Error(`the .vsix is ${size} bytes, over the ${MAX_VSIX_BYTES}-byte budget`);

  const extensionsDir = path.join(tmp, 'extensions');
  mkdirSync(extensionsDir);
  installExtension(vsix, extensionsDir);
  console.log(`test:package: installed with --install-extension after ${seconds()}`);

  const folder = path.join(tmp, 'workspace');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'privileged-pod.yaml'), PRIVILEGED_POD);
  const runnerExtension = path.join(tmp, 'runner-extension');
  writeRunnerExtension(runnerExtension);

  server = await startCodeServer({ extensionsDir, env: { KUBEGUARD_PACKAGE_EXTENSIONS_DIR: extensionsDir } });
  const url = server.url({ folder, extensionDevelopmentPath: runnerExtension, extensionTestsPath: path.join(root, 'out/test/package/index.js') });
  status = await runExtensionTests(url, { timeoutMs, onLog: printHostLog });
  console.log(`test:package: extension host exited with ${status} after ${seconds()}`);
} catch (e) {
  console.error(e);
  if (server?.log) console.error(`code-server log:\n${server.log}`);
} finally {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status === 0 ? 0 : 1);
