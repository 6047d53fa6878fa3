/** Commands of the Workspace RBAC view: open what grants a permission, "Who can…?", create an example. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WhoCanRequest, type RbacGrantSource, type RbacObjectRef, type RbacRange } from '../../../server/src/protocol';
import { objectLabel, resourceLabel, riskDescription, verbsLabel } from './rbacNodes';
import { OPEN_GRANT_COMMAND, OPEN_OBJECT_COMMAND } from './workspaceRbacTree';

export const WHO_CAN_COMMAND = 'kubeguard.whoCan';
export const CREATE_EXAMPLE_COMMAND = 'kubeguard.workspaceRbac.createExample';

/** A least-privilege starting point: one namespaced Role and its RoleBinding to a ServiceAccount. */
const EXAMPLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: default
rules:
- apiGroups: [""] # "" is the core API group
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: ServiceAccount
  name: app # in the binding's namespace when none is given
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
`;

export function registerWorkspaceRbacActions(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_GRANT_COMMAND, (source: RbacGrantSource) => openGrant(source)),
    vscode.commands.registerCommand(OPEN_OBJECT_COMMAND, (ref: RbacObjectRef) => openRef(ref, vscode.ViewColumn.Active, false)),
    vscode.commands.registerCommand(WHO_CAN_COMMAND, (args?: WhoCanRequest.Params) => whoCan(client, args)),
    vscode.commands.registerCommand(CREATE_EXAMPLE_COMMAND, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE });
      await vscode.window.showTextDocument(doc);
    }),
  );
}

/** Opens the rule in its role and the subject in its binding: one editor with both selected when they share a file. */
async function openGrant(source: RbacGrantSource): Promise<void> {
  const rule = source.rule.uri ? source.rule : undefined;
  const binding = source.binding;
  if (!rule) {
    await openRef(binding, vscode.ViewColumn.Active, false);
    return;
  }
  if (binding.uri === rule.uri && binding.range && rule.range) {
    const editor = await openRef(rule, vscode.ViewColumn.Active, false);
    if (editor) editor.selections = [toSelection(rule.range), toSelection(binding.range)];
    return;
  }
  await openRef(rule, vscode.ViewColumn.Active, false);
  await openRef(binding, vscode.ViewColumn.Beside, true);
}

async function openRef(ref: RbacObjectRef, viewColumn: vscode.ViewColumn, preserveFocus: boolean): Promise<vscode.TextEditor | undefined> {
  if (!ref.uri) {
    void vscode.window.showInformationMessage(`${objectLabel(ref)} is not in the workspace${ref.builtin ? `: ${ref.builtin}` : '.'}`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
  const selection = ref.range ? toSelection(ref.range) : undefined;
  const editor = await vscode.window.showTextDocument(doc, { viewColumn, preserveFocus, preview: true, ...(selection ? { selection } : {}) });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

function toSelection(r: RbacRange): vscode.Selection {
  return new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
}

interface GrantPick extends vscode.QuickPickItem {
  readonly source?: RbacGrantSource;
}

/**
 * "KubeGuard: Who can…?": asks for a verb, a resource and a namespace (or takes them as arguments), then
 * lists the subjects with the grants that allow it; picking one opens its role and binding. Returns the
 * answer so callers (tests, other commands) can use it.
 */
async function whoCan(client: LanguageClient, args?: WhoCanRequest.Params): Promise<WhoCanRequest.Result | undefined> {
  const params = args ?? (await askQuery());
  if (!params) return undefined;
  const result = await client.sendRequest<WhoCanRequest.Result>(WhoCanRequest.method, params);
  const where = params.namespace ? `in ${params.namespace}` : 'anywhere';
  const items: GrantPick[] = result.subjects.flatMap((s) => [
    { label: s.label, kind: vscode.QuickPickItemKind.Separator },
    ...s.grants.map((g) => ({
      label: `${g.risks.length ? '$(warning) ' : ''}${verbsLabel(g.verbs)} ${resourceLabel(g)}`,
      description: [g.namespace ?? 'cluster-wide', g.resourceNames?.length ? `only ${g.resourceNames.join(', ')}` : '', riskDescription(g.risks)].filter(Boolean).join(' · '),
      detail: `${objectLabel(g.source.binding)} → ${objectLabel(g.source.role)}${g.source.viaGroup ? ` (as ${g.source.viaGroup})` : ''}`,
      source: g.source,
    })),
  ]);
  const pick = vscode.window.createQuickPick<GrantPick>();
  pick.title = `Who can ${params.verb} ${params.resource} ${where}?`;
  pick.placeholder = result.subjects.length ? `${result.subjects.length} subject(s) in the workspace; ${result.notes.join(' ')}` : `No subject in the workspace can. ${result.notes.join(' ')}`;
  pick.items = items;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.onDidAccept(() => {
    const source = pick.selectedItems[0]?.source;
    pick.hide();
    if (source) void openGrant(source);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return result;
}

async function askQuery(): Promise<WhoCanRequest.Params | undefined> {
  const nonEmpty = (v: string): string | undefined => (/^\S+$/.test(v.trim()) ? undefined : 'One word, without spaces');
  const verb = await vscode.window.showInputBox({ title: 'Who can… (1/3)', prompt: 'Verb', value: 'get', validateInput: nonEmpty, placeHolder: 'get, list, create, delete, escalate, impersonate, …' });
  if (verb === undefined) return undefined;
  const resource = await vscode.window.showInputBox({
    title: 'Who can… (2/3)',
    prompt: 'Resource, resource.group, resource/subresource or a non-resource URL',
    value: 'secrets',
    validateInput: nonEmpty,
    placeHolder: 'secrets, pods/exec, deployments.apps, /metrics',
  });
  if (resource === undefined) return undefined;
  const namespace = await vscode.window.showInputBox({ title: 'Who can… (3/3)', prompt: 'Namespace (empty: anywhere)', placeHolder: 'anywhere' });
  if (namespace === undefined) return undefined;
  return { verb: verb.trim(), resource: resource.trim(), ...(namespace.trim() ? { namespace: namespace.trim() } : {}) };
}
