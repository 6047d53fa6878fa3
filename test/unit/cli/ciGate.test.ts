/** The CLI as a CI gate: --min-severity, the documented exit codes, and `helm template … | kubeguard lint -`. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lineOf, yaml } from '../../support/yamlText';
import { kubeguard } from './cliProcess';

/** No error at restricted, but warnings (capabilities, memory limit) and information (cpu request). */
const WARNINGS_ONLY = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: p
  spec:
    securityContext:
      runAsNonRoot: true
      seccompProfile: {type: RuntimeDefault}
    containers:
    - name: c
      image: busybox:1.36
      securityContext:
        allowPrivilegeEscalation: false
` + '\n';

/** What `helm template web ./chart` prints: `# Source:` comments after each `---`. */
const HELM_OUTPUT = yaml`
  ---
  # Source: web/templates/serviceaccount.yaml
  apiVersion: v1
  kind: ServiceAccount
  metadata:
    name: web
  ---
  # Source: web/templates/configmap.yaml
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: web
  data:
    script: |
      # Source: not/a/template.yaml
      echo hello
  ---
  # Source: web/templates/deployment.yaml
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    labels:
      helm.sh/chart: web-0.1.0
  spec:
    template:
      spec:
        serviceAccountName: web
        containers:
          - name: web
            image: "nginx:1.27"
            securityContext:
              privileged: true
` + '\n';

interface JsonFinding {
  ruleId: string;
  severity: string;
  template?: string;
  range: { start: { line: number } };
}
interface JsonReport {
  files: { path: string; findings: JsonFinding[]; problems: unknown[]; suppressedFindings: JsonFinding[] }[];
}

describe('kubeguard lint as a CI gate (real process)', function () {
  this.timeout(60000);

  it('--min-severity error: warnings are neither printed nor failing, and the summary says what was left out', () => {
    const all = kubeguard(['lint', '-'], { input: WARNINGS_ONLY });
    assert.equal(all.code, 1, all.stdout);
    assert.match(all.stdout, /: warning /);
    const gate = kubeguard(['lint', '--min-severity', 'error', '-'], { input: WARNINGS_ONLY });
    assert.equal(gate.code, 0, gate.stdout);
    assert.equal(gate.stdout, '');
    const omitted = all.stdout.trimEnd().split('\n').length;
    assert.match(gate.stderr, new RegExp(`^No findings in 1 file; ${omitted} below --min-severity error\\n$`));
  });

  it('--min-severity warning keeps warnings and errors, drops information and hints, in json too', () => {
    const r = kubeguard(['lint', '--format', 'json', '--min-severity=warning', '-'], { input: WARNINGS_ONLY });
    const severities = new Set((JSON.parse(r.stdout) as JsonReport).files[0]!.findings.map((f) => f.severity));
    assert.deepEqual([...severities].sort(), ['warning']);
    assert.equal(r.code, 1);
    const everything = new Set((JSON.parse(kubeguard(['lint', '--format', 'json', '-'], { input: WARNINGS_ONLY }).stdout) as JsonReport).files[0]!.findings.map((f) => f.severity));
    assert.ok(everything.has('information'), 'the default keeps information findings');
  });

  it('a YAML error fails the gate at any threshold', () => {
    const r = kubeguard(['lint', '--min-severity', 'error', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:\d+:\d+: error yaml-syntax /);
  });

  it('exits 2 on a bad --min-severity, on --format sarif for rules, and on a configuration with errors', () => {
    const bad = kubeguard(['lint', '--min-severity', 'fatal', '-']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^kubeguard: --min-severity must be error, warning, information or hint, not "fatal"\n/);
    const rules = kubeguard(['rules', '--format', 'sarif']);
    assert.equal(rules.code, 2);
    assert.match(rules.stderr, /^kubeguard: --format must be text or json, not "sarif"\n/);
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-ci-'));
    writeFileSync(path.join(dir, 'bad.kubeguard.yaml'), 'podSecurity: {level: strict}\n');
    const config = kubeguard(['lint', '--config', path.join(dir, 'bad.kubeguard.yaml'), '-'], { input: WARNINGS_ONLY });
    assert.equal(config.code, 2, config.stderr);
  });

  it('reads a helm template stream on stdin and names the template of each finding', () => {
    const r = kubeguard(['lint', '-'], { input: HELM_OUTPUT });
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const privileged = lines.find((l) => l.includes(' privileged-container '))!;
    const line = lineOf(HELM_OUTPUT, 'privileged: true') + 1;
    assert.match(privileged, new RegExp(`^<stdin>:${line}:\\d+: error privileged-container .* \\(template web/templates/deployment\\.yaml\\)$`));
    for (const l of lines) assert.match(l, /\(template web\/templates\/(deployment|serviceaccount|configmap)\.yaml\)$/, l);
  });

  it('gives the template in json, and never takes a "# Source:" line inside a block scalar for one', () => {
    const report = JSON.parse(kubeguard(['lint', '--format', 'json', '-'], { input: HELM_OUTPUT }).stdout) as JsonReport;
    const file = report.files[0]!;
    assert.equal(file.path, '<stdin>');
    const templates = new Set(file.findings.map((f) => f.template));
    assert.ok(templates.has('web/templates/deployment.yaml'));
    assert.ok(!templates.has('not/a/template.yaml'));
    // A stream without Source comments has no template field at all.
    const plain = JSON.parse(kubeguard(['lint', '--format', 'json', '-'], { input: WARNINGS_ONLY }).stdout) as JsonReport;
    assert.ok(plain.files[0]!.findings.every((f) => !('template' in f)));
  });
});
