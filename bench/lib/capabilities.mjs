// Client capabilities close to VS Code's, so servers take the code paths they take in the editor
// (versioned publishes, work-done progress, pull configuration). Adapted from
// /work/shared/tools/lsp-bench/lsp-bench.mjs. No pull-diagnostics capability: both servers measured here
// push, and without it a server that could do either keeps to push, which is what is timed.

export function clientCapabilities() {
  return {
    general: { positionEncodings: ['utf-16'] },
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: false } } },
    workspace: {
      applyEdit: false,
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: false },
      workspaceEdit: { documentChanges: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, willSave: false, willSaveWaitUntil: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dynamicRegistration: false,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        // As VS Code declares it: edits come from codeAction/resolve, for the action applied.
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
      },
      hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
      completion: { dynamicRegistration: false, completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
      documentSymbol: { dynamicRegistration: false, hierarchicalDocumentSymbolSupport: true },
    },
  };
}
