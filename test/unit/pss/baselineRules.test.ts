import assert from 'node:assert/strict';
import { yaml } from '../../support/yamlText';
import { pss } from './pssHelpers';

/** A Pod whose spec is `spec` (already indented by two) and whose metadata gets `extraMeta` lines. */
function pod(spec: string, extraMeta = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${extraMeta}spec:\n${spec}`;
}

describe('PSS baseline rules', () => {
  describe('capabilities-baseline', () => {
    const text = pod(yaml`
      containers:
      - name: app
        securityContext:
          capabilities:
            add: [CHOWN, SYS_ADMIN, NET_BIND_SERVICE, CAP_KILL]
      ephemeralContainers:
      - name: debug
        securityContext:
          capabilities:
            add:
            - NET_RAW
    `.replace(/^/gm, '  '));

    it('flags each capability outside the default set on the entry itself, ephemeral containers included', () => {
      const run = pss(text, 'baseline');
      assert.deepEqual(run.spans('capabilities-baseline'), ['SYS_ADMIN', 'CAP_KILL', 'NET_RAW']);
      assert.deepEqual(run.of('capabilities-baseline').map((f) => f.container?.name), ['app', 'app', 'debug']);
      assert.match(run.of('capabilities-baseline')[0]!.message, /^Container "app" adds capability SYS_ADMIN, which is outside the default set/);
      assert.match(run.of('capabilities-baseline')[2]!.message, /^Ephemeral container "debug"/);
    });

    it('explains exact matching for a near miss such as CAP_KILL', () => {
      const f = pss(text, 'baseline').of('capabilities-baseline')[1]!;
      assert.match(f.message, /CAP_KILL; PSS matches names exactly, write KILL\./);
      assert.equal(f.fix?.title, 'Write KILL');
    });

    it('appends the control, level and policy source to the message', () => {
      const f = pss(text, 'baseline', 'v1.30').of('capabilities-baseline')[0]!;
      assert.match(f.message, /\[PSS baseline: Capabilities; policy baseline v1\.30 from settings\]$/);
    });
  });

  describe('host-path-volumes', () => {
    const text = pod(yaml`
      volumes:
      - name: logs
        hostPath:
          path: /var/log
      - name: scratch
        emptyDir: {}
      - name: none
        hostPath:
      containers: [{name: app}]
    `.replace(/^/gm, '  '));

    it('flags each hostPath volume on its hostPath key and names the volume and path', () => {
      const run = pss(text, 'baseline');
      assert.deepEqual(run.spans('host-path-volumes'), ['hostPath']);
      assert.match(run.of('host-path-volumes')[0]!.message, /^Volume "logs" of Pod p mounts \/var\/log from the node \(hostPath\)\./);
    });

    it('is replaced by restricted-volume-types at restricted', () => {
      const run = pss(text, 'restricted');
      assert.deepEqual(run.spans('host-path-volumes'), []);
      assert.deepEqual(run.spans('restricted-volume-types'), ['hostPath']);
    });
  });

  describe('host-ports', () => {
    it('flags every non-zero hostPort on its key and value, in init containers too', () => {
      const run = pss(
        pod(yaml`
          initContainers:
          - name: init
            ports:
            - containerPort: 53
              hostPort: 53
          containers:
          - name: app
            ports:
            - {containerPort: 80, hostPort: 0}
            - containerPort: 443
              hostPort: 8443
        `.replace(/^/gm, '  ')),
        'baseline',
      );
      assert.deepEqual(run.spans('host-ports'), ['hostPort: 53', 'hostPort: 8443']);
      assert.match(run.of('host-ports')[1]!.message, /^Container "app" binds port 8443 on the node \(hostPort\)\./);
    });
  });

  describe('apparmor-profile', () => {
    const text = pod(
      yaml`
        securityContext:
          appArmorProfile:
            type: Unconfined
        containers:
        - name: app
          securityContext:
            appArmorProfile: {}
        - name: ok
          securityContext:
            appArmorProfile:
              type: Localhost
              localhostProfile: k8s-nginx
      `.replace(/^/gm, '  '),
      '  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\n    container.apparmor.security.beta.kubernetes.io/ok: localhost/k8s-nginx\n',
    );

    it('flags the pod field, a profile without a type and a bad annotation, each on its own node', () => {
      const run = pss(text, 'baseline');
      assert.deepEqual(run.spans('apparmor-profile'), ['type: Unconfined', 'appArmorProfile', 'container.apparmor.security.beta.kubernetes.io/app: unconfined']);
      assert.match(run.of('apparmor-profile')[1]!.message, /^Container "app" sets appArmorProfile without a type; it must be RuntimeDefault or Localhost\./);
      assert.match(run.of('apparmor-profile')[2]!.message, /for container "app"/);
    });
  });

  describe('selinux-options', () => {
    const text = (type: string): string =>
      pod(yaml`
        securityContext:
          seLinuxOptions:
            level: "s0:c123,c456"
            type: ${type}
        containers:
        - name: app
          securityContext:
            seLinuxOptions:
              user: system_u
              role: sysadm_r
      `.replace(/^/gm, '  '));

    it('flags type, user and role separately and leaves level alone', () => {
      const run = pss(text('spc_t'), 'baseline');
      assert.deepEqual(run.spans('selinux-options'), ['type: spc_t', 'user: system_u', 'role: sysadm_r']);
    });

    it('allows container_engine_t from v1.31 only, and says so before', () => {
      assert.deepEqual(pss(text('container_engine_t'), 'baseline', 'v1.31').spans('selinux-options'), ['user: system_u', 'role: sysadm_r']);
      const early = pss(text('container_engine_t'), 'baseline', 'v1.30').of('selinux-options')[0]!;
      assert.match(early.message, /container_engine_t is allowed from policy v1\.31; this policy is v1\.30/);
    });
  });

  describe('proc-mount', () => {
    const text = (hostUsers: string): string =>
      pod(yaml`
        ${hostUsers}
        containers:
        - name: app
          securityContext:
            procMount: Unmasked
        - name: ok
          securityContext:
            procMount: Default
      `.replace(/^/gm, '  '));

    it('flags any procMount but Default', () => {
      assert.deepEqual(pss(text('hostUsers: true'), 'baseline').spans('proc-mount'), ['procMount: Unmasked']);
    });

    it('allows Unmasked in a user namespace from v1.35 at baseline, not before', () => {
      assert.deepEqual(pss(text('hostUsers: false'), 'baseline', 'v1.35').findings, []);
      assert.deepEqual(pss(text('hostUsers: false'), 'baseline', 'v1.34').spans('proc-mount'), ['procMount: Unmasked']);
    });

    it('is replaced at restricted v1.35 by proc-mount-restricted, which has no user-namespace relaxation', () => {
      const run = pss(text('hostUsers: false'), 'restricted', 'v1.35');
      assert.deepEqual(run.spans('proc-mount'), []);
      assert.deepEqual(run.spans('proc-mount-restricted'), ['procMount: Unmasked']);
      assert.deepEqual(pss(text('hostUsers: true'), 'restricted', 'v1.34').spans('proc-mount'), ['procMount: Unmasked']);
    });
  });

  describe('seccomp-profile-baseline', () => {
    const fields = pod(yaml`
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
      - name: app
        securityContext:
          seccompProfile:
            type: RuntimeDefault
    `.replace(/^/gm, '  '));
    const annotations = pod('  containers:\n  - name: app\n', '  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n    container.seccomp.security.alpha.kubernetes.io/app: docker/default\n');

    it('reads the fields from v1.19: an explicit Unconfined at pod level is flagged even when containers override it', () => {
      const run = pss(fields, 'baseline', 'v1.19');
      assert.deepEqual(run.spans('seccomp-profile-baseline'), ['type: Unconfined']);
      assert.match(run.of('seccomp-profile-baseline')[0]!.message, /^Pod p sets seccomp profile type Unconfined at pod level/);
      assert.deepEqual(pss(fields, 'baseline', 'v1.18').findings, []);
    });

    it('reads only the legacy annotations before v1.19', () => {
      assert.deepEqual(pss(annotations, 'baseline', 'v1.18').spans('seccomp-profile-baseline'), ['seccomp.security.alpha.kubernetes.io/pod: unconfined']);
      assert.deepEqual(pss(annotations, 'baseline', 'v1.19').findings, []);
    });

    it('accepts an unset profile', () => {
      assert.deepEqual(pss(pod('  containers:\n  - name: app\n'), 'baseline').findings, []);
    });
  });

  describe('unsafe-sysctls', () => {
    const text = pod(yaml`
      securityContext:
        sysctls:
        - name: kernel.msgmax
          value: "65536"
        - name: net.ipv4.tcp_rmem
          value: "4096 87380 16777216"
        - name: net.ipv4.tcp_slow_start_after_idle
          value: "0"
        - name: kernel.shm_rmid_forced
          value: "1"
      containers: [{name: app}]
    `.replace(/^/gm, '  '));

    it('follows the allow-list of each version, v1.37 additions included', () => {
      assert.deepEqual(pss(text, 'baseline', 'v1.31').spans('unsafe-sysctls'), ['name: kernel.msgmax', 'name: net.ipv4.tcp_rmem', 'name: net.ipv4.tcp_slow_start_after_idle']);
      assert.deepEqual(pss(text, 'baseline', 'v1.36').spans('unsafe-sysctls'), ['name: kernel.msgmax', 'name: net.ipv4.tcp_slow_start_after_idle']);
      assert.deepEqual(pss(text, 'baseline', 'v1.37').spans('unsafe-sysctls'), ['name: kernel.msgmax']);
      assert.deepEqual(pss(text, 'baseline', 'latest').spans('unsafe-sysctls'), ['name: kernel.msgmax']);
    });

    it('says from which version a sysctl is allowed', () => {
      const f = pss(text, 'baseline', 'v1.31').of('unsafe-sysctls')[1]!;
      assert.match(f.message, /^Pod p sets sysctl net\.ipv4\.tcp_rmem, which is not in the baseline safe set \(it is allowed from policy v1\.32; this policy is v1\.31\)/);
    });
  });

  describe('windows-host-process', () => {
    it('flags hostProcess: true at pod level and in containers, not false or unset', () => {
      const run = pss(
        pod(yaml`
          hostNetwork: true
          securityContext:
            windowsOptions:
              hostProcess: true
          containers:
          - name: app
            securityContext:
              windowsOptions: {hostProcess: true}
          - name: other
            securityContext:
              windowsOptions: {hostProcess: false}
        `.replace(/^/gm, '  ')),
        'baseline',
      );
      assert.deepEqual(run.spans('windows-host-process'), ['hostProcess: true', 'hostProcess: true']);
      assert.deepEqual(run.of('windows-host-process').map((f) => f.container?.name), [undefined, 'app']);
    });
  });

  describe('host-probes-lifecycle', () => {
    const text = pod(yaml`
      containers:
      - name: app
        livenessProbe:
          httpGet: {port: 8080, host: 127.0.0.1}
        readinessProbe:
          tcpSocket: {port: 8080, host: ""}
        lifecycle:
          preStop:
            tcpSocket:
              port: 9000
              host: metadata.internal
    `.replace(/^/gm, '  '));

    it('flags a non-empty host in probes and lifecycle handlers from v1.34', () => {
      const run = pss(text, 'baseline', 'v1.34');
      assert.deepEqual(run.spans('host-probes-lifecycle'), ['host: 127.0.0.1', 'host: metadata.internal']);
      assert.match(run.of('host-probes-lifecycle')[1]!.message, /^Container "app" points its lifecycle\.preStop tcpSocket at host metadata\.internal/);
    });

    it('does not exist before v1.34', () => {
      assert.deepEqual(pss(text, 'baseline', 'v1.33').findings, []);
    });
  });
});
