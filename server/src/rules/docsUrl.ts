/** Where each rule's documentation page lives (generated into docs/rules/ from the catalog). */
export const REPOSITORY_URL = 'https://github.com/kubeguard/kubeguard';

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
