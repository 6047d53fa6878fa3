/** `kubeguard lint` with a configuration file: found in the working directory or a parent, or given with --config. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { yaml } from '../../support/yamlText';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin/kubeguard.js');

interface Report {
  files: { path: string; findings: { ruleId: string; message: string }[]; suppressed: number }[];
}

function lint(cwd: string, args: string[]): { code: number | null; report: Report | undefined; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, report: r.stdout ? (JSON.parse(r.stdout) as Report) : undefined, stderr: r.stderr };
}

const POD = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    namespace: shop
  spec:
    hostNetwork: true
    containers:
    - name: web
      image: nginx
` + '\n';

const ids = (r: Report | undefined): string[] => [...new Set(r!.files.flatMap((f) => f.findings.map((x) => x.ruleId)))].sort();

describe('CLI configuration file', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'kubeguard-cli-config-'));
    mkdirSync(path.join(repo, 'deploy', 'vendor'), { recursive: true });
    writeFileSync(path.join(repo, 'deploy', 'pod.yaml'), POD);
    writeFileSync(path.join(repo, 'deploy', 'vendor', 'pod.yaml'), POD.replace('name: web', 'name: vendored'));
  });

  it('finds .kubeguard.yaml in a parent directory, applies rules and excludes relative to it, and skips it as input', () => {
    const without = lint(path.join(repo, 'deploy'), ['.']);
    assert.ok(ids(without.report).includes('image-latest-tag'));
    assert.ok(ids(without.report).includes('run-as-non-root'));

    writeFileSync(
      path.join(repo, '.kubeguard.yaml'),
      yaml`
        podSecurity: { level: baseline }
        rules:
          image-latest-tag: off
          host-namespaces: warning
        exclude: ["deploy/vendor/**"]
      `,
    );
    const r = lint(path.join(repo, 'deploy'), ['.']);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.report!.files.map((f) => f.path).sort(), ['pod.yaml', 'vendor/pod.yaml'].map((p) => path.normalize(p)));
    const visible = ids(r.report);
    assert.ok(!visible.includes('image-latest-tag'), 'rule switched off in the file');
    assert.ok(!visible.includes('run-as-non-root'), 'baseline from the file: no restricted checks');
    const pod = r.report!.files.find((f) => f.path === 'pod.yaml')!;
    assert.match(pod.findings.find((f) => f.ruleId === 'host-namespaces')!.message, /policy baseline latest from \.kubeguard\.yaml\]$/);
    const vendored = r.report!.files.find((f) => f.path.startsWith('vendor'))!;
    assert.deepEqual(vendored.findings, []);
    assert.ok(vendored.suppressed > 0, 'excluded findings are counted as suppressed');

    // Flags override the file's podSecurity.
    const flagged = lint(path.join(repo, 'deploy'), ['--level', 'restricted', 'pod.yaml']);
    assert.match(flagged.report!.files[0]!.findings.find((f) => f.ruleId === 'host-namespaces')!.message, /policy restricted latest from command line\]$/);
  });

  it('reads the file given with --config, and stops with exit code 2 on errors in it', () => {
    const config = path.join(repo, 'team.yaml');
    writeFileSync(config, 'rules:\n  image-latest-tag: off\n  no-such-rule: off\n');
    const r = lint(repo, ['--config', config, 'deploy/pod.yaml']);
    assert.ok(!ids(r.report).includes('image-latest-tag'));
    assert.match(r.stderr, /team\.yaml:3:3: warning Unknown rule id "no-such-rule"/);

    writeFileSync(config, 'rules:\n  image-latest-tag: loud\n');
    const bad = lint(repo, ['--config', config, 'deploy/pod.yaml']);
    assert.equal(bad.code, 2);
    assert.equal(bad.report, undefined);
    assert.match(bad.stderr, /team\.yaml:2:21: error The setting of rule image-latest-tag must be/);

    const missing = lint(repo, ['--config', path.join(repo, 'nope.yaml'), 'deploy/pod.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read configuration/);
  });
});
