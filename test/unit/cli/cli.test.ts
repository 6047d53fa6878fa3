/** `kubeguard` as a real process: `node bin/kubeguard.js` on files, directories and stdin. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { yaml } from '../../support/yamlText';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin/kubeguard.js');

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function kubeguard(args: string[], options: { cwd?: string; input?: string } = {}): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, input: options.input ?? '', encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  pssCheck: string | null;
  concepts: string[];
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  object: { kind: string; name: string | null; namespace: string | null; documentIndex: number };
}
interface JsonReport {
  files: { path: string; findings: JsonFinding[]; problems: { code: string; severity: string }[] }[];
}

const NAMESPACE = yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels:
      pod-security.kubernetes.io/enforce: baseline
      pod-security.kubernetes.io/enforce-version: v1.30
`;

/** Two workloads in one file: document 0 in namespace shop, document 1 in namespace billing. */
const WORKLOADS =
  yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
    spec:
      template:
        spec:
          hostNetwork: true
          containers:
          - name: web
            image: nginx:1.27
  ` +
  '\n---\n' +
  yaml`
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: once
      namespace: billing
    spec:
      template:
        spec:
          containers:
          - name: job
            image: busybox:1.36
            securityContext:
              runAsUser: 0
  ` +
  '\n';

describe('kubeguard CLI (real process)', function () {
  this.timeout(60000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-cli-'));
    mkdirSync(path.join(dir, 'apps', 'nested'), { recursive: true });
    writeFileSync(path.join(dir, 'namespace.yaml'), NAMESPACE);
    writeFileSync(path.join(dir, 'apps', 'workloads.yml'), WORKLOADS);
    writeFileSync(path.join(dir, 'apps', 'nested', 'notes.txt'), 'kind: Pod\nspec: {hostPID: true}\n');
  });

  describe('lint --format json', () => {
    let result: Result;
    let report: JsonReport;
    before(() => {
      result = kubeguard(['lint', '--format', 'json', '--level', 'restricted', dir]);
      report = JSON.parse(result.stdout) as JsonReport;
    });

    it('recurses directories for *.yaml and *.yml only, and exits 1 on findings', () => {
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(report.files.map((f) => path.relative(dir, f.path)).sort(), [path.join('apps', 'workloads.yml'), 'namespace.yaml']);
    });

    it('prints the documented shape with 0-based positions, PSS check, concepts and object', () => {
      const file = report.files.find((f) => f.path.endsWith('workloads.yml'))!;
      const host = file.findings.find((f) => f.ruleId === 'host-namespaces')!;
      assert.deepEqual(Object.keys(host).sort(), ['concepts', 'message', 'object', 'pssCheck', 'range', 'ruleId', 'severity']);
      assert.deepEqual(host.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 23 } });
      assert.equal(host.pssCheck, 'hostNamespaces');
      assert.ok(host.concepts.includes('SEC-HOSTNETWORK'));
      assert.equal(host.severity, 'error');
      assert.deepEqual(host.object, { kind: 'Deployment', name: 'web', namespace: 'shop', documentIndex: 0 });
      const root = file.findings.find((f) => f.ruleId === 'run-as-root-user')!;
      assert.deepEqual(root.object, { kind: 'Job', name: 'once', namespace: 'billing', documentIndex: 1 });
      assert.deepEqual(root.concepts, ['SEC-RUN-AS-UID0']);
      assert.deepEqual(file.problems, []);
    });

    it('applies Namespace labels from another file: they win over --level, as admission would', () => {
      const file = report.files.find((f) => f.path.endsWith('workloads.yml'))!;
      const shop = file.findings.filter((f) => f.object.namespace === 'shop' && f.pssCheck !== null);
      assert.deepEqual([...new Set(shop.map((f) => f.pssCheck))], ['hostNamespaces'], 'baseline only');
      assert.match(shop[0]!.message, /policy baseline v1\.30 from namespace "shop" labels\]$/);
      const billing = file.findings.filter((f) => f.object.namespace === 'billing' && f.pssCheck !== null);
      assert.ok(billing.some((f) => f.pssCheck === 'runAsNonRoot'), 'restricted from the flag');
      assert.match(billing[0]!.message, /policy restricted latest from command line\]$/);
    });
  });

  it('reads stdin for -, with text output like a compiler (1-based) and a summary on stderr', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: true\n';
    const r = kubeguard(['lint', '--level', 'baseline', '--pss-version', 'v1.25', '-'], { input: pod });
    assert.equal(r.code, 1);
    assert.ok(
      r.stdout.split('\n').includes('<stdin>:9:7: error privileged-container Container "c" runs privileged. [PSS baseline: Privileged Containers; policy baseline v1.25 from command line]'),
      r.stdout,
    );
    assert.match(r.stderr, /^\d+ findings? \(1 error, .*\) in 1 of 1 file/);
  });

  it('says where the policy came from when no flag is given', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: c}]\n';
    const r = kubeguard(['lint', '--format=json', '-'], { input: pod });
    const f = (JSON.parse(r.stdout) as JsonReport).files[0]!.findings.find((x) => x.ruleId === 'host-namespaces')!;
    assert.match(f.message, /policy restricted latest from defaults\]$/);
  });

  it('exits 0 when there is nothing to report', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: colors\n  namespace: shop\ndata:\n  color: blue\n';
    const r = kubeguard(['lint', '--format', 'json', '-'], { input: cm });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport).files[0]!.findings, []);
  });

  it('reports YAML syntax errors as problems and exits 1', () => {
    const r = kubeguard(['lint', '--format', 'json', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n' });
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout) as JsonReport).files[0]!.problems[0]!.code, 'yaml-syntax');
  });

  it('evaluates a Kubernetes conformance fixture at its own level and version', () => {
    const fixture = path.join(ROOT, 'test/fixtures/pss/restricted/v1.22/fail/capabilities_restricted2.yaml');
    const r = kubeguard(['lint', '--format', 'json', '--level', 'restricted', '--pss-version', 'v1.22', fixture]);
    const checks = (JSON.parse(r.stdout) as JsonReport).files[0]!.findings.map((f) => f.pssCheck).filter((c) => c !== null);
    assert.deepEqual([...new Set(checks)], ['capabilities_restricted']);
  });

  for (const [args, message] of [
    [['lint', '--level', 'strict', 'x.yaml'], '--level must be privileged, baseline or restricted, not "strict"'],
    [['lint', '--pss-version', '2.0', 'x.yaml'], '--pss-version must be latest or v1.N, not "2.0"'],
    [['lint', '--format', 'xml', 'x.yaml'], '--format must be text, json or sarif, not "xml"'],
    [['lint', '--colour', 'x.yaml'], 'unknown option "--colour" for "lint"'],
    [['lint'], 'lint needs at least one file, directory or - (stdin)'],
    [['lint', 'does/not/exist.yaml'], 'no such file or directory: does/not/exist.yaml'],
    [['scan', '.'], 'unknown command "scan"'],
    [['lint', '--level'], 'option --level needs a value'],
  ] as const) {
    it(`exits 2 with a usage message: ${args.join(' ')}`, () => {
      const r = kubeguard([...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`kubeguard: ${message}\n`), r.stderr);
      assert.match(r.stderr, /Usage:\n {2}kubeguard lint/);
    });
  }

  it('lists every rule as JSON with id, title, severity, default, PSS check, concepts and docs link', () => {
    const r = kubeguard(['rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const rules = (JSON.parse(r.stdout) as { rules: Record<string, unknown>[] }).rules;
    const pss = rules.filter((x) => x.pssCheck !== null);
    assert.equal(pss.length, 19);
    const caps = rules.find((x) => x.id === 'capabilities-restricted')!;
    assert.deepEqual(caps, {
      id: 'capabilities-restricted',
      title: 'Capabilities not dropped',
      severity: 'warning',
      enabledByDefault: true,
      pssCheck: 'capabilities_restricted',
      pssLevel: 'restricted',
      concepts: ['SEC-CAPS-DROP-ALL', 'SEC-CAPS-ADD-ONLY-NBS'],
      docs: 'https://github.com/kubeguard/kubeguard/blob/main/docs/rules/capabilities-restricted.md',
    });
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length);
  });

  it('lists rules as an aligned table by default', () => {
    const r = kubeguard(['rules']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^RULE\s+SEVERITY\s+DEFAULT\s+PSS CHECK\s+TITLE$/);
    assert.ok(lines.some((l) => /^unsafe-sysctls\s+error\s+on\s+sysctls\s+Unsafe sysctl$/.test(l)));
  });
});
