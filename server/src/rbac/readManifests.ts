/** Reads Roles, ClusterRoles and bindings from manifest objects, keeping spans for navigation. */
import type { K8sObject } from '../document/k8sObject';
import type { Span } from '../document/span';
import { asMap, asSeq, type Path } from '../document/yamlNodes';
import { DEFAULT_NAMESPACE, RBAC_GROUP, type BindingDef, type LabelSelector, type RoleDef, type SubjectDef } from './model';
import type { PolicyRule } from './policyRule';

export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

export function isRbacObject(o: K8sObject): boolean {
  return RBAC_KINDS.includes(o.kind) && o.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

export interface RbacObjects {
  readonly roles: readonly RoleDef[];
  readonly bindings: readonly BindingDef[];
}

export function readRbac(objects: Iterable<K8sObject>): RbacObjects {
  const roles: RoleDef[] = [];
  const bindings: BindingDef[] = [];
  for (const o of objects) {
    if (!isRbacObject(o) || o.name === undefined) continue;
    if (o.kind === 'Role' || o.kind === 'ClusterRole') roles.push(readRole(o));
    else bindings.push(readBinding(o));
  }
  return { roles, bindings };
}

export function readRole(o: K8sObject): RoleDef {
  const cluster = o.kind === 'ClusterRole';
  const selectors = cluster ? readSelectors(o, ['aggregationRule', 'clusterRoleSelectors']) : undefined;
  return {
    kind: cluster ? 'ClusterRole' : 'Role',
    name: o.name ?? '',
    ...(cluster ? {} : { namespace: o.namespace ?? DEFAULT_NAMESPACE }),
    labels: o.stringMap(['metadata', 'labels']),
    rules: readRules(o),
    ...(selectors ? { aggregationRule: selectors } : {}),
    object: o,
  };
}

export function readBinding(o: K8sObject): BindingDef {
  const cluster = o.kind === 'ClusterRoleBinding';
  const subjects: SubjectDef[] = [];
  eachItem(o, ['subjects'], (i, path) => {
    const namespace = str(o, [...path, 'namespace']);
    subjects.push({
      kind: str(o, [...path, 'kind']) ?? '',
      name: str(o, [...path, 'name']) ?? '',
      ...(namespace ? { namespace } : {}),
      index: i,
      ...spanField(o.spanOf(o.get(path))),
    });
  });
  const apiGroup = str(o, ['roleRef', 'apiGroup']);
  return {
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    name: o.name ?? '',
    ...(cluster ? {} : { namespace: o.namespace ?? DEFAULT_NAMESPACE }),
    roleRef: {
      kind: str(o, ['roleRef', 'kind']) ?? '',
      name: str(o, ['roleRef', 'name']) ?? '',
      ...(apiGroup === undefined ? {} : { apiGroup }),
      ...spanField(o.spanOf(o.get(['roleRef']))),
    },
    subjects,
    object: o,
  };
}

function readRules(o: K8sObject): PolicyRule[] {
  const rules: PolicyRule[] = [];
  eachItem(o, ['rules'], (_i, path) => {
    const list = (field: string): { values: string[]; spans: (Span | undefined)[] } => {
      const values: string[] = [];
      const spans: (Span | undefined)[] = [];
      eachItem(o, [...path, field], (_j, p) => {
        const v = o.value(p);
        if (v === undefined || v === null) return;
        values.push(String(v));
        spans.push(o.spanOf(o.get(p)));
      });
      return { values, spans };
    };
    const verbs = list('verbs');
    const apiGroups = list('apiGroups');
    const resources = list('resources');
    const resourceNames = list('resourceNames');
    const nonResourceURLs = list('nonResourceURLs');
    const ruleSpan = o.spanOf(o.get(path));
    rules.push({
      verbs: verbs.values,
      apiGroups: apiGroups.values,
      resources: resources.values,
      resourceNames: resourceNames.values,
      nonResourceURLs: nonResourceURLs.values,
      ...(ruleSpan
        ? {
            spans: {
              rule: ruleSpan,
              verbs: verbs.spans,
              apiGroups: apiGroups.spans,
              resources: resources.spans,
              resourceNames: resourceNames.spans,
              nonResourceURLs: nonResourceURLs.spans,
            },
          }
        : {}),
    });
  });
  return rules;
}

function readSelectors(o: K8sObject, path: Path): LabelSelector[] | undefined {
  if (!asSeq(o.get(path))) return undefined;
  const selectors: LabelSelector[] = [];
  eachItem(o, path, (_i, p) => {
    // A null entry is a null selector, which matches nothing: skip it.
    if (!asMap(o.get(p))) return;
    const matchExpressions: LabelSelector['matchExpressions'][number][] = [];
    eachItem(o, [...p, 'matchExpressions'], (_j, e) => {
      const values: string[] = [];
      eachItem(o, [...e, 'values'], (_k, v) => values.push(String(o.value(v) ?? '')));
      matchExpressions.push({ key: str(o, [...e, 'key']) ?? '', operator: str(o, [...e, 'operator']) ?? '', values });
    });
    selectors.push({ matchLabels: o.stringMap([...p, 'matchLabels']), matchExpressions });
  });
  return selectors;
}

/** Calls `fn` with the index and path of each item of the sequence at `path` (nothing when it is not one). */
function eachItem(o: K8sObject, path: Path, fn: (index: number, itemPath: Path) => void): void {
  const seq = asSeq(o.get(path));
  if (!seq) return;
  for (let i = 0; i < seq.items.length; i++) fn(i, [...path, i]);
}

function str(o: K8sObject, path: Path): string | undefined {
  const v = o.value(path);
  return v === undefined || v === null ? undefined : String(v);
}

function spanField(s: Span | undefined): { span?: Span } {
  return s ? { span: s } : {};
}
