/**
 * NetworkPolicy code actions (kind `refactor`): "Generate NetworkPolicy for <name>" on a workload and
 * "Add default-deny NetworkPolicy for namespace <ns>" on a Namespace or any object of a namespace that
 * has none. The policy goes into a new document after the object's, or into a new file next to it
 * (`kubeguard.networkPolicy.placement`).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';
import type { K8sObject } from '../document/k8sObject';
import { isWorkload } from '../document/workloads';
import { defaultDenyPolicy, hasDefaultDeny, workloadNetworkPolicy } from '../fixes/networkPolicy';
import { insertDocumentAfter, newFileText, renderObject, styleOf, type GeneratedObject } from '../fixes/networkPolicyYaml';
import { workloadInfo } from '../fixes/networkPolicyRefs';
import { NETWORK_COVERAGE_RULE_IDS } from '../rules/catalog/networkPolicies';
import type { Finding } from '../rules/rule';
import { documentEdit, objectKey, offer, parsedOf, wanted, type ActionContext } from './codeActionsEdits';

export interface NetworkPolicyOptions {
  /** The client can create files in a workspace edit; without it, policies always go into the same file. */
  readonly createFiles: boolean;
}

/**
 * On an object with a NetworkPolicy coverage finding (network-policy-missing,
 * namespace-default-deny-missing), the actions are that finding's quick-fixes: kind `quickfix`, bound
 * to its diagnostic. Elsewhere they are refactorings offered from the cursor.
 */
export function networkPolicyActions(
  ctx: ActionContext,
  objects: readonly K8sObject[],
  options: NetworkPolicyOptions,
  items: readonly { diagnostic: Diagnostic; finding: Finding }[] = [],
): CodeAction[] {
  if (!wanted(ctx, CodeActionKind.Refactor) && !wanted(ctx, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  const namespaces = new Set<string>();
  for (const object of objects) {
    const coverage = items.filter((i) => NETWORK_COVERAGE_RULE_IDS.includes(i.finding.ruleId) && !i.finding.suppressed && sameRef(i.finding, object)).map((i) => i.diagnostic);
    for (const a of objectNetworkPolicyActions(ctx, object, options, namespaces)) {
      const action = coverage.length > 0 ? { ...a, kind: CodeActionKind.QuickFix, diagnostics: coverage } : a;
      if (wanted(ctx, action.kind!)) actions.push(action);
    }
  }
  return actions;
}

/**
 * The NetworkPolicy actions of one object (resolve re-runs this for the listed object). `namespaces`
 * holds the namespaces already offered a default deny in this request, so each is offered once. The
 * policy's text and where it goes (a new file's name must not be taken) are computed for the edit only.
 */
export function objectNetworkPolicyActions(ctx: ActionContext, object: K8sObject, options: NetworkPolicyOptions, namespaces: Set<string> = new Set()): CodeAction[] {
  const actions: CodeAction[] = [];
  const target = { provider: 'networkPolicy', object: objectKey(object) } as const;
  if (isWorkload(object)) {
    const title = `Generate NetworkPolicy for ${object.name ?? object.kind}`;
    const generate = (): ReturnType<typeof workloadNetworkPolicy> => workloadNetworkPolicy(object, ctx.workspace, styleOf(parsedOf(ctx), object.document.index));
    // workloadNetworkPolicy fails only for a workload without pods or pod labels, which workloadInfo
    // tells without generating the policy (that reads every Service and workload of the workspace). For
    // those, and for eager clients, the policy is generated now: its error is the disabled reason.
    const info = ctx.lazy ? workloadInfo(object) : undefined;
    const result = info && info.labels.size > 0 ? undefined : generate();
    if (result && 'error' in result) actions.push({ title, kind: CodeActionKind.Refactor, disabled: { reason: result.error } });
    else {
      const edit = (): WorkspaceEdit => {
        const r = result ?? generate();
        // `result` is set whenever this runs (offer calls it only for eager contexts); were it not, a
        // policy that cannot be generated gets no edit rather than a wrong one.
        return 'error' in r ? {} : placePolicy(ctx, object, r.policy, r.name, options);
      };
      actions.push(offer(ctx, { title, kind: CodeActionKind.Refactor }, target, edit));
    }
  }
  const ns = object.kind === 'Namespace' && object.apiVersion === 'v1' ? object.name : object.namespace;
  if (ns === undefined || namespaces.has(ns) || hasDefaultDeny(ns, ctx.workspace)) return actions;
  namespaces.add(ns);
  const title = `Add default-deny NetworkPolicy for namespace ${ns}`;
  actions.push(offer(ctx, { title, kind: CodeActionKind.Refactor }, target, () => placePolicy(ctx, object, defaultDenyPolicy(ns, ctx.workspace), `${ns}-default-deny`, options)));
  return actions;
}

function sameRef(f: Finding, o: K8sObject): boolean {
  return f.object.documentIndex === o.document.index && f.object.itemIndex === o.ref.itemIndex;
}

function placePolicy(ctx: ActionContext, object: K8sObject, policy: GeneratedObject, fileStem: string, options: NetworkPolicyOptions): WorkspaceEdit {
  const parsed = parsedOf(ctx);
  const style = styleOf(parsed, object.document.index);
  const lines = renderObject(policy, style);
  const target = ctx.settings.networkPolicyPlacement === 'newFile' && options.createFiles ? newFileUri(ctx, fileStem) : undefined;
  if (target) {
    return {
      documentChanges: [
        { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newFileText(lines, style) }] },
      ],
    };
  }
  const insert = insertDocumentAfter(parsed, object.document.index, lines, style);
  return documentEdit(ctx, insert ? [insert] : []);
}

/** `<stem>.yaml` next to the document, numbered when taken; undefined for documents that are not files. */
function newFileUri(ctx: ActionContext, stem: string): string | undefined {
  const source = URI.parse(ctx.uri);
  if (source.scheme !== 'file') return undefined;
  const dir = Utils.dirname(source);
  for (let n = 1; n < 100; n++) {
    const candidate = Utils.joinPath(dir, `${stem}${n > 1 ? `-${n}` : ''}.yaml`).toString();
    if (!ctx.fileExists(candidate)) return candidate;
  }
  return undefined;
}
