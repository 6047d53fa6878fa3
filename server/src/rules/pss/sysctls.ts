/** PSS baseline `sysctls`: a pod may set only the namespaced sysctls on the allow-list of its policy version. */
import { asMap } from '../../document/yamlNodes';
import { allowedSysctls, sysctlAllowedSince } from '../../pss/standards';
import type { Rule } from '../rule';
import { seqEntries, show } from './anchors';

export const unsafeSysctls: Rule = {
  id: 'unsafe-sysctls',
  title: 'Unsafe sysctl',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description:
    'Flags each `spec.securityContext.sysctls[*].name` outside the safe set of the policy version: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start; from v1.27 net.ipv4.ip_local_reserved_ports; from v1.29 net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes; from v1.32 net.ipv4.tcp_rmem, tcp_wmem; from v1.37 net.ipv4.tcp_slow_start_after_idle, tcp_notsent_lowat.',
  rationale:
    'Sysctls outside the safe set are not isolated per pod: they change kernel behaviour for every pod on the node, or can exhaust node resources. The safe set is namespaced and bounded.',
  remediation: 'Remove sysctls outside the safe set from spec.securityContext.sysctls (set node-level sysctls on the nodes instead).',
  reads: ['spec.securityContext.sysctls[*].name'],
  concepts: ['SEC-SYSCTLS'],
  pss: { check: 'sysctls', level: 'baseline', since: 0, control: 'Sysctls' },
  peers: { 'kube-linter': 'unsafe-sysctls', kubescape: 'C-0211', trivy: 'KSV-0026' },
  appliesTo: 'workloads',
  check({ object, pod, policy, report }) {
    if (!pod?.spec) return;
    const allowed = allowedSysctls(policy.minor);
    for (const entry of seqEntries(object, ['securityContext', 'sysctls'], pod.spec)) {
      const map = asMap(entry.node);
      const name = map ? object.value(['name'], map) : undefined;
      const text = name === undefined || name === null ? '' : String(name);
      if (allowed.has(text)) continue;
      const since = sysctlAllowedSince(text);
      const later = since !== undefined ? ` (it is allowed from policy v1.${since}; this policy is v1.${policy.minor})` : '';
      report({
        span: (map && object.pairSpan(['name'], map)) ?? entry.span,
        message: `${object.label} sets sysctl ${text === '' ? 'with no name' : show(text)}, which is not in the baseline safe set${later}.`,
        // Removing a sysctl drops kernel tuning the workload asked for: offered, never applied by fix-all.
        fix: name === undefined
          ? null
          : { title: `Remove sysctl ${text}`, safe: false, intents: [{ op: 'removeFromSeq', path: [...pod.specPath, 'securityContext', 'sysctls'], value: { name } }] },
      });
    }
  },
};
