/**
 * The files seam: what the agent saves (a report's CSV, an `.rdp` file for Connect in the web console).
 * On the desktop the host asks where (Electron's save dialog; the browser shell names a new file in the
 * downloads folder) and the core writes there through a temporary file; in the web console the bytes
 * become a download the page offers.
 */
export interface SaveFileRequest {
  /** The file name to suggest (`requests-2026-11-01-2026-12-01.csv`). */
  readonly defaultName: string;
  /** The kind of file, in the agent's language, for the dialog's filter ("CSV files"). */
  readonly filterName: string;
  /** The extension the file gets, without the dot. */
  readonly extension: string;
  /** Its media type (`text/csv`, `application/x-rdp`): the web console's download says it. */
  readonly mediaType: string;
}

/** A file being saved: written in order, then closed (kept) or aborted (nothing left behind). */
export interface FileSink {
  /** Where the file goes: its path, or the download's name — what messages name. */
  readonly target: string;
  write(chunk: Uint8Array): Promise<void>;
  /** Finishes the file (kept under `target`). */
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface FileSaver {
  /** A file to write, or null when the agent cancelled the dialog. */
  save(request: SaveFileRequest): Promise<FileSink | null>;
}
