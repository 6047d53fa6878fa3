/**
 * The RBAC requests over stdio: a temporary workspace folder with RBAC manifests on disk (the server
 * indexes it at start) plus open documents. Expected subjects, ranges and risks are written by hand.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClassifyRbacRulesRequest,
  WhoCanRequest,
  WorkspaceRbacChangedNotification,
  WorkspaceRbacRequest,
  type RbacPermission,
} from '../../server/src/protocol';
import { TestLspClient } from '../support/lspClient';
import { lineOf, yaml } from '../support/yamlText';

const ROLES = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata:
    namespace: shop
    name: deployer
  rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "create", "update"]
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: secret-reader
  rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "watch", "list"]
` + '\n';

const BINDINGS = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: ci-deployer
    namespace: shop
  subjects:
  - kind: ServiceAccount
    name: ci
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: Role
    name: deployer
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: read-secrets
    namespace: shop
  subjects:
  - kind: User
    name: dave
    apiGroup: rbac.authorization.k8s.io
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: secret-reader
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: auditors
    namespace: shop
  subjects:
  - kind: Group
    name: auditors
    apiGroup: rbac.authorization.k8s.io
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: Role
    name: audit-reader
` + '\n';

/** Waits on `kubeguard/workspaceRbacChanged` notifications. */
class RbacWatcher {
  private readonly versions: number[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(client: TestLspClient) {
    for (const n of client.notifications) if (n.method === WorkspaceRbacChangedNotification.method) this.versions.push((n.params as WorkspaceRbacChangedNotification.Params).version);
    client.connection.onNotification(WorkspaceRbacChangedNotification.method, (p: WorkspaceRbacChangedNotification.Params) => {
      this.versions.push(p.version);
      for (const w of [...this.waiters]) w();
    });
  }

  /** Resolves with the first announced version above `after`. */
  next(after: number, timeoutMs = 10000): Promise<number> {
    const found = (): number | undefined => this.versions.find((v) => v > after);
    const now = found();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${WorkspaceRbacChangedNotification.method} above ${after} within ${timeoutMs} ms (seen ${this.versions.join(',')})`));
      }, timeoutMs);
      const check = (): void => {
        const v = found();
        if (v === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(v);
      };
      this.waiters.add(check);
    });
  }
}

const brief = (p: RbacPermission): string =>
  `${p.namespace ?? 'cluster'} ${p.nonResourceURL ?? `${p.apiGroup}/${p.resource}`} [${p.verbs.join(',')}]${p.risks.length ? ` risky: ${p.risks.map((r) => `${r.id}:${r.severity}`).join(',')}` : ''}`;

describe('RBAC requests over stdio', () => {
  let dir: string;
  let client: TestLspClient;
  let watcher: RbacWatcher;
  const uriOf = (name: string): string => pathToFileURL(path.join(dir, name)).href;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-rbac-'));
    writeFileSync(path.join(dir, 'roles.yaml'), ROLES);
    writeFileSync(path.join(dir, 'bindings.yaml'), BINDINGS);
    client = await TestLspClient.start(dir);
    watcher = new RbacWatcher(client);
  });
  afterEach(() => client.stop());

  it('classifyRbacRules answers the risks of each rule, in the declared shape', async () => {
    const params: ClassifyRbacRulesRequest.Params = {
      rules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] },
        { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      ],
      namespace: 'shop',
    };
    const result: ClassifyRbacRulesRequest.Result = await client.connection.sendRequest(ClassifyRbacRulesRequest.method, params);
    assert.equal(result.risks.length, 3);
    assert.deepEqual(result.risks[0], [
      {
        id: 'rbac-secrets-read',
        severity: 'high',
        title: 'Secrets read',
        reason: 'An attacker can read Secret values such as service account tokens, passwords and TLS keys, and act as the identities they belong to.',
      },
    ]);
    assert.deepEqual(result.risks[1], []);
    assert.deepEqual(result.risks[2]!.map((r) => r.id), ['rbac-cluster-admin']);
    const cluster: ClassifyRbacRulesRequest.Result = await client.connection.sendRequest(ClassifyRbacRulesRequest.method, { rules: params.rules.slice(0, 1) });
    assert.equal(cluster.risks[0]![0]!.severity, 'critical');
  });

  it('workspaceRbac lists the subjects of the files on disk with permissions, risks, sources and issues', async () => {
    await watcher.next(0);
    const r: WorkspaceRbacRequest.Result = await client.connection.sendRequest(WorkspaceRbacRequest.method, {});
    assert.equal(r.rbacObjects, 5);
    assert.deepEqual(r.subjects.map((s) => s.label), ['User dave', 'Group auditors', 'ServiceAccount shop/ci']);

    const ci = r.subjects.find((s) => s.label === 'ServiceAccount shop/ci')!;
    assert.deepEqual(ci.subject, { kind: 'ServiceAccount', name: 'ci', namespace: 'shop' });
    assert.deepEqual(ci.permissions.map(brief), [
      'shop apps/deployments [get,list,create,update] risky: rbac-workload-write:medium',
      'shop /pods/exec [create] risky: rbac-pods-exec:high',
    ]);
    assert.equal(ci.maxSeverity, 'high');
    const exec = ci.permissions[1]!;
    assert.equal(exec.source.rule.uri, uriOf('roles.yaml'));
    assert.deepEqual(exec.source.rule.range!.start, { line: lineOf(ROLES, '- apiGroups: [""]\n  resources: ["pods/exec"]'), character: 2 });
    assert.equal(exec.source.binding.uri, uriOf('bindings.yaml'));
    assert.deepEqual(exec.source.binding.range!.start, { line: lineOf(BINDINGS, '- kind: ServiceAccount'), character: 2 });
    assert.deepEqual(exec.source.role, {
      kind: 'Role',
      name: 'deployer',
      namespace: 'shop',
      uri: uriOf('roles.yaml'),
      range: { start: { line: lineOf(ROLES, 'name: deployer'), character: 8 }, end: { line: lineOf(ROLES, 'name: deployer'), character: 16 } },
    });

    const dave = r.subjects.find((s) => s.label === 'User dave')!;
    assert.deepEqual(dave.permissions.map(brief), ['shop /secrets [get,watch,list] risky: rbac-secrets-read:high']);

    const auditors = r.subjects.find((s) => s.label === 'Group auditors')!;
    assert.deepEqual(auditors.permissions, []);
    assert.deepEqual(auditors.issues.map((i) => `${i.status} ${i.roleRef.kind} ${i.roleRef.name}`), ['missing-role Role audit-reader']);
    assert.deepEqual(auditors.issues[0]!.binding.range!.start, { line: lineOf(BINDINGS, 'name: audit-reader') - 2, character: 2 });
    assert.equal(r.issues.length, 1);

    const risky: WorkspaceRbacRequest.Result = await client.connection.sendRequest(WorkspaceRbacRequest.method, { onlyRisky: true });
    assert.deepEqual(risky.subjects.map((s) => `${s.label}: ${s.permissions.length}`), ['User dave: 1', 'Group auditors: 0', 'ServiceAccount shop/ci: 2']);
  });

  it('announces a change when an open document adds RBAC objects, and not for other edits', async () => {
    const first = await watcher.next(0);
    const before: WorkspaceRbacRequest.Result = await client.connection.sendRequest(WorkspaceRbacRequest.method, {});
    // A request brings the version up to date itself (the scan may have indexed more since the notification).
    const baseline = before.version;
    assert.ok(baseline >= first);

    // A non-RBAC document: analysed (diagnostics published) without changing the RBAC version.
    const deploy = uriOf('web.yaml');
    await client.open(deploy, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n');
    await client.diagnosticsAt(deploy, 1);
    const same: WorkspaceRbacRequest.Result = await client.connection.sendRequest(WorkspaceRbacRequest.method, {});
    assert.equal(same.version, baseline);

    const admin = uriOf('admin.yaml');
    await client.open(
      admin,
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: root
        subjects:
        - kind: User
          name: root
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: cluster-admin
      ` + '\n',
    );
    const next = await watcher.next(baseline);
    const after: WorkspaceRbacRequest.Result = await client.connection.sendRequest(WorkspaceRbacRequest.method, {});
    assert.ok(after.version >= next);
    const root = after.subjects.find((s) => s.label === 'User root')!;
    assert.deepEqual(root.permissions.map(brief), ['cluster */* [*] risky: rbac-cluster-admin:critical', 'cluster * [*] risky: rbac-wildcard-verbs:high']);
    assert.equal(root.permissions[0]!.source.role.builtin, 'Allows super-user access to perform any action on any resource.');
    assert.equal(root.permissions[0]!.source.role.uri, undefined);
    assert.equal(root.permissions[0]!.source.binding.uri, admin);
  });

  it('whoCan lists the subjects and grants that allow a request', async () => {
    await watcher.next(0);
    const exec: WhoCanRequest.Result = await client.connection.sendRequest(WhoCanRequest.method, { verb: 'create', resource: 'pods/exec', namespace: 'shop' });
    assert.deepEqual(exec.subjects.map((s) => `${s.label}: ${s.grants.map(brief).join('; ')}`), ['ServiceAccount shop/ci: shop /pods/exec [create] risky: rbac-pods-exec:high']);
    assert.match(exec.notes[0]!, /system:masters/);

    const deployments: WhoCanRequest.Result = await client.connection.sendRequest(WhoCanRequest.method, { verb: 'update', resource: 'deployments.apps' });
    assert.deepEqual(deployments.subjects.map((s) => s.label), ['ServiceAccount shop/ci']);
    assert.equal(deployments.subjects[0]!.grants[0]!.source.rule.uri, uriOf('roles.yaml'));

    const elsewhere: WhoCanRequest.Result = await client.connection.sendRequest(WhoCanRequest.method, { verb: 'get', resource: 'secrets', namespace: 'default' });
    assert.deepEqual(elsewhere.subjects, []);
  });
});
