/**
 * Base64 decoding for the data the library ships inside its modules (the elementary functions'
 * tables, the WebAssembly kernels): a base64 string costs 4/3 characters a byte in a bundle, a
 * byte-array literal about 4. Plain JavaScript, so the same on every engine and in every bundle
 * (no `atob`, no `Buffer`). @internal
 *
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * @internal The bytes of a base64 string (RFC 4648 alphabet, `=` padding optional); O(length).
 * The input is the library's own constant data, so it is not validated.
 */
export function base64Bytes(b64: string): Uint8Array {
  const clean = b64.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = ((acc << 6) | ALPHABET.indexOf(clean.charAt(i))) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}
