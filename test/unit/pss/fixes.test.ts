/**
 * Every fix a PSS rule offers, applied for real: the edit applies, the result parses, the finding is gone
 * and no new PSS finding appears.
 */
import assert from 'node:assert/strict';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import { applyEdits } from '../../../server/src/fixes/textEdit';
import type { PssLevel } from '../../../server/src/pss/policy';
import type { Finding } from '../../../server/src/rules/rule';
import { yaml } from '../../support/yamlText';
import { pss } from './pssHelpers';

interface Case {
  readonly name: string;
  readonly level: PssLevel;
  readonly version: string;
  readonly text: string;
}

const CASES: readonly Case[] = [
  {
    name: 'baseline violations in a Deployment',
    level: 'baseline',
    version: 'latest',
    text: yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          metadata:
            annotations:
              container.apparmor.security.beta.kubernetes.io/app: unconfined # legacy
          spec:
            hostNetwork: true
            securityContext:
              seccompProfile:
                type: Unconfined
                localhostProfile: leftover.json
              seLinuxOptions: {type: spc_t, user: system_u}
              windowsOptions:
                hostProcess: true
              sysctls:
              - name: kernel.msgmax
                value: "65536"
              - name: net.ipv4.tcp_syncookies
                value: "1"
            containers:
            - name: app
              image: nginx:1.27
              ports:
              - containerPort: 80
                hostPort: 80
              livenessProbe:
                httpGet: {path: /healthz, port: 80, host: 10.0.0.1}
              securityContext:
                privileged: true
                procMount: Unmasked
                appArmorProfile:
                  type: Unconfined
                capabilities:
                  add:
                  - SYS_ADMIN
                  - CAP_CHOWN
    `,
  },
  {
    name: 'legacy seccomp annotations before v1.19',
    level: 'baseline',
    version: 'v1.18',
    text: yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations:
          seccomp.security.alpha.kubernetes.io/pod: unconfined
      spec:
        containers:
        - {name: app, image: x}
    `,
  },
  {
    name: 'restricted violations in a CronJob',
    level: 'restricted',
    version: 'latest',
    text: yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: report
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                securityContext:
                  runAsUser: 0
                initContainers:
                - name: init
                  image: busybox
                  securityContext:
                    procMount: Unmasked
                    seccompProfile: {type: Unconfined}
                containers:
                - name: app
                  image: report:1
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      add: [NET_BIND_SERVICE, NET_RAW]
    `,
  },
];

/** Applies a finding's fix to the text it came from; fails the test when the fix does not apply. */
function applyFix(text: string, f: Finding): string {
  const parsed = parseManifests(text);
  const edits = editsForIntents({ document: parsed.documents[f.object.documentIndex]!, objectPath: f.objectPath }, f.fix!.intents);
  assert.ok(edits && edits.length > 0, `fix "${f.fix!.title}" of ${f.ruleId} does not apply`);
  return applyEdits(text, edits);
}

describe('PSS fixes, applied and re-analysed', () => {
  const fixedRules = new Set<string>();

  for (const c of CASES) {
    it(`every fix removes its finding and breaks nothing: ${c.name}`, () => {
      const before = pss(c.text, c.level, c.version);
      const fixable = before.findings.filter((f) => f.fix);
      assert.ok(fixable.length > 0);
      for (const f of fixable) {
        const after = applyFix(c.text, f);
        const reparsed = parseManifests(after);
        assert.ok(reparsed.documents.every((d) => !d.hasErrors), `${f.fix!.title} breaks the YAML:\n${after}`);
        const rerun = pss(after, c.level, c.version);
        assert.ok(!rerun.findings.some((g) => g.ruleId === f.ruleId && g.message === f.message), `${f.fix!.title} leaves "${f.message}"\n${after}`);
        // Nothing new: every finding after the fix was already there before it.
        for (const g of rerun.findings) assert.ok(before.findings.some((b) => b.ruleId === g.ruleId && b.message === g.message), `${f.fix!.title} introduces "${g.message}"`);
        fixedRules.add(f.ruleId);
      }
    });
  }

  it('keeps comments and the rest of the line when it edits', () => {
    const c = CASES[0]!;
    const f = pss(c.text, c.level, c.version).of('apparmor-profile').find((x) => x.message.includes('annotation'))!;
    assert.match(applyFix(c.text, f), /container\.apparmor\.security\.beta\.kubernetes\.io\/app: runtime\/default # legacy/);
  });

  it('drops a leftover localhostProfile when it switches a seccomp profile to RuntimeDefault', () => {
    const c = CASES[0]!;
    const f = pss(c.text, c.level, c.version).of('seccomp-profile-baseline')[0]!;
    const out = applyFix(c.text, f);
    assert.match(out, /type: RuntimeDefault/);
    assert.doesNotMatch(out, /localhostProfile/);
  });

  it('offers a fix for every PSS rule whose fix is mechanical', () => {
    const expected = [
      'host-namespaces',
      'privileged-container',
      'capabilities-baseline',
      'host-ports',
      'apparmor-profile',
      'selinux-options',
      'proc-mount',
      'seccomp-profile-baseline',
      'unsafe-sysctls',
      'windows-host-process',
      'host-probes-lifecycle',
      'run-as-root-user',
      'seccomp-profile-restricted',
      'capabilities-restricted',
      'proc-mount-restricted',
      'run-as-non-root',
      'allow-privilege-escalation',
    ];
    assert.deepEqual([...fixedRules].sort(), expected.sort());
  });

  it('offers no fix where the right replacement is a judgement call (volume sources)', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        volumes:
        - {name: logs, hostPath: {path: /var/log}}
        containers: [{name: app}]
    `;
    assert.equal(pss(text, 'baseline').of('host-path-volumes')[0]!.fix, undefined);
    assert.equal(pss(text, 'restricted').of('restricted-volume-types')[0]!.fix, undefined);
  });
});
