/** `kubeguard lint --format sarif` as a real process, validated against the official SARIF 2.1.0 schema. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { yaml } from '../../support/yamlText';
import { kubeguard, ROOT } from './cliProcess';

const SCHEMA_FILE = path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json');

/** The official schema is draft-04; ajv-draft-04 reads it as published, ajv-formats checks uri, date-time, … */
function sarifValidator(): (log: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const WEB = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    template:
      metadata:
        annotations:
          kubeguard.io/ignore: "writable-root-filesystem -- nginx writes its cache to /var/cache"
      spec:
        containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
` + '\n';

const LEGACY = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: old
    namespace: legacy
  spec:
    hostPID: true
    containers:
    - name: c
      image: busybox:1.36
` + '\n';

describe('kubeguard lint --format sarif (real process)', function () {
  this.timeout(60000);
  let dir: string;
  let log: Log;
  let code: number | null;
  const validate = sarifValidator();

  before(() => {
    // realpath: SRCROOT is compared with the process's working directory.
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'kubeguard-sarif-')));
    mkdirSync(path.join(dir, 'deploy'));
    mkdirSync(path.join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'web app.yaml'), WEB);
    writeFileSync(path.join(dir, 'deploy', 'legacy.yaml'), LEGACY);
    writeFileSync(path.join(dir, 'deploy', 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n');
    writeFileSync(path.join(dir, 'chart', 'templates', 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n');
    writeFileSync(path.join(dir, '.kubeguard.yaml'), 'excludeNamespaces: [legacy]\n');
    const r = kubeguard(['lint', '--format', 'sarif', '.'], { cwd: dir });
    code = r.code;
    log = JSON.parse(r.stdout) as Log;
  });

  it('is valid SARIF 2.1.0 according to the official schema', () => {
    assert.deepEqual(validate(log), []);
    assert.equal(log.version, '2.1.0');
    assert.equal(code, 1, 'findings: exit 1');
  });

  it('the schema check can fail: a broken log is rejected', () => {
    const broken = JSON.parse(JSON.stringify(log)) as Log;
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    (broken.runs[0]!.results![1] as unknown as Record<string, unknown>)['level'] = 'fatal';
    assert.equal(validate(broken).length >= 2, true);
  });

  it('describes the tool and every catalog rule with help, docs link, default level and tags', () => {
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'KubeGuard');
    assert.match(driver.version!, /^\d+\.\d+\.\d+/);
    assert.equal(driver.informationUri, 'https://github.com/kubeguard/kubeguard');
    const rules = (JSON.parse(kubeguard(['rules', '--format', 'json']).stdout) as { rules: { id: string }[] }).rules;
    const ids = driver.rules!.map((r) => r.id);
    for (const r of rules) assert.ok(ids.includes(r.id), `${r.id} described`);
    const privileged = driver.rules!.find((r) => r.id === 'privileged-container')!;
    assert.equal(privileged.name, 'PrivilegedContainer');
    assert.equal(privileged.shortDescription!.text, 'Privileged container');
    assert.match(privileged.fullDescription!.text, /securityContext\.privileged: true/);
    assert.match(privileged.help!.text, /Why it matters: A privileged container/);
    assert.match(privileged.help!.markdown!, /\*\*How to fix\.\*\*/);
    assert.equal(privileged.helpUri, 'https://github.com/kubeguard/kubeguard/blob/main/docs/rules/privileged-container.md');
    assert.deepEqual(privileged.defaultConfiguration, { level: 'error', enabled: true });
    const props = privileged.properties as { tags: string[]; pssCheck: string; pssLevel: string; 'security-severity': string };
    assert.ok(props.tags.includes('security') && props.tags.includes('pss-baseline') && props.tags.includes('SEC-PRIVILEGED'), props.tags.join());
    assert.equal(props.pssCheck, 'privileged');
    assert.equal(props['security-severity'], '8.0');
    const offByDefault = driver.rules!.find((r) => (r.defaultConfiguration as { enabled?: boolean }).enabled === false);
    assert.ok(offByDefault, 'rules that are off by default say so');
  });

  it('locates results 1-based, relative to the working directory (SRCROOT), with the rule index', () => {
    const run = log.runs[0]!;
    assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: `${pathToFileURL(dir).href}/` } });
    const result = run.results!.find((r) => r.ruleId === 'privileged-container')!;
    const loc = result.locations![0]!.physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: 'deploy/web%20app.yaml', uriBaseId: 'SRCROOT' });
    // `privileged: true` is on line 16, columns 11-27 (1-based, end exclusive).
    assert.deepEqual(loc.region, { startLine: 16, startColumn: 11, endLine: 16, endColumn: 27 });
    assert.equal(WEB.split('\n')[15]!.slice(10, 26), 'privileged: true');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules![result.ruleIndex!]!.id, 'privileged-container');
    for (const r of run.results!) assert.equal((run.tool.driver.rules![r.ruleIndex!] as ReportingDescriptor).id, r.ruleId, 'every result indexes its own rule');
  });

  it('reports suppressed findings with their suppression: in source with the reason, or external for settings', () => {
    const results = log.runs[0]!.results!;
    const uri = (r: Result): string | undefined => r.locations![0]!.physicalLocation!.artifactLocation!.uri;
    const inSource = results.find((r) => r.ruleId === 'writable-root-filesystem' && uri(r) === 'deploy/web%20app.yaml')!;
    assert.deepEqual(inSource.suppressions, [{ kind: 'inSource', justification: 'nginx writes its cache to /var/cache', properties: { source: 'annotation kubeguard.io/ignore' } }]);
    const external = results.filter((r) => uri(r) === 'deploy/legacy.yaml');
    assert.ok(external.length > 0);
    for (const r of external) assert.equal(r.suppressions![0]!.kind, 'external');
    const open = results.find((r) => r.ruleId === 'privileged-container')!;
    assert.deepEqual(open.suppressions, []);
  });

  it('reports YAML errors as results of the yaml-syntax rule and skipped Helm templates as notifications', () => {
    const run = log.runs[0]!;
    const syntax = run.results!.find((r) => r.ruleId === 'yaml-syntax')!;
    assert.equal(syntax.level, 'error');
    assert.equal(syntax.locations![0]!.physicalLocation!.artifactLocation!.uri, 'deploy/broken.yaml');
    const notes = run.invocations![0]!.toolExecutionNotifications!;
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'chart/templates/svc.yaml');
    assert.match(notes[0]!.message.text!, /Go template/);
  });

  it('names stdin "stdin" and leaves results below --min-severity out', () => {
    const r = kubeguard(['lint', '--format', 'sarif', '--min-severity', 'error', '-'], { input: WEB, cwd: dir });
    const stdinLog = JSON.parse(r.stdout) as Log;
    assert.deepEqual(validate(stdinLog), []);
    const results: Result[] = stdinLog.runs[0]!.results!;
    assert.deepEqual([...new Set(results.map((x) => x.level))], ['error']);
    assert.deepEqual(results[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'stdin');
    assert.equal(r.code, 1);
  });
});
