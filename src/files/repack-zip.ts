import { zip, type ZipEntry } from './zip.ts';

/**
 * The same archive with fixed timestamps: every entry in its order, with its bytes, rewritten by `zip` (January 2000,
 * deflated). A workbook written by exceljs stamps each entry with the time of writing; repacked, the same workbook
 * is the same bytes on every run.
 */
export async function repackZip(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const archive = await JSZip.loadAsync(bytes);
  const entries: ZipEntry[] = [];
  for (const file of Object.values(archive.files)) {
    if (file.dir) continue;
    entries.push({ name: file.name, data: await file.async('uint8array') });
  }
  return zip(entries);
}
