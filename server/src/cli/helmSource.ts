/**
 * `helm template` output names the template each document was rendered from, in a comment right after
 * the document's `---`:
 *
 *   ---
 *   # Source: web/templates/deployment.yaml
 *   apiVersion: apps/v1
 *
 * Findings on stdin would otherwise point only at lines of a stream nobody keeps; the template path says
 * which file of the chart to change.
 */

const SOURCE_COMMENT = /^#\s*Source:\s*(\S.*?)\s*$/;

/** The `# Source:` path among the comment lines that open a document, if any. */
export function templateSource(documentText: string): string | undefined {
  for (const raw of documentText.split('\n')) {
    const line = raw.trim();
    if (line === '' || /^---(\s|$)/.test(line)) continue;
    // Only the comments before the first content line: a `# Source:` inside a block scalar is data.
    if (!line.startsWith('#')) return undefined;
    const m = SOURCE_COMMENT.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
