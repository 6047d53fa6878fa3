/**
 * The check shared by the RBAC role rules (catalog group K): one catalog rule per risk of the shared
 * risk rule set (server/src/rbac/risk), so a rule id here is the id of the badge in the RBAC trees.
 * A finding lands on the entry that triggers the risk (the `"*"` in verbs, `secrets` in resources); an
 * aggregated ClusterRole's findings land on its aggregationRule and name the ClusterRoles it pulls from.
 */
import type { K8sObject } from '../../document/k8sObject';
import type { Span } from '../../document/span';
import type { WorkspaceView } from '../../analysis/workspaceView';
import type { RoleDef } from '../../rbac/model';
import type { PolicyRule } from '../../rbac/policyRule';
import { RbacPolicy } from '../../rbac/policy';
import { isRbacObject, readRole } from '../../rbac/readManifests';
import type { RiskTrigger } from '../../rbac/risk/classify';
import type { RiskRule } from '../../rbac/risk/riskRule';
import { aggregatedRisks, riskRuleById, roleRuleRisks, scopeOfRole } from '../../rbac/risk/manifestRisks';
import { rbacObjectsOf } from '../../rbac/workspaceReport';
import type { Rule, RuleMeta } from '../rule';

const RBAC_KIND_ORDER = ['ClusterRole', 'Role', 'RoleBinding', 'ClusterRoleBinding'];
const policies = new WeakMap<readonly K8sObject[], { lists: (readonly K8sObject[])[]; policy: RbacPolicy }>();

/**
 * The workspace's RBAC policy. Built once per set of RBAC objects (the lists a workspace view returns
 * stay the same until the workspace changes), yet always asked through the view, so the language
 * server sees that the analysis read the RBAC kinds.
 */
export function workspacePolicy(workspace: WorkspaceView): RbacPolicy {
  const lists = RBAC_KIND_ORDER.map((k) => workspace.objectsOfKind(k));
  const key = lists.find((l) => l.length > 0);
  if (!key) return RbacPolicy.fromObjects([]);
  const cached = policies.get(key);
  // Kinds without objects may come back as new empty lists: equal when both are empty.
  if (cached && cached.lists.every((l, i) => l === lists[i] || (l.length === 0 && lists[i]!.length === 0))) return cached.policy;
  const policy = RbacPolicy.fromObjects(rbacObjectsOf({ objectsOfKind: (k) => lists[RBAC_KIND_ORDER.indexOf(k)] ?? [] }));
  policies.set(key, { lists, policy });
  return policy;
}

const roles = new WeakMap<K8sObject, RoleDef>();

function readRoleOnce(object: K8sObject): RoleDef {
  let role = roles.get(object);
  if (!role) {
    role = readRole(object);
    roles.set(object, role);
  }
  return role;
}

type Field = keyof RiskTrigger;

/** A role rule's metadata; its concept and peers' ids come from the risk rule, so they are written once. */
export interface RoleRiskSpec extends Omit<RuleMeta, 'id' | 'category' | 'concepts' | 'peers'> {
  /** The risk id of server/src/rbac/risk: also the rule id. */
  readonly risk: string;
  /** Which list's entry the finding underlines. */
  readonly anchor: Field;
  /** Offer "Remove <entry> from this rule" when one literal entry of `anchor` triggers the risk. */
  readonly removable?: boolean;
}

/** The role as the workspace policy knows it (for aggregation), or as read from this manifest. */
function roleOf(object: K8sObject, workspace: WorkspaceView): { role: RoleDef; policy: RbacPolicy | undefined } {
  if (object.kind !== 'ClusterRole' || !object.has(['aggregationRule'])) return { role: readRoleOnce(object), policy: undefined };
  const policy = workspacePolicy(workspace);
  const known = object.name !== undefined ? policy.catalog.clusterRole(object.name) : undefined;
  return { role: known?.object === object ? known : readRoleOnce(object), policy };
}

function entriesOf(rule: PolicyRule, field: Field, at: readonly number[]): string[] {
  return at.map((i) => rule[field][i]!).filter((v, i, all) => all.indexOf(v) === i);
}

const EVERY: Readonly<Record<Field, string>> = { verbs: 'every verb (*)', resources: 'every resource (*)', apiGroups: 'every API group (*)' };

function render(field: Field, values: readonly string[]): string {
  return values.map((v) => (v === '*' ? EVERY[field] : field === 'apiGroups' && v === '' ? 'the core API group' : v)).join(', ');
}

