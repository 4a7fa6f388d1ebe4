/** Downloads a file through fetch, reporting the bytes received, then hands it to the browser. */
import { toApiError } from '../api/errors';

export async function downloadWithProgress(
  url: string,
  fallbackName: string,
  onProgress: (received: number, total: number | null) => void,
): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok || !res.body) throw await toApiError(res);
  const total = Number(res.headers.get('content-length')) || null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
