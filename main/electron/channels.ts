// The whole preload bridge surface, shared by preload.ts and the ipcMain
// handlers. Kept free of runtime imports so the sandboxed preload bundle
// stays tiny. The renderer may `import type { ClinicDesktop }` from here.

export const CHANNELS = {
  printToPdf: 'clinic:print-to-pdf',
  saveFile: 'clinic:save-file',
  notify: 'clinic:notify',
  chooseHost: 'clinic:choose-host',
  appVersion: 'clinic:app-version',
} as const;

/** Result of a save dialog: `saved: false` when the user cancelled. */
export interface SaveResult {
  saved: boolean;
  path?: string;
}

/** What `window.clinicDesktop` offers; absent when the UI runs in a browser. */
export interface ClinicDesktop {
  printToPdf(suggestedName?: string): Promise<SaveResult>;
  saveFile(name: string, bytes: Uint8Array): Promise<SaveResult>;
  notify(title: string, body: string): Promise<void>;
  chooseHost(): Promise<void>;
  appVersion(): Promise<string>;
}
