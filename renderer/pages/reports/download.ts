// Saving a file in the browser: bytes from the host (base64) or text made
// here, through a Blob and a temporary <a download>.
import Papa from 'papaparse';

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveBase64(contentBase64: string, mime: string, fileName: string): void {
  const bin = atob(contentBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  saveBlob(new Blob([bytes], { type: mime }), fileName);
}

/** CSV in UTF-8 with a BOM, so Excel opens Cyrillic and Chinese right (the same as the host's exports). */
export function saveCsv(fields: string[], rows: Array<Array<string | number | null>>, fileName: string): void {
  const text = Papa.unparse({ fields, data: rows.map((r) => r.map((v) => v ?? '')) });
  saveBlob(new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv;charset=utf-8' }), fileName);
}