/** `get, list on secrets`, `every verb (*) on pods in API group apps`, `get on /metrics`. */
function describeGrant(rule: PolicyRule, trigger: RiskTrigger): string {
  const verbs = render('verbs', entriesOf(rule, 'verbs', trigger.verbs.length > 0 ? trigger.verbs : rule.verbs.map((_, i) => i)));
  if (rule.resources.length === 0) return `${verbs} on ${rule.nonResourceURLs.join(', ') || 'nothing'}`;
  const resources = render('resources', entriesOf(rule, 'resources', trigger.resources.length > 0 ? trigger.resources : rule.resources.map((_, i) => i)));
  const groups = entriesOf(rule, 'apiGroups', trigger.apiGroups);
  const groupText = groups.length === 0 || (groups.length === 1 && groups[0] === '') ? '' : groups.includes('*') ? ` in ${EVERY.apiGroups}` : ` in API group${groups.length > 1 ? 's' : ''} ${render('apiGroups', groups)}`;
  return `${verbs} on ${resources}${groupText}`;
}

function scopeText(role: RoleDef): string {
  return scopeOfRole(role) === 'cluster' ? 'cluster-wide when bound by a ClusterRoleBinding' : `in namespace ${role.namespace}`;
}

function anchorSpan(rule: PolicyRule, field: Field, trigger: RiskTrigger, fallback: Span): Span {
  const at = trigger[field][0];
  return (at !== undefined ? rule.spans?.[field][at] : undefined) ?? rule.spans?.rule ?? fallback;
}

/** The risk rule's peer ids, keyed as the docs name the tools. */
function peersOf(r: RiskRule): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (tool: string, ids: readonly string[] | undefined): void => {
    if (ids && ids.length > 0) out[tool] = ids.join(', ');
  };
  add('polaris', r.peers.polaris);
  add('kube-linter', r.peers.kubeLinter);
  add('kubescape', r.peers.kubescape);
  add('trivy', r.peers.trivy);
  add('checkov', r.peers.checkov);
  add('rbac-tool', r.peers.rbacTool);
  add('krane', r.peers.krane);
  add('KubiScan', r.peers.kubiscan);
  return out;
}

export function roleRiskRule(spec: RoleRiskSpec): Rule {
  const { risk, anchor, removable, ...meta } = spec;
  const riskRule = riskRuleById(risk);
  if (!riskRule) throw new Error(`Unknown RBAC risk id ${risk}`);
  return {
    ...meta,
    id: risk,
    category: 'rbac',
    concepts: [riskRule.peers.catalog],
    peers: peersOf(riskRule),
    appliesTo: ['Role', 'ClusterRole'],
    check({ object, workspace, report }) {
      if (!isRbacObject(object)) return;
      const fallback = object.valueSpan(['kind'])!;
      const { role, policy } = roleOf(object, workspace);
      for (const { ruleIndex, rule, match } of roleRuleRisks(role)) {
        if (match.id !== risk) continue;
        const literal = match.trigger[anchor].length === 1 ? rule[anchor][match.trigger[anchor][0]!] : undefined;
        const canRemove = removable === true && literal !== undefined && !literal.includes('*');
        report({
          span: anchorSpan(rule, anchor, match.trigger, fallback),
          message: `${object.label} grants ${describeGrant(rule, match.trigger)}: ${match.reason} [${match.severity} risk ${scopeText(role)}]`,
          fix: canRemove ? { title: `Remove ${literal} from this rule`, safe: false, intents: [{ op: 'removeFromSeq', path: ['rules', ruleIndex, anchor], value: literal }] } : null,
        });
      }
      if (!policy) return;
      const pulled = aggregatedRisks(role, policy.catalog).filter((a) => a.match.id === risk);
      if (pulled.length === 0) return;
      const owners = [...new Set(pulled.map((a) => a.owner.name))];
      const first = pulled[0]!;
      report({
        span: object.keySpan(['aggregationRule']) ?? fallback,
        message: `${object.label} aggregates ${describeGrant(first.rule, first.match.trigger)}${pulled.length > 1 ? ` (and ${pulled.length - 1} more rule${pulled.length > 2 ? 's' : ''})` : ''} from ClusterRole ${owners.join(', ')} in the workspace: ${first.match.reason} [${first.match.severity} risk cluster-wide when bound by a ClusterRoleBinding]`,
        fix: null,
      });
    },
  };
}
