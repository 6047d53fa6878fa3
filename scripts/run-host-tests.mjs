// `npm run test:host`: runs the mocha suite of test/host inside code-server's real extension host, on a
// temporary copy of examples/, with headless Chromium as the workbench. Exits with the suite's status.
//   HOST_TEST_GREP=<pattern>   only the tests whose full title matches (mocha grep)
//   HOST_TEST_TIMEOUT_MS=<ms>  give up after this long (default 10 minutes, per session)
//
// Two sessions: the whole suite in a trusted workspace (trust disabled, as a test run must not stop at
// the trust dialog), then the `untrusted workspace:` suite alone in a second, small session with
// workspace trust enabled and never granted (Restricted Mode), the only way to get a real
// `vscode.workspace.isTrusted === false`. The untrusted suite skips itself in the trusted session.
import path from 'node:path';
import { build, ensureHost, root, runExtensionTests, startCodeServer } from './harness.mjs';
import { printHostLog } from './hostLog.mjs';
import { copyExamples } from './tempWorkspace.mjs';

/** The title prefix of the suites that need Restricted Mode (test/host/untrustedWorkspace.test.ts). */
const UNTRUSTED_SUITE = 'untrusted workspace:';
const timeoutMs = Number(process.env.HOST_TEST_TIMEOUT_MS || 600_000);
const grep = process.env.HOST_TEST_GREP ?? '';
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

/** One code-server session on a fresh copy of examples/; resolves with the extension host's exit code or 'timeout'. */
async function runSession({ name, workspaceTrust, testGrep }) {
  const t0 = Date.now();
  const workspace = copyExamples();
  // The extension host inherits code-server's environment: that is how the grep reaches test/host/index.ts.
  const server = await startCodeServer({ workspaceTrust, env: { KUBEGUARD_TEST_GREP: testGrep } });
  console.log(`test:host [${name}]: code-server listening after ${seconds(t0)} (workspace ${workspace.folder})`);
  let status = 'failed to start';
  try {
    let suiteStarted;
    const url = server.url({ folder: workspace.folder, extensionDevelopmentPath: root, extensionTestsPath: path.join(root, 'out/test/host/index.js') });
    status = await runExtensionTests(url, {
      timeoutMs,
      onLog: (type, args) => {
        // test/host/index.ts starts its output with this marker.
        if (!suiteStarted && String(args[0]).startsWith('kubeguard host tests:')) {
          suiteStarted = Date.now();
          console.log(`test:host [${name}]: extension host running the suite after ${seconds(t0)}`);
        }
        printHostLog(type, args);
      },
    });
    console.log(
      status === 'timeout'
        ? `test:host [${name}]: no result after ${seconds(t0)} (HOST_TEST_TIMEOUT_MS=${timeoutMs})`
        : `test:host [${name}]: extension host exited with ${status} after ${seconds(t0)} (suite ${suiteStarted ? seconds(suiteStarted) : 'never started'})`,
    );
  } catch (e) {
    console.error(e);
    if (server.log) console.error(`code-server log:\n${server.log}`);
  } finally {
    await server.stop();
    workspace.dispose();
  }
  return status;
}

ensureHost();
build();
// A grep is a plain substring of the full title (test/host/index.ts): a grep inside the untrusted suite's
// title runs that session only; any other grep runs the trusted session only.
const untrustedOnly = grep !== '' && (UNTRUSTED_SUITE.includes(grep) || grep.startsWith(UNTRUSTED_SUITE));
const sessions = [];
if (!untrustedOnly) sessions.push({ name: 'trusted', workspaceTrust: false, testGrep: grep });
if (grep === '' || untrustedOnly) sessions.push({ name: 'untrusted', workspaceTrust: true, testGrep: grep.startsWith(UNTRUSTED_SUITE) ? grep : UNTRUSTED_SUITE });
let ok = true;
for (const session of sessions) ok = (await runSession(session)) === 0 && ok;
process.exit(ok ? 0 : 1);
