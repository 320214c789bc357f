// Sandboxed preload: exposes only named invoke channels, never ipcRenderer
// itself, so a compromised page cannot reach arbitrary main-process handlers.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type ClinicDesktop, type SaveResult } from './channels';

const bridge: ClinicDesktop = {
  printToPdf: (suggestedName?: string): Promise<SaveResult> => ipcRenderer.invoke(CHANNELS.printToPdf, suggestedName),
  saveFile: (name: string, bytes: Uint8Array): Promise<SaveResult> => ipcRenderer.invoke(CHANNELS.saveFile, name, bytes),
  notify: (title: string, body: string): Promise<void> => ipcRenderer.invoke(CHANNELS.notify, title, body),
  chooseHost: (): Promise<void> => ipcRenderer.invoke(CHANNELS.chooseHost),
  appVersion: (): Promise<string> => ipcRenderer.invoke(CHANNELS.appVersion),
};

contextBridge.exposeInMainWorld('clinicDesktop', bridge);
