/**
 * No credential leaks in the real extension: a kubeconfig with a recognisable token, client certificate
 * and key goes through the Permissions view's paths (success, Can I…?, 401, TLS failure, unreachable,
 * exec plugin failure quoting the token) and neither the tree (labels, descriptions, tooltips) nor the
 * KubeGuard output channel (its log file) contains any of it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PermissionsProvider } from '../../client/src/views/permissionsView';
import { type TempKubeconfigs, secretMaterial, tempKubeconfigs, unreachableUrl } from '../support/clusterFixtures';
import { FakeApiServer } from '../support/fakeApiServer';
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
  let k: TempKubeconfigs;
  const shown: string[] = [];

  before(async () => {
    provider = (await activateExtension()).permissions.provider;
    server = await FakeApiServer.start('developer');
    rejecting = await FakeApiServer.start('incomplete');
    k = tempKubeconfigs();
  });
  after(async () => {
    await provider.setContextOverride(undefined);
    await resetConfig();
    await provider.refresh();
    await server.stop();
    await rejecting.stop();
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
    for (const secret of secretMaterial()) assert.ok(!text.includes(secret), `the log leaked ${secret.slice(0, 12)}…`);
  });
});
