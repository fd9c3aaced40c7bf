/**
 * Password hashing with scrypt (node:crypto): memory-hard, a random salt per password, compared in
 * constant time. The stored form names its parameters, so they can be raised later without
 * invalidating the hashes already stored:
 *
 * ```
 * scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<64-byte key, base64url>
 * ```
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/** The cost parameters of new hashes: N = 2^15, r = 8, p = 1 (32 MiB and ~50-100 ms per hash). */
export const SCRYPT_PARAMS = { log2N: 15, r: 8, p: 1 } as const

const KEY_BYTES = 64
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N
  // scrypt needs 128 * N * r bytes; allow twice that so the default 32 MiB cap does not refuse it.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/** Hashes `password` with a fresh random salt; returns the stored form. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const { log2N, r, p } = SCRYPT_PARAMS
  const key = await derive(password, salt, log2N, r, p)
  return ['scrypt', log2N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/**
 * Whether `password` matches the stored hash, compared in constant time. A stored value that is not
 * a scrypt hash of this form throws (it is a corrupt row, not a wrong password).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$')
  const numbers = [log2N, r, p].map(Number)
  if (
    scheme !== 'scrypt' ||
    salt === undefined ||
    key === undefined ||
    !numbers.every((n) => Number.isInteger(n) && n > 0 && n <= 20)
  ) {
    throw new Error('The stored password hash is not of the form scrypt$log2N$r$p$salt$key')
  }
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    numbers[0] as number,
    numbers[1] as number,
    numbers[2] as number,
  )
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

let dummyHash: Promise<string> | null = null

/**
 * Spends the time a real verification takes, for a username that does not exist, so that response
 * times do not tell which usernames do.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('convene-no-such-user')
  await verifyPassword(password, await dummyHash)
  return false
}
