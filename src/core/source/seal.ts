/**
 * Sealing and opening appraisal inputs with age (age-encryption.org/v1, X25519 recipients),
 * ASCII-armoured so a sealed file is text in git. The age library is loaded only when a sealed
 * file is actually written or opened, never by a plain `mpflow check`.
 *
 * Identities (private keys) come from the environment, never from the repository:
 * `MPFLOW_AGE_IDENTITY` holds one or more `AGE-SECRET-KEY-1…` lines (a CI secret), and
 * `MPFLOW_AGE_IDENTITY_FILE` names a file of them (age-keygen's output; `#` lines are comments).
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { text, type LocalizedText } from '../i18n/language.ts';
import { LocalizedError } from '../diagnostics/localized-error.ts';

const IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;
export const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

/** MPFLOW_AGE_IDENTITY(_FILE) holds something that is not an age identity: the user's to fix (exit 2). */
export class IdentityError extends LocalizedError {}

/** The identities in a text of age-keygen's form; a line that is neither a comment nor a key is an error. */
export function parseIdentities(source: string, where: string): string[] {
  const identities: string[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!IDENTITY.test(line)) {
      throw new IdentityError(
        text(
          `${where}:${index + 1}:1 不是 age 私钥（应以 AGE-SECRET-KEY-1 开头，共 74 个字符）。`,
          `${where}:${index + 1}:1 is not an age identity (it starts AGE-SECRET-KEY-1 and is 74 characters long).`,
        ),
      );
    }
    identities.push(line);
  });
  return identities;
}

/** Identities given by MPFLOW_AGE_IDENTITY and MPFLOW_AGE_IDENTITY_FILE; none when neither is set. */
export function identitiesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string[] {
  const identities: string[] = [];
  const inline = environment.MPFLOW_AGE_IDENTITY;
  if (inline && inline.trim() !== '') identities.push(...parseIdentities(inline, 'MPFLOW_AGE_IDENTITY'));
  const file = environment.MPFLOW_AGE_IDENTITY_FILE;
  if (file && file.trim() !== '') {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      throw new IdentityError(
        text(
          `MPFLOW_AGE_IDENTITY_FILE 指向的文件 ${file} 读不出来。`,
          `MPFLOW_AGE_IDENTITY_FILE names ${file}, which cannot be read.`,
        ),
      );
    }
    identities.push(...parseIdentities(source, file));
  }
  return identities;
}

/** Encrypts text to the recipients (age1… keys); armoured, ending in a newline. */
export async function sealText(plain: string, recipients: readonly string[]): Promise<string> {
  if (recipients.length === 0) throw new Error('sealText needs at least one recipient');
  const age = await import('age-encryption');
  const encrypter = new age.Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  const armored = age.armor.encode(await encrypter.encrypt(plain));
  return armored.endsWith('\n') ? armored : `${armored}\n`;
}

export type OpenResult =
  | { state: 'opened'; text: string }
  | { state: 'locked' }
  | { state: 'damaged'; message: LocalizedText };

/** Decrypts an armoured age file with any of the identities; 'locked' when none is a recipient. */
export async function openSealed(armored: string, identities: readonly string[]): Promise<OpenResult> {
  if (!armored.trimStart().startsWith(ARMOR_BEGIN)) {
    return {
      state: 'damaged',
      message: text(
        `这不是 age 加密文件（第一行应为 ${ARMOR_BEGIN}）。`,
        `This is not an age-encrypted file (its first line should be ${ARMOR_BEGIN}).`,
      ),
    };
  }
  if (identities.length === 0) return { state: 'locked' };
  const age = await import('age-encryption');
  let bytes: Uint8Array;
  try {
    bytes = age.armor.decode(armored);
  } catch {
    return {
      state: 'damaged',
      message: text(
        'age 加密文件的 ASCII 封装损坏，无法解码。',
        "The age file's ASCII armour is damaged and cannot be decoded.",
      ),
    };
  }
  const decrypter = new age.Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  try {
    return { state: 'opened', text: await decrypter.decrypt(bytes, 'text') };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no identity matched/i.test(message)) return { state: 'locked' };
    return {
      state: 'damaged',
      message: text(
        'age 加密文件已损坏或被改动，无法解密。',
        'The age file is damaged or was altered; it cannot be decrypted.',
      ),
    };
  }
}

/** The public key of an identity, for tests and for `age-keygen -y`-style checks. */
export async function recipientOf(identity: string): Promise<string> {
  const age = await import('age-encryption');
  return age.identityToRecipient(identity);
}

export async function generateIdentity(): Promise<{ identity: string; recipient: string }> {
  const age = await import('age-encryption');
  const identity = await age.generateX25519Identity();
  return { identity, recipient: await age.identityToRecipient(identity) };
}

/** Digest of a sealed file as committed (its armoured text): what a finalisation locks, checkable without any key. */
export function sealedDigest(armored: string): string {
  return `sha256:${createHash('sha256').update(armored.replace(/\r\n/g, '\n')).digest('hex')}`;
}
