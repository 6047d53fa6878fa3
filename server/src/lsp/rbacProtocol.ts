/** Converts the RBAC engine's reports (objects and spans) to the protocol's shapes (URIs and ranges). */
import type { K8sObject } from '../document/k8sObject';
import type { LineIndex, Span } from '../document/span';
import type { RbacBindingIssue, RbacObjectRef, RbacPermission, RbacRange, RbacSubject, RbacSubjectPermissions, RiskFlag } from '../protocol';
import type { BindingDef, Identity, RoleDef } from '../rbac/model';
import type { PermissionRow } from '../rbac/permissions';
import type { BindingIssue } from '../rbac/policy';
import type { PolicyRule } from '../rbac/policyRule';
import { maxSeverity } from '../rbac/risk/classify';
import type { SubjectReport } from '../rbac/workspaceReport';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/** Finds the URI and line index of an object's file (built once per request). */
export class Locator {
  private readonly files = new Map<string, { lines: LineIndex; text: string }>();
  private readonly view;

  constructor(index: WorkspaceIndex) {
    for (const [uri, parsed] of index.files()) this.files.set(uri, { lines: parsed.lines, text: parsed.text });
    this.view = index.view();
  }

  /** `uri` and `range` of a span of an object (its name when `span` is undefined). */
  place(o: K8sObject | undefined, span: Span | undefined): { uri?: string; range?: RbacRange } {
    if (!o) return {};
    const uri = this.view.uriOf(o);
    if (!uri) return {};
    const at = span ?? o.valueSpan(['metadata', 'name']) ?? o.spanOf(o.root);
    const file = this.files.get(uri);
    if (!file || !at) return { uri };
    // A block mapping's span runs to the next line; a selection reads better ending on the text.
    let end = at.end;
    while (end > at.start && /\s/.test(file.text[end - 1] ?? '')) end--;
    return { uri, range: file.lines.rangeOf({ start: at.start, end }) };
  }
}

export function subjectOf(id: Identity): RbacSubject {
  return id.kind === 'ServiceAccount' ? { kind: id.kind, name: id.name, namespace: id.namespace } : { kind: id.kind, name: id.name };
}

export function subjectToProtocol(s: SubjectReport, locate: Locator, onlyRisky: boolean): RbacSubjectPermissions {
  const subject = subjectOf(s.identity);
  const rows = onlyRisky ? s.rows.filter((r) => r.risks.length > 0) : s.rows;
  const permissions = rows.map((r) => permissionToProtocol(r, locate));
  const worst = maxSeverity(permissions.flatMap((p) => p.risks));
  return { subject, label: s.label, permissions, issues: s.issues.map((i) => issueToProtocol(i, locate)), ...(worst ? { maxSeverity: worst } : {}) };
}

export function permissionToProtocol(r: PermissionRow, locate: Locator): RbacPermission {
  const g = r.grant;
  return {
    ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
    ...(r.apiGroup === undefined ? {} : { apiGroup: r.apiGroup }),
    ...(r.resource === undefined ? {} : { resource: r.resource }),
    ...(r.nonResourceURL === undefined ? {} : { nonResourceURL: r.nonResourceURL }),
    verbs: r.verbs,
    ...(r.resourceNames.length > 0 ? { resourceNames: r.resourceNames } : {}),
    risks: r.risks.map(toFlag),
    source: {
      binding: bindingRef(g.binding, g.subject.span, locate),
      role: roleRef(g.role, undefined, locate),
      rule: roleRef(g.ruleOwner, g.rule, locate),
      ...(g.viaGroup ? { viaGroup: g.viaGroup } : {}),
    },
    ...(r.ineffective ? { ineffective: r.ineffective } : {}),
  };
}

export function issueToProtocol(i: BindingIssue, locate: Locator): RbacBindingIssue {
  const span = i.subject ? i.subject.span : i.binding.roleRef.span;
  return {
    binding: bindingRef(i.binding, span, locate),
    roleRef: { kind: i.binding.roleRef.kind, name: i.binding.roleRef.name },
    status: i.status,
    message: i.message,
  };
}

function bindingRef(b: BindingDef, span: Span | undefined, locate: Locator): RbacObjectRef {
  return { kind: b.kind, name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}), ...locate.place(b.object, span) };
}

/** A role, placed at `rule` when given (else at its name); built-in roles carry their description instead. */
function roleRef(role: RoleDef, rule: PolicyRule | undefined, locate: Locator): RbacObjectRef {
  return {
    kind: role.kind,
    name: role.name,
    ...(role.namespace ? { namespace: role.namespace } : {}),
    ...locate.place(role.object, rule?.spans?.rule),
    ...(role.builtin ? { builtin: role.builtin.description } : {}),
  };
}

/** Exactly the protocol's fields: a risk match also carries its trigger indices, which stay on the server. */
export function toFlag(m: RiskFlag): RiskFlag {
  return { id: m.id, severity: m.severity, title: m.title, reason: m.reason };
}
