/** Service accounts: token automounting, the namespace's default account, the deprecated field. */
import type { K8sObject } from '../../document/k8sObject';
import { WORKLOAD_KINDS, type PodView } from '../../document/workloads';
import type { WorkspaceView } from '../../analysis/workspaceView';
import { podAnchor } from '../pss/anchors';
import type { Rule } from '../rule';
import { entries } from './podFacts';

const AUTOMOUNT = 'automountServiceAccountToken';

/** The ServiceAccount a pod runs as: serviceAccountName, else the deprecated serviceAccount, else `default`. */
function accountName(obj: K8sObject, pod: PodView): string {
  const name = obj.value(['serviceAccountName'], pod.spec) ?? obj.value(['serviceAccount'], pod.spec);
  return typeof name === 'string' && name !== '' ? name : 'default';
}

/**
 * The ServiceAccount manifest in the workspace, if any. Namespaces match leniently (an omitted namespace
 * matches any) because the answer is only used to stay silent, never to report.
 */
function accountObject(workspace: WorkspaceView, name: string, namespace: string | undefined): K8sObject | undefined {
  return byName(workspace.objectsOfKind('ServiceAccount'))
    .get(name)
    ?.find((sa) => sa.namespace === undefined || namespace === undefined || sa.namespace === namespace);
}

/**
 * These two are asked for every workload: each list is indexed by name once (per list identity, which
 * lasts until a file's objects of that kind change), not scanned once per workload, which was
 * quadratic over the CLI's 2,000-file workspace. Buckets keep list order, so the first match is the same.
 */
const accountsByName = new WeakMap<readonly K8sObject[], Map<string | undefined, K8sObject[]>>();
const subjectsByName = new WeakMap<readonly K8sObject[], Map<unknown, unknown[]>>();

function byName(accounts: readonly K8sObject[]): Map<string | undefined, K8sObject[]> {
  let index = accountsByName.get(accounts);
  if (!index) {
    index = new Map();
    for (const sa of accounts) {
      const bucket = index.get(sa.name);
      if (bucket) bucket.push(sa);
      else index.set(sa.name, [sa]);
    }
    accountsByName.set(accounts, index);
  }
  return index;
}

/** ServiceAccount subjects of a list of bindings: name → the namespace of each (undefined or null: any). */
function accountSubjects(bindings: readonly K8sObject[]): Map<unknown, unknown[]> {
  let index = subjectsByName.get(bindings);
  if (!index) {
    index = new Map();
    for (const b of bindings) {
      for (const s of entries(b, ['subjects'])) {
        if (!s.node || b.value(['kind'], s.node) !== 'ServiceAccount') continue;
        const name = b.value(['name'], s.node);
        const ns = b.value(['namespace'], s.node) ?? b.namespace;
        const bucket = index.get(name);
        if (bucket) bucket.push(ns);
        else index.set(name, [ns]);
      }
    }
    subjectsByName.set(bindings, index);
  }
  return index;
}

/**
 * Whether a RoleBinding or ClusterRoleBinding in the workspace grants the ServiceAccount something: then
 * the workload evidently calls the API and needs its token. Namespaces match leniently, as above.
 */
function accountIsBound(workspace: WorkspaceView, name: string, namespace: string | undefined): boolean {
  return ['RoleBinding', 'ClusterRoleBinding'].some((kind) =>
    (accountSubjects(workspace.objectsOfKind(kind)).get(name) ?? []).some((ns) => ns === undefined || ns === null || namespace === undefined || ns === namespace),
  );
}

/** Whether the token is mounted: the pod's explicit setting, else the ServiceAccount's, else yes. */
function tokenMounted(obj: K8sObject, pod: PodView, workspace: WorkspaceView): boolean {
  const own = obj.value([AUTOMOUNT], pod.spec);
  if (typeof own === 'boolean') return own;
  return accountObject(workspace, accountName(obj, pod), obj.namespace)?.value([AUTOMOUNT]) !== false;
}

export const serviceAccountTokenMounted: Rule = {
  id: 'service-account-token-mounted',
  title: 'Service account token mounted by default',
  category: 'service-accounts',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags pods that leave `automountServiceAccountToken` unset while their ServiceAccount (when its manifest is in the workspace) does not set it either, so the API token is mounted into every container by default. An explicit value on the pod or on its ServiceAccount, true included, is a decision and is not reported; so is a ServiceAccount that a RoleBinding or ClusterRoleBinding in the workspace grants permissions (the workload calls the API).',
  rationale:
    'Most applications never call the Kubernetes API, yet by default every container gets a token for its ServiceAccount at /var/run/secrets/kubernetes.io/serviceaccount. Anyone who gets code execution in the container inherits that identity and whatever RBAC grants it. Opting out by default and opting in where needed removes the credential from most pods.',
  remediation: 'Set automountServiceAccountToken: false in the pod spec (or on its ServiceAccount), and true only for workloads that call the API.',
  reads: ['spec.automountServiceAccountToken', 'spec.serviceAccountName', 'ServiceAccount.automountServiceAccountToken', '{Role,ClusterRole}Binding.subjects'],
  concepts: ['SEC-SA-AUTOMOUNT'],
  peers: { polaris: 'automountServiceAccountToken', kubesec: 'AutomountServiceAccountToken', kubescape: 'C-0034, C-0190', trivy: 'KSV-0036', checkov: 'CKV_K8S_38' },
  defaultsNote:
    'Information, and silent when the pod or its ServiceAccount manifest decides explicitly: workloads that need the API (operators, controllers) say so with automountServiceAccountToken: true and are left alone.',
  fix: { title: 'Set automountServiceAccountToken: false', scope: 'pod', safe: false, intents: [{ op: 'set', path: [AUTOMOUNT], value: false }] },
  appliesTo: 'workloads',
  check({ object, pod, workspace, report }) {
    // Either level deciding explicitly (true or false) is a decision this rule respects.
    if (!pod?.spec || object.has([AUTOMOUNT], pod.spec)) return;
    const account = accountName(object, pod);
    if (accountObject(workspace, account, object.namespace)?.has([AUTOMOUNT])) return;
    if (accountIsBound(workspace, account, object.namespace)) return;
    report({
      span: podAnchor(pod, AUTOMOUNT),
      message: `${object.label} mounts the API token of ServiceAccount ${accountName(object, pod)} into its containers (automountServiceAccountToken is not false).`,
    });
  },
};

