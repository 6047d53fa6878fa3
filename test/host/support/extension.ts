/** Activation of the extension under test. */
import * as vscode from 'vscode';
import type { KubeGuardApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'kubeguard.kubeguard';

/** Activates KubeGuard (a no-op when it already is) and returns its API once the language client runs. */
export async function activateExtension(): Promise<KubeGuardApi> {
  const extension = vscode.extensions.getExtension<KubeGuardApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repository root?`);
  // activate() resolves after the language client has started, so the server is ready for documents.
  return extension.activate();
}
