// SQLite's locking is unreliable on SMB/NFS and WAL does not work there at
// all, so the host refuses a database that lives on a network share.
import fs from 'node:fs';
import path from 'node:path';

// statfs(2) magic numbers of network file systems (Linux).
const NETWORK_FS_MAGIC: Record<number, string> = {
  0x6969: 'NFS',
  0x517b: 'SMB',
  0xff534d42: 'CIFS',
  0xfe534d42: 'SMB2',
  0x564c: 'NCP',
  0x73757245: 'Coda',
  0x5346414f: 'AFS',
  0x01021997: '9p',
};

/** Returns the name of the network file system that holds `file`, or null when it is local. */
export function networkShareOf(file: string, statfs: (p: string) => { type: number } = fs.statfsSync): string | null {
  const abs = path.resolve(file);
  if (/^\\\\/.test(file) || /^\/\/[^/]/.test(file)) return 'UNC';
  // The database file may not exist yet: look at the nearest existing folder.
  let probe = abs;
  while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  try {
    const type = statfs(probe).type >>> 0;
    return NETWORK_FS_MAGIC[type] ?? null;
  } catch {
    return null;
  }
}
