/**
 * "Harden workload (PSS restricted)" proven against Kubernetes' own Pod Security Admission fixtures and
 * the full rule set: every one of the 4,537 fixtures, as a Pod and inside a Deployment, is hardened for
 * restricted at its own policy version and must then pass restricted there (only volume types, which no
 * mechanical change can fix, may remain, and only when the plan says so). Pods that already pass must
 * not change at all: the patch is minimal.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeParsed } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import { restrictedPatch } from '../../../server/src/fixes/harden';
import { applyEdits } from '../../../server/src/fixes/textEdit';
import { ruleById } from '../../../server/src/rules/catalog';
import { yaml } from '../../support/yamlText';
import { FIXTURES, readIndex, WRAPPERS } from '../pss/conformanceSupport';

const EMPTY = workspaceOf([]);

/** PSS checks that report on a text at restricted v1.`minor`. */
function restrictedChecks(text: string, minor: number): string[] {
  const settings = { ...DEFAULT_SETTINGS, podSecurity: { level: 'restricted' as const, version: `v1.${minor}` } };
  const { findings } = analyzeParsed(parseManifests(text), { settings, workspace: EMPTY });
  return [...new Set(findings.flatMap((f) => ruleById(f.ruleId)?.pss?.check ?? []))].sort();
}

function harden(text: string, minor: number): { text: string; unresolved: readonly string[] } {
  const parsed = parseManifests(text);
  const object = parsed.documents[0]!.objects[0]!;
  const plan = restrictedPatch(object, minor);
  assert.ok(plan, 'a workload gets a plan');
  const edits = editsForIntents({ document: object.document, objectPath: object.pathInDocument }, plan.intents);
  assert.ok(edits, `the plan applies: ${JSON.stringify(plan.intents)}`);
  return { text: applyEdits(text, edits), unresolved: plan.unresolved };
}

describe('Harden workload (PSS restricted)', () => {
  const rows = readIndex();
  const deployment = WRAPPERS.find((w) => w.kind === 'Deployment')!;

  it(`makes every PSA fixture (${rows.length}, as a Pod and in a Deployment) pass restricted at its version`, function () {
    this.timeout(600_000);
    const failures: string[] = [];
    let checked = 0;
    let unresolved = 0;
    for (const row of rows) {
      const pod = readFileSync(path.join(FIXTURES, row.path), 'utf8');
      for (const [form, text] of [['Pod', pod], ['Deployment', deployment.wrap(pod)]] as const) {
        const out = harden(text, row.minor);
        assert.equal(parseManifests(out.text).documents[0]!.hasErrors, false, `${row.path} (${form}) still parses`);
        const left = restrictedChecks(out.text, row.minor);
        const expected = out.unresolved.length > 0 ? ['restrictedVolumes'] : [];
        if (JSON.stringify(left) !== JSON.stringify(expected)) failures.push(`${row.path} (${form}): left ${left.join(',') || 'nothing'}, plan left ${out.unresolved.join(',') || 'nothing'}`);
        checked++;
        // Only a forbidden volume type is left, and only in the fixtures built around one.
        const volumeCase = row.expect === 'fail' && (row.fixtureCheck === 'restrictedVolumes' || row.fixtureCheck === 'hostPathVolumes');
        if ((out.unresolved.length > 0) !== volumeCase) failures.push(`${row.path} (${form}): unresolved ${out.unresolved.join(',') || 'nothing'}`);
        if (out.unresolved.length > 0) unresolved++;
      }
    }
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${checked} hardened fixtures still fail restricted`);
    assert.equal(checked, rows.length * 2);
    assert.ok(unresolved > 0, 'the volume fixtures are reported as unresolved');
  });

  it('leaves every restricted pass fixture byte-identical (the patch is minimal)', () => {
    const pass = rows.filter((r) => r.level === 'restricted' && r.expect === 'pass');
    assert.ok(pass.length > 600);
    for (const row of pass) {
      const pod = readFileSync(path.join(FIXTURES, row.path), 'utf8');
      assert.equal(harden(pod, row.minor).text, pod, row.path);
    }
  });

  it('is version-aware: v1.18 adds no seccomp, v1.21 no capabilities, v1.7 no allowPrivilegeEscalation', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
        - name: c
          image: x
    `;
    const at = (minor: number): string => harden(text, minor).text;
    assert.equal(at(7), `${text}  securityContext:\n    runAsNonRoot: true\n`);
    assert.ok(!at(18).includes('seccompProfile') && at(18).includes('allowPrivilegeEscalation: false'));
    assert.ok(at(19).includes('type: RuntimeDefault') && !at(21).includes('drop'));
    assert.ok(at(22).includes('- ALL'));
  });

  it('exempts Windows pods from the Linux-only controls from v1.25', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: c\n    image: x\n';
    const out = harden(text, 25).text;
    assert.equal(out, text + '  securityContext:\n    runAsNonRoot: true\n');
    assert.deepEqual(restrictedChecks(out, 25), []);
  });

  it('replaces forbidden values in place and keeps comments and sibling keys', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            hostPID: true # debugging
            securityContext:
              runAsNonRoot: false
              sysctls:
              - name: kernel.msgmax
                value: "1"
              - name: net.ipv4.tcp_syncookies
                value: "1"
            containers:
            - name: web
              image: nginx
              ports:
              - containerPort: 80
                hostPort: 80
              securityContext:
                privileged: true
                capabilities:
                  add: [NET_ADMIN, NET_BIND_SERVICE]
    ` + '\n';
    const out = harden(text, 37).text;
    assert.deepEqual(restrictedChecks(out, 37), []);
    assert.match(out, /hostPID: false # debugging/);
    assert.match(out, /runAsNonRoot: true\n/);
    assert.ok(!out.includes('kernel.msgmax') && out.includes('net.ipv4.tcp_syncookies'));
    assert.ok(!out.includes('hostPort') && out.includes('containerPort: 80'));
    assert.match(out, /add: \[NET_BIND_SERVICE\]/);
  });
});
