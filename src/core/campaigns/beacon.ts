/**
 * drand beacons as the draw's randomness (issue 20). A campaign names a future round of a known
 * drand chain before entries close; at the close the entries' digest is committed; after the
 * round's time, its randomness — SHA-256 of the chain's threshold BLS signature on the round
 * number — is the draw's seed. Nobody, the department included, knows it before the round, and
 * anyone can check it offline against the chain's public key:
 *
 *   quicknet (scheme bls-unchained-g1-rfc9380): message = SHA-256(round as 8-byte big-endian),
 *   signature on G1, public key on G2, hash to curve with the RFC 9380 suite
 *   BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_; randomness = SHA-256(signature).
 *
 * The chain's parameters are built in (a campaign names the chain by its hash), so a recorded
 * draw cannot bring its own key. Source: drand's published chain info for quicknet
 * (https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/info).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';

export interface DrandChain {
  name: string;
  hash: string;
  publicKey: string;
  genesisTime: number;
  period: number;
  scheme: 'bls-unchained-g1-rfc9380';
}

export const QUICKNET: DrandChain = {
  name: 'quicknet',
  hash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  genesisTime: 1692803367,
  period: 3,
  scheme: 'bls-unchained-g1-rfc9380',
};

const CHAINS = new Map<string, DrandChain>([[QUICKNET.hash, QUICKNET]]);

export function knownChain(hash: string): DrandChain | undefined {
  return CHAINS.get(hash);
}

/** When a round's randomness comes into being (milliseconds since the epoch). */
export function roundTime(chain: DrandChain, round: number): number {
  return (chain.genesisTime + (round - 1) * chain.period) * 1000;
}

/** The first round whose time is strictly after the instant: the earliest a campaign closing then may name. */
export function firstRoundAfter(chain: DrandChain, instant: number): number {
  const seconds = Math.floor(instant / 1000);
  return Math.max(1, Math.floor((seconds - chain.genesisTime) / chain.period) + 2);
}

export interface BeaconRound {
  chain: string;
  round: number;
  signature: string;
  randomness: string;
}

const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

type ShortSignatures = {
  hash(message: Uint8Array, dst: string): unknown;
  verify(signature: Uint8Array, message: unknown, publicKey: Uint8Array): boolean;
};
let shortSignatures: ShortSignatures | undefined;

/** The BLS library, loaded on first use only (a check with no beacon draw never loads it). */
function bls(): ShortSignatures {
  // Synchronous on purpose: mpflow check's rules are synchronous, and Node ≥ 22.12 requires ES modules.
  shortSignatures ??= (
    createRequire(import.meta.url)('@noble/curves/bls12-381.js') as { bls12_381: { shortSignatures: ShortSignatures } }
  ).bls12_381.shortSignatures;
  return shortSignatures;
}

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

/** Why a beacon round is not genuine, or undefined when its signature and randomness hold. */
export function beaconProblem(beacon: BeaconRound): LocalizedText | undefined {
  const chain = knownChain(beacon.chain);
  if (!chain)
    return text(
      `mpflow 不认识 drand 链 ${beacon.chain}；可用的链：quicknet（${QUICKNET.hash}）。`,
      `mpflow does not know the drand chain ${beacon.chain}; known chains: quicknet (${QUICKNET.hash}).`,
    );
  if (!/^[0-9a-f]{96}$/.test(beacon.signature))
    return text(
      '签名应是 96 位十六进制（G1 上 48 字节）。',
      'The signature should be 96 hexadecimal digits (48 bytes on G1).',
    );
  const randomness = createHash('sha256').update(bytes(beacon.signature)).digest('hex');
  if (randomness !== beacon.randomness)
    return text(
      `随机数 ${beacon.randomness.slice(0, 12)}… 不是签名的 SHA-256（应为 ${randomness.slice(0, 12)}…）。`,
      `The randomness ${beacon.randomness.slice(0, 12)}… is not the SHA-256 of the signature (that is ${randomness.slice(0, 12)}…).`,
    );
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(beacon.round));
  let valid = false;
  try {
    const { hash, verify } = bls();
    valid = verify(
      bytes(beacon.signature),
      hash(createHash('sha256').update(message).digest(), DST),
      bytes(chain.publicKey),
    );
  } catch {
    valid = false;
  }
  if (!valid)
    return text(
      `这不是 drand ${chain.name} 第 ${beacon.round} 轮的签名：用链的公钥验证失败。`,
      `This is not drand ${chain.name}'s signature for round ${beacon.round}: it fails verification with the chain's public key.`,
    );
  return undefined;
}

/**
 * A round fetched from a drand HTTP relay (GET <relay>/<chain>/public/<round>, drand's public
 * API), checked before it is returned. The relay is only a messenger: a wrong answer fails
 * verification, so any relay will do.
 */
export async function fetchBeacon(
  relay: string,
  chain: string,
  round: number,
  fetcher: typeof fetch = fetch,
): Promise<BeaconRound> {
  const url = `${relay.replace(/\/+$/, '')}/${chain}/public/${round}`;
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new BeaconError(
      text(
        `无法连接 drand 中继 ${url}：${error instanceof Error ? error.message : String(error)}`,
        `Could not reach the drand relay at ${url}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  if (!response.ok) {
    const early = response.status === 425 || response.status === 404;
    throw new BeaconError(
      early
        ? text(
            `drand 第 ${round} 轮还没有产生（${url} 答复 ${response.status}）；请在这一轮的时间之后再抽签。`,
            `drand round ${round} does not exist yet (${url} answered ${response.status}); draw after the round's time.`,
          )
        : text(`drand 中继 ${url} 答复 ${response.status}。`, `The drand relay ${url} answered ${response.status}.`),
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new BeaconError(
      text(`drand 中继 ${url} 的答复不是 JSON。`, `The drand relay ${url} did not answer with JSON.`),
    );
  }
  const {
    round: answered,
    signature,
    randomness,
  } = (body ?? {}) as { round?: unknown; signature?: unknown; randomness?: unknown };
  if (answered !== round || typeof signature !== 'string' || typeof randomness !== 'string') {
    throw new BeaconError(
      text(
        `drand 中继 ${url} 的答复缺少第 ${round} 轮的 round、signature 或 randomness。`,
        `The drand relay ${url} answered without round ${round}'s round, signature or randomness.`,
      ),
    );
  }
  const beacon = { chain, round, signature: signature.toLowerCase(), randomness: randomness.toLowerCase() };
  const problem = beaconProblem(beacon);
  if (problem) throw new BeaconError(problem);
  return beacon;
}

/** The drand round cannot be had or does not verify: the draw stops, exit 1. */
export class BeaconError extends LocalizedError {
  constructor(message: LocalizedText) {
    super(message, { exitCode: 1 });
  }
}
