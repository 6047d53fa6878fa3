/**
 * "No manifest content leaves the machine": the language server makes no network call and starts no
 * process, whatever it analyses. The bundled server runs under a preload that records and refuses every
 * network API of Node (test/support/networkTrap: why that is exhaustive is explained there) through a
 * realistic session: a workspace on disk with workloads whose images name registries, a schema modeline
 * pointing at a URL, a kustomization with a remote base, a Helm chart, RBAC, edits, every kind of code
 * action, hover, the RBAC requests and a configuration change. The cluster calls of the Permissions view
 * are the client's (client/src/cluster), never the server's.
 *
 * A positive control runs a script calling each trapped API under the same preload and checks that each
 * one was recorded, so "zero attempts" cannot come from a trap that does not fire.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import { ClassifyRbacRulesRequest, WhoCanRequest, WorkspaceRbacRequest } from '../../server/src/protocol';
import { ROOT, SERVER_MODULE, TestLspClient } from '../support/lspClient';
// Types only: importing the module would install the trap in this test process.
import type { TrapRecord } from '../support/networkTrap';
import { yaml } from '../support/yamlText';

const TRAP = path.join(__dirname, '../support/networkTrap/index.js');
/** Where the trap writes its records (TRAP_LOG_ENV in the trap). */
const TRAP_LOG_ENV = 'KUBEGUARD_NETWORK_TRAP_LOG';

function records(log: string): TrapRecord[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as TrapRecord) : [];
}

/** The environment that loads the trap into a Node process (kept apart from this process's own). */
function trapEnv(log: string): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(TRAP)}`.trim(), [TRAP_LOG_ENV]: log };
}

const DEPLOYMENT = yaml`
  # yaml-language-server: $schema=https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.30.0/deployment.json
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        hostNetwork: true
        containers:
        - name: web
          image: registry.example.com/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          securityContext:
            privileged: true
        - name: sidecar
          image: ghcr.io/example/sidecar:latest
` + '\n';

const WORKSPACE: Record<string, string> = {
  'namespace.yaml': yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      labels:
        pod-security.kubernetes.io/enforce: baseline
  ` + '\n',
  'rbac.yaml': yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: { name: deployer, namespace: shop }
    rules:
    - apiGroups: [""]
      resources: ["secrets", "pods/exec"]
      verbs: ["get", "create"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: { name: ci, namespace: shop }
    subjects:
    - kind: ServiceAccount
      name: ci
    roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer }
  ` + '\n',
  'kustomization.yaml': yaml`
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources:
    - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1
    - deployment.yaml
  ` + '\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
  'chart/templates/deployment.yaml': yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{ .Release.Name }}-web
    spec:
      template:
        spec:
          containers:
          - name: web
            image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
  ` + '\n',
  'deployment.yaml': DEPLOYMENT,
};

