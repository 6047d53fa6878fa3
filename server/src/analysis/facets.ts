/**
 * What each workspace facet (workspaceView.ts `Facet`) covers, as a projection of one object to a
 * string: two versions of an object with the same projection look the same to every reader of the
 * facet. The workspace index versions each facet of each kind by these projections
 * (workspace/factFingerprint.ts), the way it versions kinds by document text.
 */
import type { K8sObject } from '../document/k8sObject';
import { podOf } from '../document/workloads';
import type { Facet } from './workspaceView';

export const FACETS: Readonly<Record<Facet, (object: K8sObject) => string>> = {
  /**
   * Whether the object runs pods, its namespace and its pod template's labels: what the NetworkPolicy
   * rules read of workloads (networkPolicyFacts.ts `workloads`), and nothing else of them.
   */
  'pod-labels': (object) => {
    const pod = podOf(object);
    if (!pod) return '-';
    return JSON.stringify([object.namespace ?? null, [...object.stringMap([...pod.metadataPath, 'labels'])]]);
  },
};

export const FACET_NAMES = Object.keys(FACETS) as Facet[];
