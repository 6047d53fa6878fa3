/**
 * The helpers every extension-host test uses: `import { … } from './support'`.
 *
 * What to know about the hosts (code-server under `npm run test:host`, desktop VS Code under
 * `npm run test:desktop`):
 * - The workspace is a temporary copy of examples/ (`workspaceFile('insecure/web-deployment.yaml')`);
 *   tests may edit and save it, but should leave it as they found it for later tests (`revertToDisk`).
 * - `diagnostic.code` is `{ value, target }` (the rule id plus its docs link): use `diagnosticCode(d)`.
 * - `vscode.executeCodeActionProvider` does not return a code action's `diagnostics`.
 * - Files are not auto-saved (the runner turns code-server's default "afterDelay" off, as on desktop).
 * - The runners pass settings for the tests through the host's environment (`KUBEGUARD_TEST_GREP`).
 */
export { activateExtension, EXTENSION_ID } from './extension';
export { describeDiagnostics, diagnosticCode, kubeguardDiagnostics, waitForDiagnostics, waitForNextDiagnostics } from './diagnostics';
export { openAnalysed, revertToDisk, workspaceFile, workspaceRoot } from './workspace';
export { configurationReached, resetConfig, setConfig, setConfiguration, withConfiguration } from './configuration';
