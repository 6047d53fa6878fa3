/**
 * The only module the client may import from the server: custom request and notification names and
 * their parameter and result types. Plain data only; no runtime dependencies.
 */

/** Configuration section of every setting. */
export const CONFIG_SECTION = 'kubeguard';

/** Source string of every diagnostic KubeGuard publishes. */
export const DIAGNOSTIC_SOURCE = 'KubeGuard';

/** Command the client registers to open a rule's documentation; code actions invoke it. */
export const SHOW_RULE_DOCS_COMMAND = 'kubeguard.showRuleDocumentation';

/** Sent by the server after publishing diagnostics for a document: counts for the status bar. */
export namespace FileStatusNotification {
  export const method = 'kubeguard/fileStatus';
  export interface Params {
    readonly uri: string;
    readonly version: number | null;
    readonly findings: number;
    readonly suppressed: number;
    /** Why the file was skipped, when it was (Helm template, too large, not Kubernetes). */
    readonly skipped?: string;
  }
}
