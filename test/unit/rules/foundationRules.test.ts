import assert from 'node:assert/strict';
import { ruleById } from '../../../server/src/rules/catalog';
import type { Finding } from '../../../server/src/rules/rule';
import { analyze, covered } from '../../support/analyze';
import { yaml } from '../../support/yamlText';

const insecure = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        hostNetwork: true
        hostPID: false
        containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
`;

describe('first rules', () => {
  it('flags privileged containers on the offending key and value', () => {
    const { findings, text } = analyze(insecure);
    const f = findings.filter((x) => x.ruleId === 'privileged-container');
    assert.equal(f.length, 1);
    assert.equal(covered(f[0]!, text), 'privileged: true');
    assert.equal(f[0]!.severity, 'error');
    assert.equal(f[0]!.container?.name, 'app');
  });

  it('flags host namespaces set to true and only those', () => {
    const { findings, text } = analyze(insecure);
    assert.deepEqual(findings.filter((x) => x.ruleId === 'host-namespaces').map((f) => covered(f, text)), ['hostNetwork: true']);
  });

  it('points a missing allowPrivilegeEscalation at the container securityContext key', () => {
    const { findings, text } = analyze(insecure);
    const f = findings.find((x) => x.ruleId === 'allow-privilege-escalation')!;
    assert.equal(covered(f, text), 'securityContext');
    assert.match(f.message, /allowPrivilegeEscalation: false/);
  });

  it('points a missing allowPrivilegeEscalation at the container name when there is no securityContext', () => {
    const { findings, text } = analyze('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    image: x\n');
    const f = findings.find((x) => x.ruleId === 'allow-privilege-escalation')!;
    assert.equal(covered(f, text), 'name: c');
  });

  it('lets containers inherit runAsNonRoot from the pod', () => {
    const { findings } = analyze(yaml`
      apiVersion: v1
      kind: Pod
      spec:
        securityContext:
          runAsNonRoot: true
        containers:
        - name: c
          image: x
    `);
    assert.equal(findings.filter((x) => x.ruleId === 'run-as-non-root').length, 0);
  });

  it('flags a container that overrides runAsNonRoot with false even when the pod sets true', () => {
    const { findings, text } = analyze(yaml`
      apiVersion: v1
      kind: Pod
      spec:
        securityContext:
          runAsNonRoot: true
        containers:
        - name: c
          securityContext:
            runAsNonRoot: false
    `);
    const f = findings.filter((x) => x.ruleId === 'run-as-non-root');
    assert.deepEqual(f.map((x) => covered(x, text)), ['runAsNonRoot: false']);
  });

  it('reports nothing for YAML that is not a Kubernetes object', () => {
    const { findings } = analyze('spec:\n  hostNetwork: true\n  containers: [{name: c, securityContext: {privileged: true}}]\n');
    assert.deepEqual(findings, []);
  });

  it('runs no PSS rule at level privileged and only baseline rules at baseline', () => {
    // Rules beyond PSS run at every level; the level selects PSS rules only.
    const pssOnly = (fs: readonly Finding[]): Finding[] => fs.filter((f) => ruleById(f.ruleId)?.pss);
    assert.equal(pssOnly(analyze(insecure, { podSecurity: { level: 'privileged', version: 'latest' } }).findings).length, 0);
    const baseline = pssOnly(analyze(insecure, { podSecurity: { level: 'baseline', version: 'latest' } }).findings).map((f) => f.ruleId);
    assert.deepEqual([...new Set(baseline)].sort(), ['host-namespaces', 'privileged-container']);
  });

  it('honours per-rule settings', () => {
    const { findings } = analyze(insecure, { rules: { 'privileged-container': { severity: 'hint' }, 'host-namespaces': { enabled: false } } });
    assert.equal(findings.find((f) => f.ruleId === 'privileged-container')!.severity, 'hint');
    assert.equal(findings.filter((f) => f.ruleId === 'host-namespaces').length, 0);
  });
});
