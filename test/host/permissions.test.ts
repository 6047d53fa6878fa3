/**
 * The Permissions view in a real VS Code against the loopback fake API server (started in the extension
 * host): the tree for hand-written scenarios (labels, badges from the language server's classification,
 * incomplete flag), each failure's node, and the commands (switch context, filter, copy as YAML, Can I…?,
 * show only risky). The workspace is trusted (the runner passes --disable-workspace-trust) and the
 * kubeconfig comes from the `kubeguard.kubeconfig` workspace setting.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PermissionsProvider } from '../../client/src/views/permissionsView';
import { type TempKubeconfigs, tempKubeconfigs, unreachableUrl } from '../support/clusterFixtures';
import { FakeApiServer } from '../support/fakeApiServer';
import { type ShownNode, shownTree, treeText } from '../support/permissionsTreeText';
import { activateExtension, configurationReached, resetConfig, setConfig } from './support';

function find(nodes: readonly ShownNode[], label: string): ShownNode {
  const walk = (ns: readonly ShownNode[]): ShownNode | undefined => {
    for (const n of ns) {
      if (n.label === label) return n;
      const hit = walk(n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const hit = walk(nodes);
  if (!hit) throw new Error(`no node "${label}" in\n${treeText(nodes)}`);
  return hit;
}

/** Resolves when `predicate` holds for the provider, re-checked on each tree change; rejects after `timeoutMs`. */
function waitForTree(provider: PermissionsProvider, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const sub = provider.onDidChangeTreeData(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms; tree:\n${treeText(shownTree(provider))}`));
    }, timeoutMs);
  });
}

describe('Permissions view (live cluster, fake API server)', function () {
  this.timeout(60_000);
  let provider: PermissionsProvider;
  let developer: FakeApiServer;
  let ciServer: FakeApiServer;
  let k: TempKubeconfigs;
  let written = 0;
  /**
   * A kubeconfig in a file of its own. The view watches the file it loaded: rewriting one file in every
   * test made the previous test's watcher reload the view in the middle of the next test.
   */
  const kubeconfig = (name: string, vars: Parameters<TempKubeconfigs['write']>[1]): string => k.write(name, vars, `${name}-${++written}.yaml`);

  before(async () => {
    provider = (await activateExtension()).permissions.provider;
    developer = await FakeApiServer.start('developer');
    ciServer = await FakeApiServer.start('incomplete');
    k = tempKubeconfigs();
  });
  after(async () => {
    await resetConfig();
    await provider.refresh();
    await developer.stop();
    await ciServer.stop();
    k.dispose();
  });
  afterEach(async () => {
    if (provider.onlyRiskyShown) await vscode.commands.executeCommand('kubeguard.toggleOnlyRisky');
    await provider.setContextOverride(undefined);
    await resetConfig();
  });

  async function show(kubeconfig: string): Promise<ShownNode[]> {
    await setConfig('kubeguard', 'kubeconfig', kubeconfig);
    // Otherwise the view may reload for this change after the refresh below, while the test reads it.
    await configurationReached('kubeguard', 'kubeconfig', kubeconfig);
    await provider.refresh();
    await provider.whenIdle();
    return shownTree(provider);
  }

  it('shows the developer scenario: context, cluster, user, identity, namespaces and rules with risk badges', async () => {
    const nodes = await show(kubeconfig('token', { server: developer.url }));
    assert.deepEqual(
      nodes.map((n) => `${n.label} — ${n.description ?? ''}`.replaceAll(developer.url, 'https://fake')),
      ['Context: dev — namespace dev', 'Cluster: https://fake — fake', 'User: jane — bearer token', 'Identity: jane — groups: dev-team, system:authenticated', 'Namespaces — 4 listed'],
    );
    assert.ok(find(nodes, 'Namespaces').badge, 'the namespaces folder carries the worst badge');
    assert.deepEqual(find(nodes, 'Namespaces').children.map((c) => c.label), ['default', 'dev', 'kube-system', 'staging']);
    const dev = find(nodes, 'dev');
    assert.deepEqual(dev.children.map((c) => c.label), ['core', 'apps', 'authentication.k8s.io', 'authorization.k8s.io']);
    assert.deepEqual(find(dev.children, 'core').children.map((c) => c.label), ['configmaps', 'pods', 'secrets', 'services']);
    assert.deepEqual(find(dev.children, 'pods').children.map((c) => `${c.label} — ${c.description?.split(' · ')[0] ?? ''}`), ['pods/exec — create', 'pods/log — get, list, watch']);
    assert.equal(find(dev.children, 'configmaps').children[0]?.description, 'get · only app-config');
    // Badges come from the language server's classification (kubeguard/classifyRbacRules).
    for (const risky of ['secrets', 'pods/exec', 'deployments']) {
      const n = find(dev.children, risky);
      assert.ok(n.badge, `${risky} has a risk badge`);
      assert.ok((n.node.risks ?? []).length > 0 && n.node.risks!.every((r) => r.title.length > 0 && r.reason.length > 0));
      assert.ok(n.description?.includes('⚠'), `${risky}: ${n.description}`);
      assert.match((n.item.tooltip as vscode.MarkdownString).value, /\$\(warning\) \*\*/);
    }
    for (const safe of ['selfsubjectaccessreviews', 'selfsubjectreviews']) assert.equal(find(dev.children, safe).badge, undefined, safe);
    assert.ok(dev.badge, 'the namespace carries the worst badge of its rules');
    assert.match(dev.description ?? '', /^10 permissions · ⚠ \d+ risky$/);
    assert.match((dev.item.tooltip as vscode.MarkdownString).value, /hint for user interfaces, not an authority/);
    assert.equal(find(nodes, 'staging').badge, undefined);
    // Risky nodes open by themselves, under an id VS Code cannot have drawn collapsed while they loaded.
    assert.equal(dev.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(dev.item.id, `${dev.node.id}#open`);
    assert.equal(find(nodes, 'staging').item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(find(nodes, 'staging').item.id, find(nodes, 'staging').node.id);
    const view = provider.view?.badge;
    assert.ok(view && view.value > 0, 'the view shows how many risky permissions there are');
  });

  it('shows an incomplete review with its evaluationError', async () => {
    const nodes = await show(kubeconfig('deployer', { server: ciServer.url }));
    const ci = find(nodes, 'ci');
    assert.match(ci.description ?? '', /incomplete$/);
    assert.equal(ci.node.incomplete, true);
    assert.equal(ci.children[0]?.label, 'Incomplete: the cluster could not list every rule');
    assert.equal(ci.children[0]?.description, 'webhook authorizer does not support user rule resolution');
    assert.ok(find(ci.children, '* (all API groups)').badge, 'the wildcard read rule is flagged');
  });

  for (const [fixture, title] of [
    ['bad-token', 'Credentials rejected (401 Unauthorized)'],
    ['unreachable', 'Cluster unreachable'],
    ['tls-unknown-ca', 'TLS verification failed'],
    ['exec-fails', 'Credential plugin failed'],
    ['exec-missing', 'Credential plugin failed'],
    ['missing-context', 'Context missing'],
    ['malformed', 'Kubeconfig unreadable'],
  ] as const) {
    it(`shows the failure node for ${fixture}: "${title}" with its next step`, async () => {
      const nodes = await show(kubeconfig(fixture, { server: developer.url, unreachable: await unreachableUrl() }));
      const failure = nodes.find((n) => n.node.kind === 'failure');
      assert.ok(failure, treeText(nodes));
      assert.equal(failure.label, title);
      assert.ok(failure.description && failure.description.length > 10);
      assert.match(failure.children[1]?.label ?? '', /^Next step: /);
      assert.equal(failure.item.command?.command, 'kubeguard.permissions.runAction');
      assert.equal(failure.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    });
  }

  it('shows the welcome view (an empty tree) when there is no kubeconfig at all', async function () {
    if (process.env.KUBECONFIG) this.skip();
    const nodes = await show('');
    assert.deepEqual(nodes, []);
    assert.equal(provider.snapshot.phase, 'noKubeconfig');
  });

  it('says visibly that TLS verification is off when the kubeconfig says so', async () => {
    const nodes = await show(kubeconfig('insecure', { server: developer.url }));
    const tls = find(nodes, 'TLS certificate verification is OFF');
    assert.equal(tls.description, 'insecure-skip-tls-verify: true in the kubeconfig');
    assert.equal(nodes.indexOf(tls), 2, 'right under the cluster');
  });

  it('switches context for KubeGuard only, or also in the kubeconfig when asked', async () => {
    const file = k.write('token', { server: developer.url }, 'switch.yaml');
    await show(file);
    const before = readFileSync(file, 'utf8');
    assert.equal(await vscode.commands.executeCommand('kubeguard.permissions.switchContext', 'staging', false), 'staging');
    assert.equal(shownTree(provider)[0]?.label, 'Context: staging');
    assert.equal(readFileSync(file, 'utf8'), before, 'the kubeconfig is untouched');
    await vscode.commands.executeCommand('kubeguard.permissions.switchContext', 'staging', true);
    assert.match(readFileSync(file, 'utf8'), /^current-context: "staging"$/m);
  });

  it('filters namespaces, copies a namespace\'s rules as YAML, answers Can I…?', async () => {
    await show(kubeconfig('token', { server: developer.url }));
    assert.deepEqual(await vscode.commands.executeCommand('kubeguard.permissions.filterNamespaces', ['dev', 'staging']), ['dev', 'staging']);
    assert.equal(find(shownTree(provider), 'Namespaces').description, '2 of 4 (filtered) listed');
    const yaml = await vscode.commands.executeCommand<string>('kubeguard.permissions.copyRulesAsYaml', 'dev');
    assert.match(yaml, /^kind: Role$/m);
    assert.match(yaml, /resources: \["pods\/exec"\]/);
    assert.equal(await vscode.env.clipboard.readText(), yaml);
    const yes = await vscode.commands.executeCommand<{ allowed: boolean; message: string }>('kubeguard.canI', { verb: 'create', resource: 'pods/exec', namespace: 'dev' });
    assert.equal(yes.allowed, true);
    assert.match(yes.message, /^Yes: you can create pods\/exec in namespace "dev"\. Reason: RBAC: allowed by RoleBinding "jane-exec\/dev"/);
    const no = await vscode.commands.executeCommand<{ allowed: boolean; message: string }>('kubeguard.canI', { verb: 'get', resource: 'secrets', namespace: 'staging' });
    assert.equal(no.allowed, false);
    await vscode.commands.executeCommand('kubeguard.permissions.filterNamespaces', []);
  });

  it('"Show only risky" (kubeguard.toggleOnlyRisky) hides the harmless rules', async () => {
    await show(kubeconfig('token', { server: developer.url }));
    await vscode.commands.executeCommand('kubeguard.toggleOnlyRisky');
    const nodes = shownTree(provider);
    assert.equal(find(nodes, 'staging').children.map((c) => c.label).join(), 'No risky permissions');
    const dev = find(nodes, 'dev');
    assert.ok(dev.children.every((g) => g.badge), treeText(dev.children));
    await vscode.commands.executeCommand('kubeguard.toggleOnlyRisky');
    assert.ok(find(shownTree(provider), 'staging').children.length > 1);
  });

  it('"Show only risky" is one state for both views: the Workspace RBAC title button filters this view too', async () => {
    await show(kubeconfig('token', { server: developer.url }));
    await vscode.commands.executeCommand('kubeguard.rbac.showOnlyRisky');
    assert.equal(provider.onlyRiskyShown, true);
    assert.equal(find(shownTree(provider), 'staging').children.map((c) => c.label).join(), 'No risky permissions');
    await vscode.commands.executeCommand('kubeguard.rbac.showAll');
    assert.equal(provider.onlyRiskyShown, false);
  });

  it('reloads by itself when the kubeconfig file changes', async () => {
    const file = k.write('token', { server: developer.url }, 'watched.yaml');
    await show(file);
    const changed = waitForTree(provider, () => provider.snapshot.target?.context === 'ci' && provider.snapshot.phase === 'ready');
    writeFileSync(file, readFileSync(kubeconfig('deployer', { server: ciServer.url }), 'utf8'));
    await changed;
    await provider.whenIdle();
    assert.ok(find(shownTree(provider), 'ci'));
  });
});
