/** Resource limits on editor-supplied packages (security brief: schema size ≤ 256 KB, depth ≤ 32). */
export const LIMITS = {
  maxFiles: 500,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  maxJsonDepth: 32,
  /** Chains of shared sheets (SEM → DIS → …). */
  maxSharedDepth: 4,
};

export function byteLength(text: string): number {
  // UTF-8 length without Buffer, so the loader runs in the browser too.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
