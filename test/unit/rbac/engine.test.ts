/**
 * The effective-permissions engine, table-driven from the Kubernetes RBAC documentation
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/). Each case quotes the documented
 * behaviour; the expected answers are written by hand from that text.
 */
import assert from 'node:assert/strict';
import type { Identity } from '../../../server/src/rbac/model';
import type { RbacPolicy, ScopedRequest } from '../../../server/src/rbac/policy';
import { yaml } from '../../support/yamlText';
import { group, policyOf, user } from './support';

const POD_READER = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata:
    namespace: default
    name: pod-reader
  rules:
  - apiGroups: [""] # "" indicates the core API group
    resources: ["pods"]
    verbs: ["get", "watch", "list"]
`;
const READ_PODS = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: read-pods
    namespace: default
  subjects:
  - kind: User
    name: jane
    apiGroup: rbac.authorization.k8s.io
  roleRef:
    kind: Role
    name: pod-reader
    apiGroup: rbac.authorization.k8s.io
`;
const SECRET_READER = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: secret-reader
  rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "watch", "list"]
`;
const READ_SECRETS_DEV = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    name: read-secrets
    namespace: development
  subjects:
  - kind: User
    name: dave
    apiGroup: rbac.authorization.k8s.io
  roleRef:
    kind: ClusterRole
    name: secret-reader
    apiGroup: rbac.authorization.k8s.io
`;
const READ_SECRETS_GLOBAL = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    name: read-secrets-global
  subjects:
  - kind: Group
    name: manager
    apiGroup: rbac.authorization.k8s.io
  roleRef:
    kind: ClusterRole
    name: secret-reader
    apiGroup: rbac.authorization.k8s.io
`;

/** A binding of `role` (kind `roleKind`) to one subject, as `kubectl create (cluster)rolebinding` writes it. */
function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, namespace: string | undefined, roleKind: string, role: string, subject: string): string {
  return yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ${kind}
    metadata:
      name: ${name}${namespace ? `\n      namespace: ${namespace}` : ''}
    subjects:
    - ${subject}
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ${roleKind}
      name: ${role}
  `;
}

interface Check {
  readonly who: Identity;
  readonly request: ScopedRequest;
  readonly allowed: boolean;
}

interface Case {
  /** The documentation's words for the behaviour. */
  readonly docs: string;
  readonly files: readonly string[];
  readonly checks: readonly Check[];
}

const get = (resource: string, namespace?: string, extra: Partial<ScopedRequest> = {}): ScopedRequest => ({
  verb: 'get',
  apiGroup: '',
  resource,
  ...(namespace ? { namespace } : {}),
  ...extra,
});

