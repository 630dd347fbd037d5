/**
 * Policy files arrive in whatever encoding the tool that wrote them chose: `reg export` writes UTF-16LE
 * with a byte-order mark, an IT person's editor UTF-8 with or without one, and a plist may be either.
 * This decodes by the mark, and without one tells UTF-16LE from UTF-8 by the zero bytes ASCII text has
 * in UTF-16LE, so every reader gets a plain string.
 */

export function decodeText(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return bytes.replace(/^\uFEFF/, '');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return swapBytes(buffer.subarray(2)).toString('utf16le');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return buffer.subarray(3).toString('utf8');
  if (looksLikeUtf16le(buffer)) return buffer.toString('utf16le');
  return buffer.toString('utf8');
}

/** UTF-16BE → UTF-16LE (Node decodes only the latter); a trailing odd byte is dropped. */
function swapBytes(buffer: Buffer): Buffer {
  const swapped = Buffer.alloc(buffer.length - (buffer.length % 2));
  for (let i = 0; i + 1 < buffer.length; i += 2) {
    swapped[i] = buffer[i + 1] ?? 0;
    swapped[i + 1] = buffer[i] ?? 0;
  }
  return swapped;
}

/** Mostly-ASCII text in UTF-16LE has a zero in (nearly) every odd byte; UTF-8 text has none. */
function looksLikeUtf16le(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 512);
  if (sample.length < 2) return false;
  let zeros = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) zeros++;
  return zeros >= Math.floor(sample.length / 2) * 0.9;
}