export const defaultServiceAccount: Rule = {
  id: 'default-service-account',
  title: 'Runs as the default ServiceAccount',
  category: 'service-accounts',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags workloads that run as their namespace\'s `default` ServiceAccount (no serviceAccountName, or `default`) with its token mounted, and `default` ServiceAccount manifests that do not set `automountServiceAccountToken: false`.',
  rationale:
    'Every pod without a serviceAccountName shares the default account, so any permission granted to it (often added "temporarily") reaches all of them, and their API activity cannot be told apart in audit logs. A dedicated account per workload keeps grants scoped and attributable.',
  remediation: 'Create a dedicated ServiceAccount for the workload and set serviceAccountName; set automountServiceAccountToken: false on the default ServiceAccount.',
  reads: ['spec.serviceAccountName', 'spec.serviceAccount', 'spec.automountServiceAccountToken', 'ServiceAccount.automountServiceAccountToken'],
  concepts: ['SEC-DEFAULT-SA'],
  peers: { 'kube-linter': 'default-service-account', kubesec: 'ServiceAccountName', kubescape: 'C-0189', checkov: 'CKV_K8S_41, CKV_K8S_42' },
  defaultsNote:
    'Off by default: on a workload it overlaps with service-account-token-mounted (both fire on a pod with no account settings), and a dedicated ServiceAccount is a new object, not a one-line fix.',
  appliesTo: [...WORKLOAD_KINDS, 'ServiceAccount'],
  check({ object, pod, workspace, report }) {
    if (object.kind === 'ServiceAccount') {
      if (object.name !== 'default' || object.value([AUTOMOUNT]) === false) return;
      report({
        span: object.has([AUTOMOUNT]) ? object.pairSpan([AUTOMOUNT])! : object.valueSpan(['metadata', 'name'])!,
        message: `The default ServiceAccount${object.namespace ? ` of namespace ${object.namespace}` : ''} automounts its token into every pod that does not opt out.`,
        fix: { title: 'Set automountServiceAccountToken: false', safe: false, intents: [{ op: 'set', path: [AUTOMOUNT], value: false }] },
      });
      return;
    }
    if (!pod?.spec || accountName(object, pod) !== 'default' || !tokenMounted(object, pod, workspace)) return;
    const explicit = object.has(['serviceAccountName'], pod.spec) ? 'serviceAccountName' : object.has(['serviceAccount'], pod.spec) ? 'serviceAccount' : undefined;
    report({
      span: explicit ? object.pairSpan([...pod.specPath, explicit])! : podAnchor(pod, 'serviceAccountName'),
      message: `${object.label} runs as the namespace's default ServiceAccount with its token mounted; give it a dedicated ServiceAccount.`,
      fix: null,
    });
  },
};

export const deprecatedServiceAccountField: Rule = {
  id: 'deprecated-service-account-field',
  title: 'Deprecated serviceAccount field',
  category: 'service-accounts',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags pods that set the deprecated `spec.serviceAccount` alias. When `serviceAccountName` is also set it wins, and a different `serviceAccount` value is silently ignored.',
  rationale:
    'serviceAccount is a deprecated alias kept for old clients. Tools that only read serviceAccountName (policy engines, RBAC analysis, this extension\'s own checks) can be misled about which identity the pod has, and two different values invite mistakes.',
  remediation: 'Rename serviceAccount to serviceAccountName (or remove it when serviceAccountName is set).',
  reads: ['spec.serviceAccount', 'spec.serviceAccountName'],
  concepts: ['SEC-SA-MISSING'],
  peers: { 'kube-linter': 'deprecated-service-account-field', kubescape: 'C-0294' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    if (!pod?.spec || !object.has(['serviceAccount'], pod.spec)) return;
    const deprecated = object.value(['serviceAccount'], pod.spec);
    const current = object.value(['serviceAccountName'], pod.spec);
    const depPath = [...pod.specPath, 'serviceAccount'];
    const hasCurrent = object.has(['serviceAccountName'], pod.spec);
    report({
      span: object.keySpan(depPath)!,
      message:
        hasCurrent && current !== deprecated
          ? `${object.label} sets the deprecated serviceAccount: ${String(deprecated)}, which is ignored: serviceAccountName ${String(current)} wins.`
          : `${object.label} uses the deprecated serviceAccount field; use serviceAccountName.`,
      fix:
        hasCurrent || typeof deprecated !== 'string'
          ? { title: 'Remove the deprecated serviceAccount field', safe: true, intents: [{ op: 'remove', path: depPath }] }
          : {
              title: 'Rename serviceAccount to serviceAccountName',
              safe: true,
              intents: [
                { op: 'set', path: [...pod.specPath, 'serviceAccountName'], value: deprecated },
                { op: 'remove', path: depPath },
              ],
            },
    });
  },
};

export const SERVICE_ACCOUNT_RULES: readonly Rule[] = [serviceAccountTokenMounted, defaultServiceAccount, deprecatedServiceAccountField];
