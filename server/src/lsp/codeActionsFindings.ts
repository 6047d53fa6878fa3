/**
 * Per-finding code actions: the finding's mechanical fix (the preferred quick-fix) and "Show
 * documentation for <rule>". The finding is found by rule id (`diagnostic.code`) and range, never by
 * message text.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { ParsedFile } from '../document/parseManifests';
import { editsForIntents } from '../fixes/applyIntents';
import type { OffsetEdit } from '../fixes/textEdit';
import { ruleById } from '../rules/catalog';
import { docsUrl } from '../rules/docsUrl';
import type { Finding } from '../rules/rule';
import { DIAGNOSTIC_SOURCE, SHOW_RULE_DOCS_COMMAND } from '../protocol';
import { documentEdit, offer, parsedOf, wanted, type ActionContext } from './codeActionsEdits';
import { memoEdits } from './codeActionsMemo';

/** The KubeGuard diagnostics of the request, each with the finding it was published for. */
export function requestFindings(ctx: ActionContext): { diagnostic: Diagnostic; finding: Finding }[] {
  const out: { diagnostic: Diagnostic; finding: Finding }[] = [];
  for (const diagnostic of ctx.params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const finding = findingFor(diagnostic, ctx.analysis.findings, parsedOf(ctx));
    if (finding) out.push({ diagnostic, finding });
  }
  return out;
}

export function findingFor(diagnostic: Diagnostic, findings: readonly Finding[], parsed: ParsedFile): Finding | undefined {
  const start = parsed.lines.offsetAt(diagnostic.range.start);
  const end = parsed.lines.offsetAt(diagnostic.range.end);
  return findings.find((f) => f.ruleId === diagnostic.code && f.span.start === start && f.span.end === end);
}

/** The edits of a finding's own fix, or undefined when it has none or it would not apply cleanly. */
export function fixEdits(parsed: ParsedFile, finding: Finding): OffsetEdit[] | undefined {
  if (!finding.fix) return undefined;
  const document = parsed.documents[finding.object.documentIndex];
  if (!document) return undefined;
  const { intents } = finding.fix;
  // A function of the document's text, the object's path and the intents: exactly the key.
  return memoEdits(document, JSON.stringify(['fix', finding.objectPath, intents]), () => {
    const edits = editsForIntents({ document, objectPath: finding.objectPath }, intents);
    return edits && edits.length > 0 ? edits : undefined;
  });
}

export function findingActions(ctx: ActionContext, items: readonly { diagnostic: Diagnostic; finding: Finding }[]): CodeAction[] {
  const actions: CodeAction[] = [];
  if (!wanted(ctx, CodeActionKind.QuickFix)) return actions;
  for (const { diagnostic, finding } of items) {
    if (finding.suppressed || !finding.fix) continue;
    // Offered only when the fix applies cleanly, which only applying it tells (a fix that would break the
    // YAML is not offered): the edits are computed even for a lazy list, once per document text (memo).
    const edits = fixEdits(parsedOf(ctx), finding);
    if (!edits) continue;
    const action: CodeAction = { title: finding.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true };
    actions.push(offer(ctx, action, { provider: 'fix', rule: finding.ruleId, span: [finding.span.start, finding.span.end] }, () => documentEdit(ctx, edits)));
  }
  return actions;
}

/** "Show documentation for <rule>" for each distinct catalog rule of the request, suppressed ones included. */
export function documentationActions(ctx: ActionContext, items: readonly { diagnostic: Diagnostic; finding: Finding }[]): CodeAction[] {
  if (!wanted(ctx, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const { diagnostic, finding } of items) {
    if (!ruleById(finding.ruleId)) continue;
    const title = `Show documentation for ${finding.ruleId}`;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SHOW_RULE_DOCS_COMMAND, arguments: [docsUrl(finding.ruleId)] } });
  }
  return actions;
}
