/**
 * A WorkspaceView that records which kinds of objects an analysis read. The language server keeps the
 * set per open document and re-runs a document after another file changes only when the change
 * touched a kind it read (see factFingerprint.ts): every cross-file read goes through these methods.
 * The analysis core records the same way per document for its findings cache, hence the one definition.
 */
export { recordingView } from '../analysis/findingsCache';
