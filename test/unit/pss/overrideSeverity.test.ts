import assert from 'node:assert/strict';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import { applyEdits } from '../../../server/src/fixes/textEdit';
import { analyze } from '../../support/analyze';
import { yaml } from '../../support/yamlText';

/** At restricted, checks that override a baseline check report baseline violations as seriously as baseline does. */
describe('severity of overriding restricted checks', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: Unconfined}
      volumes:
      - name: host
        hostPath: {path: /var/log}
      - name: share
        nfs: {server: nfs.local, path: /x}
      containers:
      - name: c
        image: x:1
        securityContext:
          allowPrivilegeEscalation: false
          procMount: Unmasked
          capabilities:
            drop: [ALL]
            add: [SYS_ADMIN, CHOWN]
  `;
  const severities = (findings: ReturnType<typeof analyze>['findings'], rule: string): string[] =>
    findings.filter((f) => f.ruleId === rule).map((f) => `${f.severity}`);

  it('is an error for what baseline forbids and a warning for what only restricted forbids', () => {
    const { findings } = analyze(pod);
    assert.deepEqual(severities(findings, 'restricted-volume-types'), ['error', 'warning']);
    assert.deepEqual(severities(findings, 'capabilities-restricted'), ['error', 'warning']);
    assert.deepEqual(severities(findings, 'seccomp-profile-restricted'), ['error']);
    assert.deepEqual(severities(findings, 'proc-mount-restricted'), ['error']);
  });

  it('matches the baseline rule severity for the same violations at baseline', () => {
    const { findings } = analyze(pod, { podSecurity: { level: 'baseline', version: 'latest' } });
    assert.deepEqual(severities(findings, 'host-path-volumes'), ['error']);
    assert.deepEqual(severities(findings, 'capabilities-baseline'), ['error']);
  });

  it('lets the user\'s severity setting win', () => {
    const { findings } = analyze(pod, { rules: { 'restricted-volume-types': { severity: 'hint' } } });
    assert.deepEqual(severities(findings, 'restricted-volume-types'), ['hint', 'hint']);
  });
});

describe('allow-privilege-escalation fix on a privileged container', () => {
  it('also turns privileged off, because the API server rejects the combination', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: true\n';
    const f = analyze(text).findings.find((x) => x.ruleId === 'allow-privilege-escalation')!;
    assert.equal(f.fix!.title, 'Set allowPrivilegeEscalation: false and privileged: false');
    const edits = editsForIntents({ document: parseManifests(text).documents[0]!, objectPath: [] }, f.fix!.intents)!;
    const fixed = applyEdits(text, edits);
    assert.equal(fixed, text.replace('privileged: true\n', 'privileged: false\n      allowPrivilegeEscalation: false\n'));
    const after = analyze(fixed).findings.map((x) => x.ruleId);
    assert.ok(!after.includes('allow-privilege-escalation') && !after.includes('privileged-container'));
  });
});