const cases: Case[] = [
  {
    docs: 'RoleBinding read-pods: This allows "jane" to read pods in the "default" namespace.',
    files: [POD_READER, READ_PODS],
    checks: [
      { who: user('jane'), request: get('pods', 'default'), allowed: true },
      { who: user('jane'), request: { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' }, allowed: true },
      { who: user('jane'), request: get('pods', 'kube-system'), allowed: false },
      { who: user('jane'), request: get('pods'), allowed: false },
      { who: user('jane'), request: { verb: 'delete', apiGroup: '', resource: 'pods', namespace: 'default' }, allowed: false },
      { who: user('Jane'), request: get('pods', 'default'), allowed: false },
    ],
  },
  {
    docs: '"dave" will only be able to read Secrets in the "development" namespace, because the RoleBinding\'s namespace is "development".',
    files: [SECRET_READER, READ_SECRETS_DEV],
    checks: [
      { who: user('dave'), request: get('secrets', 'development'), allowed: true },
      { who: user('dave'), request: get('secrets', 'default'), allowed: false },
      { who: user('dave'), request: get('secrets'), allowed: false },
    ],
  },
  {
    docs: 'ClusterRoleBinding read-secrets-global allows any user in the group "manager" to read secrets in any namespace.',
    files: [SECRET_READER, READ_SECRETS_GLOBAL],
    checks: [
      { who: group('manager'), request: get('secrets', 'anywhere'), allowed: true },
      { who: group('manager'), request: { verb: 'list', apiGroup: '', resource: 'secrets' }, allowed: true },
      { who: group('managers'), request: get('secrets', 'anywhere'), allowed: false },
      { who: user('jane'), request: get('secrets', 'anywhere'), allowed: false },
    ],
  },
  {
    docs: 'pod-and-pod-logs-reader: resources: ["pods", "pods/log"] allows a subject to read pods and also access the log subresource.',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          namespace: default
          name: pod-and-pod-logs-reader
        rules:
        - apiGroups: [""]
          resources: ["pods", "pods/log"]
          verbs: ["get", "list"]
      `,
      binding('RoleBinding', 'logs', 'default', 'Role', 'pod-and-pod-logs-reader', 'kind: User\n      name: ann'),
    ],
    checks: [
      { who: user('ann'), request: get('pods', 'default', { subresource: 'log' }), allowed: true },
      { who: user('ann'), request: get('pods', 'default'), allowed: true },
      { who: user('ann'), request: get('pods', 'default', { subresource: 'exec' }), allowed: false },
      { who: user('ann'), request: { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', namespace: 'default' }, allowed: false },
    ],
  },
  {
    docs: 'configmap-updater: resourceNames: ["my-configmap"] restricts its subject to only get or update a ConfigMap named my-configmap.',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          namespace: default
          name: configmap-updater
        rules:
        - apiGroups: [""]
          resources: ["configmaps"]
          resourceNames: ["my-configmap"]
          verbs: ["update", "get"]
      `,
      binding('RoleBinding', 'cm', 'default', 'Role', 'configmap-updater', 'kind: User\n      name: carl'),
    ],
    checks: [
      { who: user('carl'), request: { verb: 'update', apiGroup: '', resource: 'configmaps', name: 'my-configmap', namespace: 'default' }, allowed: true },
      { who: user('carl'), request: { verb: 'update', apiGroup: '', resource: 'configmaps', name: 'other', namespace: 'default' }, allowed: false },
      // "You cannot restrict create or deletecollection requests by their resource name": a request without a name is not allowed.
      { who: user('carl'), request: { verb: 'get', apiGroup: '', resource: 'configmaps', namespace: 'default' }, allowed: false },
    ],
  },
  {
    docs: 'example.com-superuser: allows any current and future action on all current and future resources in the example.com API group.',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          namespace: default
          name: example.com-superuser
        rules:
        - apiGroups: ["example.com"]
          resources: ["*"]
          verbs: ["*"]
      `,
      binding('RoleBinding', 'su', 'default', 'Role', 'example.com-superuser', 'kind: User\n      name: sue'),
    ],
    checks: [
      { who: user('sue'), request: { verb: 'deletecollection', apiGroup: 'example.com', resource: 'widgets', namespace: 'default' }, allowed: true },
      { who: user('sue'), request: { verb: 'patch', apiGroup: 'example.com', resource: 'widgets', subresource: 'status', name: 'w', namespace: 'default' }, allowed: true },
      { who: user('sue'), request: get('pods', 'default'), allowed: false },
      { who: user('sue'), request: { verb: 'get', apiGroup: 'example.com', resource: 'widgets', namespace: 'other' }, allowed: false },
    ],
  },
  {
    docs: 'Authorizer: a "*/subresource" entry matches that subresource of every resource, and nothing else.',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: scaler
        rules:
        - apiGroups: ["apps"]
          resources: ["*/scale"]
          verbs: ["update"]
      `,
      binding('ClusterRoleBinding', 'scaler', undefined, 'ClusterRole', 'scaler', 'kind: User\n      name: hpa'),
    ],
    checks: [
      { who: user('hpa'), request: { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'a' }, allowed: true },
      { who: user('hpa'), request: { verb: 'update', apiGroup: 'apps', resource: 'statefulsets', subresource: 'scale', namespace: 'a' }, allowed: true },
      { who: user('hpa'), request: { verb: 'update', apiGroup: 'apps', resource: 'deployments', namespace: 'a' }, allowed: false },
      { who: user('hpa'), request: { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'status', namespace: 'a' }, allowed: false },
    ],
  },
  {
    docs: 'Allow GET and POST requests to the non-resource endpoint /healthz and all subpaths (must be in a ClusterRole bound with a ClusterRoleBinding to be effective).',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: healthz
        rules:
        - nonResourceURLs: ["/healthz", "/healthz/*"] # '*' in a nonResourceURL is a suffix glob match
          verbs: ["get", "post"]
      `,
      binding('ClusterRoleBinding', 'probe', undefined, 'ClusterRole', 'healthz', 'kind: User\n      name: prober'),
      binding('RoleBinding', 'probe-ns', 'default', 'ClusterRole', 'healthz', 'kind: User\n      name: ns-prober'),
    ],
    checks: [
      { who: user('prober'), request: { verb: 'get', nonResourceURL: '/healthz' }, allowed: true },
      { who: user('prober'), request: { verb: 'post', nonResourceURL: '/healthz/etcd' }, allowed: true },
      { who: user('prober'), request: { verb: 'get', nonResourceURL: '/healthzz' }, allowed: false },
      { who: user('prober'), request: { verb: 'get', nonResourceURL: '/metrics' }, allowed: false },
      { who: user('prober'), request: { verb: 'delete', nonResourceURL: '/healthz' }, allowed: false },
      { who: user('ns-prober'), request: { verb: 'get', nonResourceURL: '/healthz' }, allowed: false },
    ],
  },
  {
    docs: 'Allow reading "nodes" (because a Node is cluster-scoped, this must be in a ClusterRole bound with a ClusterRoleBinding to be effective).',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: node-reader
        rules:
        - apiGroups: [""]
          resources: ["nodes"]
          verbs: ["get", "list", "watch"]
      `,
      binding('ClusterRoleBinding', 'nodes', undefined, 'ClusterRole', 'node-reader', 'kind: User\n      name: ops'),
      binding('RoleBinding', 'nodes-ns', 'default', 'ClusterRole', 'node-reader', 'kind: User\n      name: dev'),
    ],
    checks: [
      { who: user('ops'), request: get('nodes'), allowed: true },
      { who: user('dev'), request: get('nodes'), allowed: false },
      // A namespace on a cluster-scoped request is ignored, as the API server sends none.
      { who: user('dev'), request: get('nodes', 'default'), allowed: false },
    ],
  },
  {
    docs: 'role-grantor: would allow user-1 to grant other users the admin, edit, and view roles in the namespace user-1-namespace.',
    files: [
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: role-grantor
        rules:
        - apiGroups: ["rbac.authorization.k8s.io"]
          resources: ["rolebindings"]
          verbs: ["create"]
        - apiGroups: ["rbac.authorization.k8s.io"]
          resources: ["clusterroles"]
          verbs: ["bind"]
          # omit resourceNames to allow binding any ClusterRole
          resourceNames: ["admin","edit","view"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: role-grantor-binding
          namespace: user-1-namespace
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: role-grantor
        subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: User
          name: user-1
      `,
    ],
    checks: [
      { who: user('user-1'), request: { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'user-1-namespace' }, allowed: true },
      { who: user('user-1'), request: { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'admin', namespace: 'user-1-namespace' }, allowed: true },
      { who: user('user-1'), request: { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'cluster-admin', namespace: 'user-1-namespace' }, allowed: false },
      { who: user('user-1'), request: { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'default' }, allowed: false },
    ],
  },
  {
    docs: 'kubectl create clusterrolebinding root-cluster-admin-binding --clusterrole=cluster-admin --user=root: cluster-admin "allows super-user access to perform any action on any resource".',
    files: [binding('ClusterRoleBinding', 'root-cluster-admin-binding', undefined, 'ClusterRole', 'cluster-admin', 'kind: User\n      name: root')],
    checks: [
      { who: user('root'), request: { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, allowed: true },
      { who: user('root'), request: get('secrets', 'kube-system'), allowed: true },
      { who: user('root'), request: { verb: 'get', nonResourceURL: '/metrics' }, allowed: true },
      { who: user('nobody'), request: get('secrets', 'kube-system'), allowed: false },
    ],
  },
];

describe('RBAC engine: allows() from the documentation examples', () => {
  for (const c of cases) {
    describe(c.docs, () => {
      let policy: RbacPolicy;
      before(() => (policy = policyOf(...c.files)));
      for (const check of c.checks) {
        const r = check.request;
        const what = `${r.verb} ${r.nonResourceURL ?? `${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.name ? ` ${r.name}` : ''}`}${r.namespace ? ` in ${r.namespace}` : ' cluster-wide'}`;
        it(`${check.allowed ? 'allows' : 'denies'} ${JSON.stringify(check.who)}: ${what}`, () => {
          assert.equal(policy.allows(check.who, r).allowed, check.allowed);
        });
      }
    });
  }
});
