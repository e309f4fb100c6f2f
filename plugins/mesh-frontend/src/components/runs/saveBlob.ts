/** Hands a downloaded file to the user; the page's download calls it once the bytes are in. */
export type SaveBlob = (blob: Blob, fileName: string) => void;

/**
 * The browser's save: an object URL behind a temporary `download` link. A plain link to the API
 * could not carry the user's token, so the bytes arrive as a Blob first.
 */
export function saveBlobAsFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file by now; the object URL is not needed after this tick.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
