/** PSS baseline `hostPathVolumes` and restricted `restrictedVolumes`: which volume sources a pod may use. */
import type { YAMLMap } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import type { PodView } from '../../document/workloads';
import { asMap, asSeq, keyText } from '../../document/yamlNodes';
import { OTHER_VOLUME_SOURCES, RESTRICTED_VOLUME_SOURCES } from '../../pss/standards';
import type { Rule } from '../rule';
import { capitalize, isSet, show } from './anchors';

interface Volume {
  readonly node: YAMLMap;
  /** `volume "data"` / `volume #2`. */
  readonly label: string;
}

function volumesOf(object: K8sObject, pod: PodView | undefined): Volume[] {
  if (!pod?.spec) return [];
  const out: Volume[] = [];
  for (const [i, item] of (asSeq(object.get(['volumes'], pod.spec))?.items ?? []).entries()) {
    const node = asMap(object.document.resolve(item));
    if (!node) continue;
    const name = object.value(['name'], node);
    out.push({ node, label: name === undefined || name === null ? `volume #${i + 1}` : `volume "${String(name)}"` });
  }
  return out;
}

const ALLOWED_LIST = [...RESTRICTED_VOLUME_SOURCES].join(', ');

export const hostPathVolumes: Rule = {
  id: 'host-path-volumes',
  title: 'HostPath volume',
  category: 'pod-security',
  severity: 'error',
  enabledByDefault: true,
  description: 'Flags every volume in `spec.volumes` with a `hostPath` source.',
  rationale:
    'A hostPath volume mounts a file or directory of the node into the pod. Depending on the path it exposes node credentials, the container runtime socket or other pods\' data, and a writable mount is a direct route to taking over the node.',
  remediation: 'Replace the hostPath volume with an emptyDir, a persistentVolumeClaim, a configMap/secret, or a CSI volume.',
  reads: ['spec.volumes[*].hostPath'],
  concepts: ['SEC-HOSTPATH'],
  pss: { check: 'hostPathVolumes', level: 'baseline', since: 0, control: 'HostPath Volumes' },
  peers: { polaris: 'hostPathSet', kubescape: 'C-0048', trivy: 'KSV-0023' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const v of volumesOf(object, pod)) {
      if (!isSet(object, ['hostPath'], v.node)) continue;
      const path = object.value(['hostPath', 'path'], v.node);
      report({
        span: object.keySpan(['hostPath'], v.node)!,
        message: `${capitalize(v.label)} of ${object.label} mounts ${path === undefined || path === null ? 'a path' : show(path)} from the node (hostPath).`,
        // Which source replaces a host directory depends on what the workload does with it.
        fix: null,
      });
    }
  },
};

export const restrictedVolumeTypes: Rule = {
  id: 'restricted-volume-types',
  title: 'Volume type not allowed by restricted',
  category: 'pod-security',
  severity: 'warning',
  enabledByDefault: true,
  description: `Flags volumes whose source is not one of ${ALLOWED_LIST}. A volume with no source counts as emptyDir, as the API server defaults it. Replaces host-path-volumes at restricted.`,
  rationale:
    'The allowed volume types are the ones Kubernetes manages for the pod. Every other type (hostPath, nfs, iscsi, rbd, flexVolume, gitRepo…) reaches storage the cluster admin controls, usually with node-level credentials or drivers, and should be provisioned through a PersistentVolumeClaim instead.',
  remediation: `Use one of ${ALLOWED_LIST.replace(/, (?=[^,]*$)/, ' or ')}, and reach other storage through a persistentVolumeClaim.`,
  reads: ['spec.volumes[*]'],
  concepts: ['SEC-VOLUME-TYPES'],
  pss: { check: 'restrictedVolumes', level: 'restricted', since: 0, overrides: 'hostPathVolumes', control: 'Volume Types' },
  peers: { trivy: 'KSV-0028' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const v of volumesOf(object, pod)) {
      const sources = v.node.items.map((p) => keyText(p.key)).filter((k): k is string => k !== undefined && isSet(object, [k], v.node));
      // As PSA: any allowed source makes the volume acceptable. A volume with no source at all is an
      // emptyDir after API defaulting, so it is acceptable too.
      if (sources.some((s) => RESTRICTED_VOLUME_SOURCES.has(s))) continue;
      for (const s of sources.filter((k) => OTHER_VOLUME_SOURCES.has(k))) {
        report({
          span: object.keySpan([s], v.node)!,
          message: `${capitalize(v.label)} of ${object.label} uses the ${s} volume type, which restricted does not allow.`,
          // A hostPath volume is a baseline violation too (the check restricted overrides): as serious as there.
          ...(s === 'hostPath' ? { severity: 'error' as const } : {}),
          fix: null,
        });
      }
    }
  },
};
