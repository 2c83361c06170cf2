// The one form of the atlas's strong ETags: SHA-256 of the body, base64url, cut to 27 characters.
// Cached answers and the groups thread (which hashes its body in slices as it writes it) both use it.
import { createHash, type Hash } from 'node:crypto';

export function strongEtag(data: string | Buffer): string {
  return etagOfHash(createHash('sha256').update(data));
}

/** The strong ETag of bytes hashed (SHA-256) as they were made, for bodies built in slices. */
export function etagOfHash(hash: Hash): string {
  return `"${hash.digest('base64url').slice(0, 27)}"`;
}
