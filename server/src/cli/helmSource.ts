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
  // Line by line rather than `split('\n')`: only the first lines are read, and splitting every
  // document of a run into lines allocated a string per line of input.
  for (let at = 0; at <= documentText.length; ) {
    const nl = documentText.indexOf('\n', at);
    const line = (nl === -1 ? documentText.slice(at) : documentText.slice(at, nl)).trim();
    if (line !== '' && !/^---(\s|$)/.test(line)) {
      // Only the comments before the first content line: a `# Source:` inside a block scalar is data.
      if (!line.startsWith('#')) return undefined;
      const m = SOURCE_COMMENT.exec(line);
      if (m) return m[1];
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return undefined;
}
