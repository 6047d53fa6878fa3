/**
 * No credential leaks in the real extension: a kubeconfig with a recognisable token, client certificate
 * and key goes through the Permissions view's paths (success, Can I…?, 401 (with Can I…?), 403 quoting
 * the token, TLS failure, unreachable, timeout, exec plugin failure quoting the token) and neither the tree (labels, descriptions, tooltips) nor the
 * KubeGuard output channel (its log file) contains any of it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PermissionsProvider } from '../../client/src/views/permissionsView';
import { SECRET_TOKEN, type TempKubeconfigs, secretMaterial, tempKubeconfigs, unreachableUrl } from '../support/clusterFixtures';
import { FakeApiServer, loadScenario } from '../support/fakeApiServer';
import { type ShownNode, shownTree } from '../support/permissionsTreeText';
import { activateExtension, resetConfig, setConfig } from './support';

/** Every file under `dir` (bounded depth: log folders are shallow). */
function files(dir: string, depth = 6): string[] {
  if (depth < 0 || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, depth - 1) : [p];
  });
}

/**
 * The KubeGuard output channel's log file. LogOutputChannels are written under the window's log folder
 * in the user-data directory; the test runners give each run its own, next to TMPDIR.
 */
function outputLogs(): string[] {
  const roots = [process.env.VSCODE_LOGS, path.join(path.dirname(tmpdir()), 'user-data', 'logs')].filter((d): d is string => !!d && existsSync(d));
  return [...new Set(roots.flatMap((r) => files(r)))].filter((f) => /KubeGuard\.log$/.test(f) && statSync(f).size > 0);
}

function tooltipText(t: vscode.TreeItem['tooltip']): string {
  return typeof t === 'string' ? t : (t?.value ?? '');
}

describe('Permissions view: no secret in the tree or the output channel', function () {
  this.timeout(60_000);
  let provider: PermissionsProvider;
  let server: FakeApiServer;
  /** Knows none of the secret kubeconfig's credentials: 401. */
  let rejecting: FakeApiServer;
  /** Accepts the token but forbids listing namespaces, quoting the token in its message: 403. */
  let forbidding: FakeApiServer;
  /** Accepts the token and answers after a minute: timeout. */
  let slow: FakeApiServer;
  let k: TempKubeconfigs;
  const shown: string[] = [];

  before(async () => {
    provider = (await activateExtension()).permissions.provider;
    server = await FakeApiServer.start('developer');
    rejecting = await FakeApiServer.start('incomplete');
    const message = `namespaces is forbidden: User "${SECRET_TOKEN}" cannot list resource "namespaces" in API group "" at the cluster scope`;
    forbidding = await FakeApiServer.start({
      ...loadScenario('namespaces-forbidden'),
      credentials: { tokens: [SECRET_TOKEN] },
      namespaces: { status: 403, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', code: 403 } },
    });
    slow = await FakeApiServer.start('slow');
    k = tempKubeconfigs();
  });
  after(async () => {
    await provider.setContextOverride(undefined);
    await resetConfig();
    await provider.refresh();
    await server.stop();
    await rejecting.stop();
    await forbidding.stop();
    await slow.stop();
    k.dispose();
  });

  function collect(): void {
    const walk = (nodes: readonly ShownNode[]): void => {
      for (const n of nodes) {
        shown.push(n.label, n.description ?? '', tooltipText(n.item.tooltip));
        walk(n.children);
      }
    };
    walk(shownTree(provider));
  }

  it('goes through success, Can I…? and the failure paths with the secret kubeconfig', async () => {
    await setConfig('kubeguard', 'kubeconfig', k.write('secrets', { server: server.url, unreachable: await unreachableUrl() }));
    await provider.refresh();
    assert.equal(provider.snapshot.phase, 'ready');
    assert.ok(server.requests.some((r) => r.authorization?.includes('kgtest-SECRET-TOKEN')), 'the secret token was used');
    collect();
    const answer = await vscode.commands.executeCommand<{ message: string }>('kubeguard.canI', { verb: 'get', resource: 'secrets', namespace: 'dev' });
    shown.push(answer.message);
    for (const context of ['secret-wrong-ca', 'secret-unreachable', 'secret-exec-fails']) {
      await vscode.commands.executeCommand('kubeguard.permissions.switchContext', context, false);
      assert.equal(provider.snapshot.phase, 'failed', context);
      collect();
    }
    await provider.setContextOverride(undefined);
    await setConfig('kubeguard', 'kubeconfig', k.write('secrets', { server: rejecting.url }, 'secrets-401.yaml'));
    await provider.refresh();
    assert.equal(provider.snapshot.failure?.kind, 'unauthorized');
    collect();
    const rejected = await vscode.commands.executeCommand<{ message: string }>('kubeguard.canI', { verb: 'get', resource: 'secrets', namespace: 'dev' });
    assert.match(rejected.message, /401/, 'Can I…? reports the rejection');
    shown.push(rejected.message);

    await setConfig('kubeguard', 'kubeconfig', k.write('secrets', { server: forbidding.url }, 'secrets-403.yaml'));
    await provider.refresh();
    assert.equal(provider.snapshot.namespaces?.listFailure?.kind, 'forbidden');
    assert.ok(forbidding.requests.some((r) => r.status === 403 && r.authorization?.includes(SECRET_TOKEN)), 'the 403 answered the secret token');
    collect();

    await setConfig('kubeguard', 'cluster.requestTimeoutSeconds', 1);
    await setConfig('kubeguard', 'kubeconfig', k.write('secrets', { server: slow.url }, 'secrets-slow.yaml'));
    await provider.refresh();
    assert.equal(provider.snapshot.failure?.kind, 'timeout');
    collect();
    assert.ok(shown.some((t) => t.includes('[redacted]')), 'the exec plugin\'s message is shown, redacted');
  });

  it('shows no secret in any label, description, tooltip or message', () => {
    assert.ok(shown.length > 50);
    const text = shown.join('\n');
    for (const secret of secretMaterial()) assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 12)}…`);
  });

  it('writes no secret to the KubeGuard output channel', () => {
    const logs = outputLogs();
    assert.ok(logs.length > 0, `the KubeGuard log file was found (looked under ${process.env.VSCODE_LOGS ?? '(no VSCODE_LOGS)'} and ${path.join(path.dirname(tmpdir()), 'user-data', 'logs')})`);
    const text = logs.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.match(text, /Loading permissions: context "secret"/, 'the log has this run\'s cluster lines');
    assert.match(text, /Credential plugin failed/);
    assert.match(text, /cannot be listed \(403\)/, 'the 403 path was logged');
    for (const secret of secretMaterial()) assert.ok(!text.includes(secret), `the log leaked ${secret.slice(0, 12)}…`);
  });
});
