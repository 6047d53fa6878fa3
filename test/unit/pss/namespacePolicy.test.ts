import assert from 'node:assert/strict';
import { describePolicy, effectivePolicy, LATEST_MINOR, parsePolicyVersion, type PolicySettings } from '../../../server/src/pss/policy';
import { yaml } from '../../support/yamlText';
import { pss } from './pssHelpers';

const namespace = (labels: string): string => yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels:
${labels}
`;

// Violates baseline (privileged) and restricted (no runAsNonRoot etc.); runAsUser: 0 is restricted from v1.23 only.
const workload = (ns: string): string => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: ${ns}
  spec:
    template:
      spec:
        securityContext:
          runAsUser: 0
        containers:
        - name: app
          securityContext:
            privileged: true
`;

const labels = (map: Record<string, string>): string =>
  Object.entries(map)
    .map(([k, v]) => `      ${k}: "${v}"`)
    .join('\n');

describe('PSS policy: settings, Namespace labels and where the policy came from', () => {
  it('applies a Namespace\'s enforce labels in the same file to workloads in that namespace', () => {
    const text = `${namespace(labels({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }))}\n---\n${workload('shop')}`;
    const run = pss(text, 'restricted', 'latest');
    assert.deepEqual(run.ids(), ['privileged-container']);
    assert.match(run.findings[0]!.message, /\[PSS baseline: Privileged Containers; policy baseline v1\.30 from namespace "shop" labels\]$/);
  });

  it('leaves workloads of other namespaces, or of no namespace, on the settings', () => {
    const ns = namespace(labels({ 'pod-security.kubernetes.io/enforce': 'privileged' }));
    for (const other of ['billing', '']) {
      const text = `${ns}\n---\n${other ? workload(other) : workload('x').replace('  namespace: x\n', '')}`;
      const run = pss(text, 'restricted', 'latest');
      assert.ok(run.ids().includes('run-as-root-user'), other || '(no namespace)');
      assert.match(run.findings[0]!.message, /policy restricted latest from settings\]$/);
    }
  });

  it('a privileged Namespace silences every PSS rule for its workloads', () => {
    const text = `${namespace(labels({ 'pod-security.kubernetes.io/enforce': 'privileged' }))}\n---\n${workload('shop')}`;
    assert.deepEqual(pss(text, 'restricted').findings, []);
  });

  it('takes the version from enforce-version alone and the level from the settings, and says so', () => {
    const text = `${namespace(labels({ 'pod-security.kubernetes.io/enforce-version': 'v1.22' }))}\n---\n${workload('shop')}`;
    const run = pss(text, 'restricted', 'latest');
    assert.ok(!run.ids().includes('run-as-root-user'), 'runAsUser is checked from v1.23');
    assert.ok(run.ids().includes('run-as-non-root'));
    assert.match(run.findings[0]!.message, /policy restricted v1\.22 from namespace "shop" enforce-version label \(level from settings\)\]$/);
  });

  it('reads an enforce label alone with the version of the settings', () => {
    const text = `${namespace(labels({ 'pod-security.kubernetes.io/enforce': 'restricted' }))}\n---\n${workload('shop')}`;
    const run = pss(text, 'baseline', 'v1.22');
    assert.ok(!run.ids().includes('run-as-root-user'));
    assert.ok(run.ids().includes('run-as-non-root'));
    assert.match(run.findings[0]!.message, /policy restricted v1\.22 from namespace "shop" enforce label \(version from settings\)\]$/);
  });

  it('reads invalid labels as admission does: restricted and latest', () => {
    const text = `${namespace(labels({ 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/enforce-version': '1.30' }))}\n---\n${workload('shop')}`;
    const run = pss(text, 'baseline', 'v1.0');
    assert.ok(run.ids().includes('run-as-root-user'), 'restricted latest');
    assert.match(
      run.findings[0]!.message,
      /policy restricted latest from namespace "shop" labels; invalid pod-security\.kubernetes\.io\/enforce "strict" read as restricted, invalid pod-security\.kubernetes\.io\/enforce-version "1\.30" read as latest\]$/,
    );
  });

  it('ignores a Namespace without Pod Security labels', () => {
    const text = `${namespace(labels({ team: 'shop' }))}\n---\n${workload('shop')}`;
    assert.match(pss(text, 'baseline', 'v1.30').findings[0]!.message, /policy baseline v1\.30 from settings\]$/);
  });

  describe('effectivePolicy and describePolicy', () => {
    const none = (): undefined => undefined;
    const settings = (s: Partial<PolicySettings>): PolicySettings => ({ level: 'restricted', version: 'latest', ...s });

    it('names the origin of settings: VS Code settings, command line, defaults', () => {
      assert.equal(describePolicy(effectivePolicy(settings({}), undefined, none)), 'restricted latest from settings');
      assert.equal(describePolicy(effectivePolicy(settings({ level: 'baseline', version: 'v1.25', origin: 'cli' }), undefined, none)), 'baseline v1.25 from command line');
      assert.equal(describePolicy(effectivePolicy(settings({ origin: 'default' }), undefined, none)), 'restricted latest from defaults');
    });

    it('evaluates versions newer than the engine knows as the newest, and says so', () => {
      const p = effectivePolicy(settings({ version: 'v1.40' }), undefined, none);
      assert.equal(p.minor, LATEST_MINOR);
      assert.equal(describePolicy(p), `restricted v1.40 (checked as v1.${LATEST_MINOR}, the newest known) from settings`);
    });

    it('parses settings versions leniently and labels strictly', () => {
      assert.equal(parsePolicyVersion('1.30'), 30);
      assert.equal(parsePolicyVersion(' v1.5 '), 5);
      assert.equal(parsePolicyVersion('v2.0'), undefined);
      const labelled = (v: string): number => effectivePolicy(settings({ version: 'v1.0' }), 'ns', () => new Map([['pod-security.kubernetes.io/enforce-version', v]])).minor;
      assert.equal(labelled('v1.30'), 30);
      assert.equal(labelled('v1.030'), LATEST_MINOR, 'admission rejects leading zeros and reads latest');
      assert.equal(labelled('1.30'), LATEST_MINOR);
    });
  });
});