describe('language server: no network call, no child process', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-nonet-'));
    for (const [name, text] of Object.entries(WORKSPACE)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  });

  it('the trap records every network API it guards (positive control)', () => {
    const log = path.join(dir, 'control.jsonl');
    const attempts = [
      "require('net').connect(443, 'example.com')",
      "new (require('net').Socket)().connect(443, '127.0.0.1')",
      "require('tls').connect(443, 'example.com')",
      "require('http').get('http://example.com/')",
      "require('https').request('https://example.com/')",
      "require('http2').connect('https://example.com')",
      "require('dns').lookup('example.com', () => {})",
      "require('dns').resolve4('example.com', () => {})",
      "new (require('dns').Resolver)().resolve4('example.com', () => {})",
      "require('dns').promises.lookup('example.com')",
      "require('dgram').createSocket('udp4')",
      "fetch('https://example.com/')",
      "require('child_process').spawn('curl', ['https://example.com/'])",
      "require('child_process').execSync('true')",
    ];
    const script = attempts.map((a) => `try { ${a}; } catch {}`).join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { env: trapEnv(log), encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    const apis = records(log).map((x) => x.api);
    assert.deepEqual(apis, [
      'loaded',
      'net.connect',
      'net.Socket#connect',
      'tls.connect',
      'http.get',
      'https.request',
      'http2.connect',
      'dns.lookup',
      'dns.resolve4',
      'dns.Resolver#resolve4',
      'dns.promises.lookup',
      'dgram.createSocket',
      'fetch',
      'child_process.spawn',
      'child_process.execSync',
    ]);
  });

  it('makes no attempt through a session of manifests, edits, code actions, hover and RBAC requests', async () => {
    const log = path.join(dir, 'server.jsonl');
    const uri = (name: string): string => pathToFileURL(path.join(dir, name)).href;
    // TestLspClient spawns the server with this process's environment, synchronously in start():
    // set NODE_OPTIONS just for that call.
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, log: process.env[TRAP_LOG_ENV] };
    Object.assign(process.env, trapEnv(log));
    const starting = TestLspClient.start(dir, { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' }, networkPolicy: { required: true } } });
    for (const [k, v] of [['NODE_OPTIONS', saved.NODE_OPTIONS], [TRAP_LOG_ENV, saved.log]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const client = await starting;
    try {
      const deployment = uri('deployment.yaml');
      await client.open(deployment, DEPLOYMENT);
      const diagnostics = await client.waitForDiagnostics(deployment, (p) => p.diagnostics.some((d) => d.code === 'privileged-container'));
      await client.change(deployment, 2, [{ text: DEPLOYMENT.replace('hostNetwork: true', 'hostNetwork: true\n      hostPID: true') }]);
      const edited = await client.diagnosticsAt(deployment, 2);
      assert.ok(edited.some((d) => d.code === 'host-namespaces'), JSON.stringify(edited.map((d) => d.code)));
      const whole = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
      const actions = [
        ...(await client.codeActions(deployment, whole, edited)),
        ...(await client.codeActions(deployment, whole, edited, ['source.fixAll'])),
        ...(await client.codeActions(deployment, { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } }, [], ['refactor'])),
      ];
      assert.ok(actions.length >= 3, `code actions were offered: ${actions.map((a) => a.title).join(' | ')}`);
      const privileged = diagnostics.find((d) => d.code === 'privileged-container')!;
      const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: deployment }, position: privileged.range.start });
      assert.ok(hover, 'a hover on the finding');

      for (const name of ['kustomization.yaml', 'chart/templates/deployment.yaml', 'rbac.yaml', 'namespace.yaml']) {
        await client.open(uri(name), WORKSPACE[name]!);
        await client.diagnosticsAt(uri(name), 1);
      }
      const rbac: WorkspaceRbacRequest.Result = await client.connection.sendRequest(WorkspaceRbacRequest.method, {});
      assert.ok(rbac.subjects.length > 0, 'the workspace RBAC was analysed');
      const who: WhoCanRequest.Result = await client.connection.sendRequest(WhoCanRequest.method, { verb: 'get', resource: 'secrets', namespace: 'shop' });
      assert.ok(who.subjects.length > 0);
      const classified: ClassifyRbacRulesRequest.Result = await client.connection.sendRequest(ClassifyRbacRulesRequest.method, {
        rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['get'], apiGroups: [''], resources: ['secrets'] }],
        namespace: 'shop',
      });
      assert.ok(classified.risks[0]!.length > 0, 'wildcard rules are risky');

      // A new file on disk and a settings change: the server re-reads the workspace and re-analyses.
      writeFileSync(path.join(dir, 'added.yaml'), DEPLOYMENT.replace('name: web', 'name: added'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('added.yaml'), type: 1 }] });
      client.settings = { kubeguard: { podSecurity: { level: 'baseline', version: 'v1.29' } } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.waitForDiagnostics(deployment, (p) => !p.diagnostics.some((d) => d.code === 'run-as-non-root'));
    } finally {
      await client.stop();
    }
    const seen = records(log);
    assert.equal(seen.filter((r) => r.api === 'loaded').length, 1, 'the trap was loaded into the server process');
    const attempts = seen.filter((r) => r.api !== 'loaded');
    assert.deepEqual(attempts, [], `network or process attempts:\n${attempts.map((a) => `${a.api} ${a.detail}\n${a.stack ?? ''}`).join('\n')}`);
  });

  it('the server\'s own source imports no network or process module', () => {
    // The bundle does contain `net` and `child_process`: vscode-languageserver's socket/pipe transports
    // (unused: the client speaks IPC, the tests stdio) and its module resolution helpers (unused). The
    // test above shows none of it runs; this one keeps KubeGuard's own code from ever importing them.
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []));
    const offenders: string[] = [];
    const forbidden = /(from\s+|require\()\s*['"](node:)?(net|tls|http|https|http2|dgram|dns|child_process|undici)['"]|\bfetch\(|\bnew (WebSocket|XMLHttpRequest|EventSource)\b/;
    for (const f of files(path.join(ROOT, 'server/src'))) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (forbidden.test(line)) offenders.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
    // And the bundle loads no HTTP, TLS, DNS or UDP module at all.
    const bundled = [...readFileSync(SERVER_MODULE, 'utf8').matchAll(/require\("(?:node:)?([a-z_0-9/]+)"\)/g)].map((m) => m[1]);
    assert.deepEqual(bundled.filter((m) => /^(tls|http|https|http2|dgram|dns|undici)$/.test(m ?? '')), []);
  });
});
