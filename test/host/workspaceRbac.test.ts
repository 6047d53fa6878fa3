/**
 * The Workspace RBAC view in a real VS Code, on examples/rbac: the tree matches the effective permissions
 * written by hand from the manifests and the Kubernetes RBAC rules (labels, badges, descriptions); the
 * "Show only risky" toggle filters it; clicking a permission opens the rule and the binding; who-can answers.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WhoCanRequest } from '../../server/src/protocol';
import { activateExtension, workspaceFile } from './support';

interface SnapshotNode {
  readonly label: string;
  readonly description?: string;
  readonly icon?: string;
  readonly tooltip?: string;
  readonly command?: vscode.Command;
  readonly children: readonly SnapshotNode[];
}

/** Roles, ClusterRoles and bindings in examples/rbac: 5 in roles.yaml, 4 in monitoring.yaml, 6 in bindings.yaml. */
const RBAC_OBJECTS = 15;

/** `label — description [icon]`, children indented: compact and readable in a failure diff. */
function render(nodes: readonly SnapshotNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''} [${n.icon ?? ''}]`,
    ...render(n.children, depth + 1),
  ]);
}

const SUBJECTS = ['User alice', 'User lead@example.com', 'Group auditors', 'Group oncall', 'ServiceAccount ci/deployer', 'ServiceAccount monitoring/prometheus', 'ServiceAccount shop/web'];

/** The tree of the example's subjects (others' examples may add more subjects; they are not compared). */
async function exampleTree(): Promise<SnapshotNode[]> {
  const all = await vscode.commands.executeCommand<SnapshotNode[]>('kubeguard.workspaceRbac.snapshot', { minRbacObjects: RBAC_OBJECTS });
  return all.filter((n) => SUBJECTS.includes(n.label));
}

const ALL_PERMISSIONS = [
  'User alice — 1 binding issue [account]',
  '  RoleBinding legacy-admin → Role shop-admin — role not in the workspace [error]',
  'User lead@example.com — risky (high) [account]',
  '  Namespace shop [symbol-namespace]',
  '    rolebindings.rbac.authorization.k8s.io — risky: RBAC write [warning]',
  '      create — RoleBinding team-lead → ClusterRole role-grantor [warning]',
  '    clusterroles.rbac.authorization.k8s.io — risky: Bind roles [warning]',
  '      bind — names: admin, edit, view · RoleBinding team-lead → ClusterRole role-grantor [warning]',
  'Group auditors — risky (critical) [organization]',
  '  Cluster-wide [globe]',
  '    secrets — risky: Secrets read [warning]',
  '      get, list, watch — ClusterRoleBinding secret-auditors → ClusterRole secret-reader [warning]',
  'Group oncall — risky (high) [organization]',
  '  Namespace shop [symbol-namespace]',
  '    pods [symbol-field]',
  '      get, list — RoleBinding oncall-debug → Role debugger [check]',
  '    pods/exec — risky: Exec into pods [warning]',
  '      create — RoleBinding oncall-debug → Role debugger [warning]',
  '    pods/portforward — risky: Port-forward to pods [warning]',
  '      create — RoleBinding oncall-debug → Role debugger [warning]',
  'ServiceAccount ci/deployer — risky (medium) [server-process]',
  '  Namespace shop [symbol-namespace]',
  '    deployments.apps — risky: Workload create/update [warning]',
  '      get, list, create, update, patch — RoleBinding ci-deployer → ClusterRole deployer [warning]',
  '    services [symbol-field]',
  '      get, create, update — RoleBinding ci-deployer → ClusterRole deployer [check]',
  'ServiceAccount monitoring/prometheus [server-process]',
  '  Cluster-wide [globe]',
  '    services [symbol-field]',
  '      get, list, watch — ClusterRoleBinding prometheus → ClusterRole monitoring [check]',
  '    pods [symbol-field]',
  '      get, list, watch — ClusterRoleBinding prometheus → ClusterRole monitoring [check]',
  '    /metrics [symbol-field]',
  '      get — ClusterRoleBinding prometheus → ClusterRole monitoring [check]',
  'ServiceAccount shop/web [server-process]',
  '  Namespace shop [symbol-namespace]',
  '    configmaps [symbol-field]',
  '      get — names: web-config · RoleBinding web → Role web-config-reader [check]',
  '    secrets [symbol-field]',
  '      get — names: web-tls · RoleBinding web → Role web-config-reader [check]',
];

function find(nodes: readonly SnapshotNode[], ...path: string[]): SnapshotNode {
  let level = nodes;
  let found: SnapshotNode | undefined;
  for (const label of path) {
    found = level.find((n) => n.label === label);
    assert.ok(found, `no node "${label}" in ${level.map((n) => n.label).join(', ')}`);
    level = found.children;
  }
  return found!;
}

/** Zero-based line where `needle` starts in a file of the example (hand-located text, not the engine's ranges). */
async function lineOf(file: string, needle: string): Promise<number> {
  const text = (await vscode.workspace.openTextDocument(workspaceFile(file))).getText();
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${file}`);
  return text.slice(0, at).split('\n').length - 1;
}

