import assert from 'node:assert/strict';
import { yaml } from '../../support/yamlText';
import { pss } from './pssHelpers';

interface Extra {
  /** Keys added to the pod spec. */
  readonly pod?: string;
  /** Keys added to the pod's securityContext. */
  readonly podSc?: string;
  /** Keys added to container "app"'s securityContext. */
  readonly sc?: string;
}

/** A hardened Deployment (it passes restricted latest) with extra keys; each extra is written at column 0. */
function deployment(extra: Extra = {}): string {
  const at = (s: string | undefined, n: number): string => (s ?? '').replace(/^(?=.)/gm, ' '.repeat(n));
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    at(extra.pod, 6) + '      securityContext:',
    at(extra.podSc, 8) + '        runAsNonRoot: true',
    '        seccompProfile:',
    '          type: RuntimeDefault',
    '      containers:',
    '      - name: app',
    '        image: nginx:1.27',
    '        securityContext:',
    at(extra.sc, 10) + '          allowPrivilegeEscalation: false',
    '          capabilities:',
    '            drop: [ALL]',
    '',
  ].join('\n');
}

describe('PSS restricted rules', () => {
  it('the hardened Deployment has no PSS finding at any level and version', () => {
    for (const v of ['v1.0', 'v1.19', 'v1.22', 'v1.25', 'v1.35', 'latest']) assert.deepEqual(pss(deployment(), 'restricted', v).findings, [], v);
  });

  describe('restricted-volume-types', () => {
    const text = deployment({
      pod: yaml`
        volumes:
        - name: defaulted
        - name: cfg
          configMap: {name: cfg}
        - name: share
          nfs:
            server: nfs.example
            path: /export
        - name: repo
          gitRepo:
            repository: https://example.com/r.git
      ` + '\n',
    });

    it('flags volume sources outside the allowed set on their key; a volume with no source counts as emptyDir', () => {
      const run = pss(text);
      assert.deepEqual(run.spans('restricted-volume-types'), ['nfs', 'gitRepo']);
      assert.match(run.of('restricted-volume-types')[0]!.message, /^Volume "share" of Deployment web uses the nfs volume type, which restricted does not allow\./);
    });

    it('does not run at baseline', () => {
      assert.deepEqual(pss(text, 'baseline').findings, []);
    });
  });

  describe('run-as-root-user', () => {
    const text = (hostUsers = ''): string => deployment({ pod: hostUsers, podSc: 'runAsUser: 0\n', sc: 'runAsUser: 0\n' });

    it('flags runAsUser: 0 at pod level and in each container, from v1.23', () => {
      assert.deepEqual(pss(text(), 'restricted', 'v1.23').spans('run-as-root-user'), ['runAsUser: 0', 'runAsUser: 0']);
      assert.deepEqual(pss(text(), 'restricted', 'v1.22').spans('run-as-root-user'), []);
    });

    it('exempts pods with hostUsers: false from v1.35', () => {
      assert.deepEqual(pss(text('hostUsers: false\n'), 'restricted', 'v1.35').spans('run-as-root-user'), []);
      assert.equal(pss(text('hostUsers: false\n'), 'restricted', 'v1.34').spans('run-as-root-user').length, 2);
    });
  });

  describe('seccomp-profile-restricted', () => {
    const noPodProfile = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        securityContext:
          runAsNonRoot: true
        initContainers:
        - name: init
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/init.json
        containers:
        - name: app
        - name: sidecar
          securityContext:
            seccompProfile:
              type: Unconfined
    `;

    it('inherits a valid pod profile: containers without their own are fine, an explicit bad one is not', () => {
      const text = deployment({ sc: 'seccompProfile: {type: Unconfined}\n' });
      const run = pss(text);
      assert.deepEqual(run.spans('seccomp-profile-restricted'), ['type: Unconfined']);
      assert.equal(run.of('seccomp-profile-restricted')[0]!.container?.name, 'app');
    });

    it('without a pod profile: one pod-level finding naming the containers that inherit nothing', () => {
      const run = pss(noPodProfile);
      assert.deepEqual(run.spans('seccomp-profile-restricted'), ['type: Unconfined', 'securityContext']);
      const podLevel = run.of('seccomp-profile-restricted')[1]!;
      assert.equal(podLevel.container, undefined);
      assert.match(podLevel.message, /^Pod p must set securityContext\.seccompProfile\.type to RuntimeDefault or Localhost at pod level \(not set for container "app"\)\./);
    });

    it('reports a bad pod profile once, not again for every inheriting container', () => {
      const run = pss(deployment().replace('type: RuntimeDefault', 'type: Unconfined'));
      assert.deepEqual(run.spans('seccomp-profile-restricted'), ['type: Unconfined']);
      assert.deepEqual(run.spans('seccomp-profile-baseline'), [], 'overridden at restricted');
    });

    it('starts at v1.19, where it replaces seccomp-profile-baseline', () => {
      const seccomp = (level: 'baseline' | 'restricted', v: string): string[] => pss(noPodProfile, level, v).ids().filter((id) => id.startsWith('seccomp'));
      assert.deepEqual(seccomp('restricted', 'v1.18'), [], 'before v1.19 only annotations count, and there are none');
      assert.deepEqual(seccomp('restricted', 'v1.19'), ['seccomp-profile-restricted']);
      assert.deepEqual(seccomp('baseline', 'v1.19'), ['seccomp-profile-baseline']);
    });

    it('exempts Windows pods from v1.25', () => {
      const windows = noPodProfile.replace('spec:\n', 'spec:\n  os: {name: windows}\n');
      assert.deepEqual(pss(windows, 'restricted', 'v1.25').spans('seccomp-profile-restricted'), []);
      assert.equal(pss(windows, 'restricted', 'v1.24').spans('seccomp-profile-restricted').length, 2);
    });
  });

  describe('capabilities-restricted', () => {
    it('requires drop ALL and points a missing one at the smallest node that must change', () => {
      const text = yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: bare
          - name: ctx
            securityContext: {runAsNonRoot: true}
          - name: caps
            securityContext:
              capabilities: {add: [NET_BIND_SERVICE]}
          - name: partial
            securityContext:
              capabilities:
                drop: [NET_RAW]
          - name: lower
            securityContext:
              capabilities:
                drop: [all]
      `;
      const run = pss(text, 'restricted', 'v1.22');
      assert.deepEqual(run.spans('capabilities-restricted'), ['name: bare', 'securityContext', 'capabilities', 'drop', 'all']);
      assert.match(run.of('capabilities-restricted')[0]!.message, /^Container "bare" must drop all capabilities: securityContext\.capabilities\.drop must contain ALL\./);
      assert.match(run.of('capabilities-restricted')[4]!.message, /drops all; PSS matches exactly/);
    });

    it('allows adding only NET_BIND_SERVICE, and takes over capabilities-baseline from v1.22', () => {
      const text = deployment().replace('drop: [ALL]', 'drop: [ALL]\n            add: [NET_BIND_SERVICE, CHOWN, SYS_ADMIN]');
      const run = pss(text, 'restricted', 'v1.22');
      assert.deepEqual(run.spans('capabilities-restricted'), ['CHOWN', 'SYS_ADMIN']);
      assert.deepEqual(run.spans('capabilities-baseline'), []);
      const before = pss(text, 'restricted', 'v1.21');
      assert.deepEqual(before.spans('capabilities-restricted'), []);
      assert.deepEqual(before.spans('capabilities-baseline'), ['SYS_ADMIN']);
    });

    it('exempts Windows pods from v1.25', () => {
      const text = deployment({ pod: 'os:\n  name: windows\n' }).replace('drop: [ALL]', 'drop: []');
      assert.deepEqual(pss(text, 'restricted', 'v1.25').spans('capabilities-restricted'), []);
      assert.deepEqual(pss(text, 'restricted', 'v1.24').spans('capabilities-restricted'), ['drop']);
    });
  });

  it('honours pod-level inheritance exactly as admission does (runAsNonRoot, seccomp), unlike peers that ignore it', () => {
    // Every container inherits runAsNonRoot and seccompProfile from the pod: nothing to report per container.
    const text = deployment().replace('containers:\n', 'initContainers:\n      - name: init\n        image: busybox\n        securityContext:\n          allowPrivilegeEscalation: false\n          capabilities: {drop: [ALL]}\n      containers:\n');
    assert.deepEqual(pss(text).findings, []);
  });
});
