/**
 * Built-in resources that are cluster-scoped. Requests for them carry no namespace, so a RoleBinding (whose
 * grants apply only to requests in its namespace) grants them nothing: the docs' "because a Node is
 * cluster-scoped, this must be in a ClusterRole bound with a ClusterRoleBinding to be effective".
 *
 * `clusterroles` is deliberately absent: `bind` on a ClusterRole is checked in the namespace of the
 * RoleBinding being created, so a RoleBinding can grant it (the docs' role-grantor example).
 */
const CLUSTER_SCOPED = new Set([
  'nodes',
  'namespaces',
  'persistentvolumes',
  'componentstatuses',
  'clusterrolebindings',
  'certificatesigningrequests',
  'signers',
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
  'customresourcedefinitions',
  'apiservices',
  'storageclasses',
  'csidrivers',
  'csinodes',
  'volumeattachments',
  'priorityclasses',
  'runtimeclasses',
  'ingressclasses',
  'flowschemas',
  'prioritylevelconfigurations',
  'users',
  'groups',
  'uids',
  'userextras',
  'tokenreviews',
  'subjectaccessreviews',
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectreviews',
]);

/** Whether `resource` (with or without a subresource) is a known cluster-scoped resource. */
export function isClusterScoped(resource: string): boolean {
  const base = resource.split('/')[0] ?? resource;
  return CLUSTER_SCOPED.has(base);
}
