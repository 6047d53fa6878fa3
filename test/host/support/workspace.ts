/** The test workspace: a temporary copy of examples/ that the runners open as the only folder. */
import * as vscode from 'vscode';
import { waitForNextDiagnostics } from './diagnostics';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: the runner opens a copy of examples/ as the workspace');
  return folder.uri;
}

/**
 * A file of the workspace copy of examples/. `relPath` is relative to examples/; a leading `examples/` is
 * accepted too, so paths can be written as they appear in the repository.
 */
export function workspaceFile(relPath: string): vscode.Uri {
  const rel = relPath.replace(/^\.?\//, '').replace(/^examples\//, '');
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

/**
 * Opens a file in an editor and resolves once the server has published its diagnostics (an empty list
 * counts), so "no findings" can be asserted without guessing how long analysis takes.
 */
export async function openAnalysed(target: vscode.Uri | string, timeoutMs = 20_000): Promise<vscode.TextEditor> {
  const uri = typeof target === 'string' ? workspaceFile(target) : target;
  const alreadyOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  // Subscribe before opening: the first publication can arrive before showTextDocument resolves.
  const published = alreadyOpen ? undefined : waitForNextDiagnostics(uri, timeoutMs);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await published;
  return editor;
}

/**
 * Puts an open document back to its text on disk and leaves it saved (not dirty), so later tests see the
 * file as the workspace has it. A no-op when the document is not open or not dirty.
 */
export async function revertToDisk(uri: vscode.Uri): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc?.isDirty) return;
  const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), onDisk);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save())) throw new Error(`could not revert ${uri.toString()}`);
}
