/**
 * Code actions: for each KubeGuard diagnostic in the request, the finding it came from is found by rule
 * id (`diagnostic.code`) and range, never by message text; its declarative fix becomes a text edit.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from '../document/parseManifests';
import { editsForIntents } from '../fixes/applyIntents';
import type { OffsetEdit } from '../fixes/textEdit';
import type { Finding } from '../rules/rule';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import type { AnalysisService } from './analysisService';

export async function codeActions(params: CodeActionParams, doc: TextDocument, service: AnalysisService): Promise<CodeAction[]> {
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
  if (ours.length === 0) return [];
  const { analysis, version } = await service.current(doc);
  const { parsed } = analysis;
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    const finding = findingFor(diagnostic, analysis.findings, parsed);
    if (!finding?.fix) continue;
    const edits = fixEdits(parsed, finding);
    if (!edits) continue;
    actions.push({
      title: finding.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits: edits.map((e) => toTextEdit(e, parsed)) }] },
    });
  }
  return actions;
}

export function findingFor(diagnostic: Diagnostic, findings: readonly Finding[], parsed: ParsedFile): Finding | undefined {
  const start = parsed.lines.offsetAt(diagnostic.range.start);
  const end = parsed.lines.offsetAt(diagnostic.range.end);
  return findings.find((f) => f.ruleId === diagnostic.code && f.span.start === start && f.span.end === end);
}

export function fixEdits(parsed: ParsedFile, finding: Finding): OffsetEdit[] | undefined {
  if (!finding.fix) return undefined;
  const document = parsed.documents[finding.object.documentIndex];
  if (!document) return undefined;
  const edits = editsForIntents({ document, objectPath: finding.objectPath }, finding.fix.intents);
  return edits && edits.length > 0 ? edits : undefined;
}

export function toTextEdit(e: OffsetEdit, parsed: ParsedFile): TextEdit {
  return { range: parsed.lines.rangeOf(e), newText: e.newText };
}
