/**
 * murmur_hash3_32 as the StarRocks BE computes it: MurmurHash3 x86_32 over each argument's bytes,
 * the first with seed 104729 (HashUtil::MURMUR3_32_SEED), each next argument seeded with the hash
 * so far; NULL when any argument is NULL; the 32-bit result read as a signed INT. The docs' examples
 * (`'hello'` → 1321743225, `'hello', 'world'` → 984713481) are the sandbox conformance test.
 */
export const MURMUR3_32_SEED = 104729;

function mul32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

function rotl32(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

export function murmur3x86_32(data: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h1 = seed >>> 0;
  const blocks = Math.floor(data.length / 4);
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    let k1 = (data[o] | (data[o + 1] << 8) | (data[o + 2] << 16) | (data[o + 3] << 24)) >>> 0;
    k1 = mul32(rotl32(mul32(k1, c1), 15), c2);
    h1 = (mul32(rotl32((h1 ^ k1) >>> 0, 13), 5) + 0xe6546b64) >>> 0;
  }
  const tail = blocks * 4;
  const rest = data.length & 3;
  if (rest > 0) {
    let k1 = 0;
    if (rest === 3) k1 ^= data[tail + 2] << 16;
    if (rest >= 2) k1 ^= data[tail + 1] << 8;
    k1 ^= data[tail];
    k1 = mul32(rotl32(mul32(k1 >>> 0, c1), 15), c2);
    h1 = (h1 ^ k1) >>> 0;
  }
  h1 = (h1 ^ data.length) >>> 0;
  h1 = (h1 ^ (h1 >>> 16)) >>> 0;
  h1 = mul32(h1, 0x85ebca6b);
  h1 = (h1 ^ (h1 >>> 13)) >>> 0;
  h1 = mul32(h1, 0xc2b2ae35);
  return (h1 ^ (h1 >>> 16)) >>> 0;
}

/** The SQL function: text arguments (numbers are cast to text, as the analyzer does), NULL in → NULL out. */
export function murmurHash3_32(args: readonly (string | null)[]): number | null {
  let seed = MURMUR3_32_SEED;
  for (const arg of args) {
    if (arg === null) return null;
    seed = murmur3x86_32(Buffer.from(arg, 'utf8'), seed);
  }
  return seed | 0;
}