describe('Workspace RBAC view', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('kubeguard.rbac.showAll');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the effective permissions of examples/rbac with risk badges and the binding to a missing role', async () => {
    assert.deepEqual(render(await exampleTree()), ALL_PERMISSIONS);
  });

  it('explains each risk in the tooltip', async () => {
    const exec = find(await exampleTree(), 'Group oncall', 'Namespace shop', 'pods/exec', 'create');
    assert.match(exec.tooltip ?? '', /Exec into pods\*\* \(high\): An attacker can run commands in running containers/);
    assert.match(exec.tooltip ?? '', /Granted by RoleBinding oncall-debug \(shop\) → Role debugger \(shop\)/);
    const issue = find(await exampleTree(), 'User alice', 'RoleBinding legacy-admin → Role shop-admin');
    assert.match(issue.tooltip ?? '', /Role shop-admin is not defined in the workspace in namespace shop/);
  });

  it('"Show only risky" keeps the risky permissions and the binding issues', async () => {
    await vscode.commands.executeCommand('kubeguard.rbac.showOnlyRisky');
    const risky = await exampleTree();
    assert.deepEqual(render(risky), [
      'User alice — 1 binding issue [account]',
      '  RoleBinding legacy-admin → Role shop-admin — role not in the workspace [error]',
      ...ALL_PERMISSIONS.slice(2, 12),
      'Group oncall — risky (high) [organization]',
      '  Namespace shop [symbol-namespace]',
      '    pods/exec — risky: Exec into pods [warning]',
      '      create — RoleBinding oncall-debug → Role debugger [warning]',
      '    pods/portforward — risky: Port-forward to pods [warning]',
      '      create — RoleBinding oncall-debug → Role debugger [warning]',
      'ServiceAccount ci/deployer — risky (medium) [server-process]',
      '  Namespace shop [symbol-namespace]',
      '    deployments.apps — risky: Workload create/update [warning]',
      '      get, list, create, update, patch — RoleBinding ci-deployer → ClusterRole deployer [warning]',
    ]);
    await vscode.commands.executeCommand('kubeguard.rbac.showAll');
    assert.deepEqual(render(await exampleTree()), ALL_PERMISSIONS);
  });

  it('clicking a permission opens the rule in the Role and the subject in the binding', async () => {
    const leaf = find(await exampleTree(), 'Group oncall', 'Namespace shop', 'pods/exec', 'create');
    assert.ok(leaf.command);
    await vscode.commands.executeCommand(leaf.command.command, ...((leaf.command.arguments ?? []) as unknown[]));

    const ruleLine = await lineOf('rbac/roles.yaml', '- apiGroups: [""]\n  resources: ["pods/exec", "pods/portforward"]');
    const subjectLine = await lineOf('rbac/bindings.yaml', '- kind: Group\n  name: oncall');
    const editors = vscode.window.visibleTextEditors;
    const role = editors.find((e) => e.document.uri.toString() === workspaceFile('rbac/roles.yaml').toString());
    const binding = editors.find((e) => e.document.uri.toString() === workspaceFile('rbac/bindings.yaml').toString());
    assert.ok(role, 'roles.yaml is open');
    assert.ok(binding, 'bindings.yaml is open');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), role.document.uri.toString());
    assert.deepEqual([role.selection.start.line, role.selection.start.character, role.selection.end.line], [ruleLine, 2, ruleLine + 2]);
    assert.deepEqual([binding.selection.start.line, binding.selection.start.character], [subjectLine, 2]);
  });

  it('"Who can…?" lists the subjects and their grants', async () => {
    const exec = await vscode.commands.executeCommand<WhoCanRequest.Result>('kubeguard.whoCan', { verb: 'create', resource: 'pods/exec', namespace: 'shop' });
    assert.deepEqual(exec.subjects.map((s) => s.label), ['Group oncall']);
    assert.equal(exec.subjects[0]!.grants[0]!.source.role.name, 'debugger');

    const secrets = await vscode.commands.executeCommand<WhoCanRequest.Result>('kubeguard.whoCan', { verb: 'get', resource: 'secrets' });
    const answers = secrets.subjects
      .filter((s) => SUBJECTS.includes(s.label))
      .map((s) => `${s.label}: ${s.grants.map((g) => `${g.namespace ?? 'cluster-wide'}${g.resourceNames ? ` only ${g.resourceNames.join(',')}` : ''}`).join('; ')}`)
      .sort();
    assert.deepEqual(answers, ['Group auditors: cluster-wide', 'ServiceAccount shop/web: shop only web-tls']);
  });
});
