// The JavaScript twin of fixtures/wasm/handler/main.c: SHA-256 of the
// request body, re-hashed ROUNDS times, as a small JSON document. Written in
// plain JavaScript on purpose (not node:crypto, which is OpenSSL in C): the
// node-js variant is "the same work done by the host language".
// Plain .mjs so server processes load it with no TypeScript loader.

/** The body the selftest hashes; main.c SAMPLE_BODY must stay identical. */
export const SAMPLE_BODY = '{"user":"wasmbench","id":4242,"items":[1,2,3,4,5,6,7,8],"note":"hash me"}';
export const MAX_ROUNDS = 1_000_000;
export const MAX_BODY_BYTES = 65535;

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const W = new Int32Array(64);
const KI = new Int32Array(K.buffer);

function compress(state, block, off) {
  for (let i = 0; i < 16; i++) {
    const j = off + 4 * i;
    W[i] = (block[j] << 24) | (block[j + 1] << 16) | (block[j + 2] << 8) | block[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15],
      b = W[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = state[0] | 0,
    b = state[1] | 0,
    c = state[2] | 0,
    d = state[3] | 0;
  let e = state[4] | 0,
    f = state[5] | 0,
    g = state[6] | 0,
    h = state[7] | 0;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + KI[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

/** SHA-256 of bytes (a Uint8Array) into digest (32 bytes). */
export function sha256(bytes, digest = new Uint8Array(32)) {
  const state = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const len = bytes.length;
  const full = len - (len % 64);
  for (let off = 0; off < full; off += 64) compress(state, bytes, off);
  const tail = new Uint8Array(128);
  tail.set(bytes.subarray(full));
  tail[len - full] = 0x80;
  const tailLen = len - full < 56 ? 64 : 128;
  const bits = len * 8;
  // Bit length big-endian in the last 8 bytes (bodies are far below 2^53 bits).
  for (let i = 0; i < 8; i++) tail[tailLen - 1 - i] = Math.floor(bits / 2 ** (8 * i)) & 0xff;
  for (let off = 0; off < tailLen; off += 64) compress(state, tail, off);
  for (let i = 0; i < 8; i++) {
    digest[4 * i] = state[i] >>> 24;
    digest[4 * i + 1] = state[i] >>> 16;
    digest[4 * i + 2] = state[i] >>> 8;
    digest[4 * i + 3] = state[i];
  }
  return digest;
}

/** The response body for a request body (Uint8Array) and a round count, as main.c's wb_handle writes it. */
export function handle(body, rounds) {
  const digest = sha256(body);
  for (let i = 1; i < rounds; i++) sha256(digest, digest);
  return `{"sha256":"${Buffer.from(digest).toString('hex')}","bytes":${body.length},"rounds":${rounds}}`;
}
