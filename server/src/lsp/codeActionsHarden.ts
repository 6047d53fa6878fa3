/**
 * "Harden workload (PSS restricted)" and the separately labelled hardening that can break images, on
 * every workload the request is about. Quick-fix kind when the request carries one of the workload's
 * findings (so they sit with the other fixes), refactor.rewrite when the cursor is merely on it.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { K8sObject } from '../document/k8sObject';
import { editsForIntents } from '../fixes/applyIntents';
import { restrictedPatch } from '../fixes/harden';
import { extraHardeningIntents, HIGH_ID, type ExtraHardening } from '../fixes/hardenExtras';
import type { FixIntent } from '../fixes/intent';
import { effectivePolicy } from '../pss/policy';
import type { Finding } from '../rules/rule';
import { documentEdit, objectKey, offer, wanted, type ActionContext } from './codeActionsEdits';
import { memoEdits } from './codeActionsMemo';

export const HARDEN_TITLE = 'Harden workload (PSS restricted)';

const EXTRA_TITLES: Readonly<Record<ExtraHardening, string>> = {
  readOnlyRootFilesystem: 'Harden workload: read-only root filesystem with a writable /tmp (may break images that write elsewhere)',
  runAsHighUid: `Harden workload: run as user and group ${HIGH_ID} (may break images that need their own user)`,
  noServiceAccountToken: 'Harden workload: do not mount the service account token (breaks pods that call the Kubernetes API)',
};

export function hardenActions(ctx: ActionContext, objects: readonly K8sObject[], requestFindings: readonly Finding[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const object of objects) {
    const own = requestFindings.some((f) => f.object.documentIndex === object.document.index && f.object.itemIndex === object.ref.itemIndex && !f.suppressed);
    const kind = own ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
    if (wanted(ctx, kind)) actions.push(...objectHardenActions(ctx, object, objects.length > 1, kind));
  }
  return actions;
}

/**
 * The hardening actions of one workload; resolve re-runs this for the listed object. Each is offered only
 * when its intents apply cleanly, which only applying them tells, so even a lazy list computes the edits
 * (once per document text: memo); resolve then reads them.
 */
export function objectHardenActions(ctx: ActionContext, object: K8sObject, several: boolean, kind: string): CodeAction[] {
  const actions: CodeAction[] = [];
  // Titles name the workload only when the request spans several.
  const which = several ? ` [${object.label}]` : '';
  const target = { provider: 'harden', object: objectKey(object), several } as const;
  const policy = effectivePolicy(ctx.settings.podSecurity, object.namespace, (ns) => ctx.workspace.namespaceLabels(ns));
  const plan = restrictedPatch(object, policy.minor);
  if (!plan) return actions;
  const edits = intentEdits(object, plan.intents);
  if (edits) {
    const left = plan.unresolved.length > 0 ? ` — leaves ${plan.unresolved.join(', ')}` : '';
    actions.push(offer(ctx, { title: `${HARDEN_TITLE}${left}${which}`, kind }, target, () => documentEdit(ctx, edits)));
  }
  for (const extraKind of Object.keys(EXTRA_TITLES) as ExtraHardening[]) {
    const intents = extraHardeningIntents(object, extraKind);
    const extra = intents ? intentEdits(object, intents) : undefined;
    if (extra) actions.push(offer(ctx, { title: `${EXTRA_TITLES[extraKind]}${which}`, kind }, target, () => documentEdit(ctx, extra)));
  }
  return actions;
}

function intentEdits(object: K8sObject, intents: readonly FixIntent[]): ReturnType<typeof editsForIntents> {
  if (intents.length === 0) return undefined;
  const objectPath = object.pathInDocument;
  return memoEdits(object.document, JSON.stringify(['intents', objectPath, intents]), () => {
    const edits = editsForIntents({ document: object.document, objectPath }, intents);
    return edits && edits.length > 0 ? edits : undefined;
  });
}
