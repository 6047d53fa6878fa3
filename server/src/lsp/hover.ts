/** `textDocument/hover`: the rule's help where a KubeGuard finding is under the pointer, nothing elsewhere. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../analysis/hoverContent';
import type { AnalysisService } from './analysisService';

export async function hover(params: HoverParams, doc: TextDocument, service: Pick<AnalysisService, 'current'>): Promise<Hover | null> {
  // The analysis of this exact version: its spans are offsets into the text the position refers to.
  const { analysis } = await service.current(doc);
  const content = hoverAt(analysis.findings, doc.offsetAt(params.position));
  if (!content) return null;
  return { contents: { kind: MarkupKind.Markdown, value: content.markdown }, range: analysis.parsed.lines.rangeOf(content.span) };
}
