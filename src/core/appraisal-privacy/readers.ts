/**
 * Who may read each appraisal input, by the handbook's 保密 rule:
 *
 * | file                         | readers                                              |
 * | ---------------------------- | ---------------------------------------------------- |
 * | `<member>/self.yaml`         | the member, the member's supervisor, HR              |
 * | `<member>/supervisor.yaml`   | the supervisor who wrote it, HR                      |
 * | `<member>/peer-<rater>.yaml` | the rater who wrote it, the member's supervisor, HR  |
 * | `<member>/interview.yaml`    | the supervisor who held it, HR                       |
 *
 * The rated member is never a reader of a peer's or the supervisor's rating, nor of the
 * interview note (it speaks of third parties). Each of these files is committed as
 * `<name>.yaml.age`, encrypted with age to exactly these readers' `ageRecipient` keys from
 * content/team.yaml; nobody else's key, and no clone of the repository, can open it.
 */
import type { TeamFile, TeamMember } from '../model/types.generated.ts';

export type SealedInput = 'self' | 'supervisor' | 'peer' | 'interview';

const INPUT_PATH = /^appraisals\/([^/]+)\/([^/]+)\/(self|supervisor|peer-([^/]+)|interview)\.ya?ml(\.age)?$/;

export interface InputPlace {
  period: string;
  member: string;
  input: SealedInput;
  /** For a peer rating, the rater named in the file name. */
  peer?: string;
  sealed: boolean;
}

/** The place of an appraisal input (rating or interview) from its path; undefined for any other file. */
export function inputPlace(relativePath: string): InputPlace | undefined {
  const match = INPUT_PATH.exec(relativePath);
  if (!match) return undefined;
  const name = match[3]!;
  const input: SealedInput = name.startsWith('peer-') ? 'peer' : (name as SealedInput);
  return {
    period: match[1]!,
    member: match[2]!,
    input,
    ...(match[4] ? { peer: match[4] } : {}),
    sealed: match[5] !== undefined,
  };
}

/** Member ids allowed to read the input at this place, sorted; HR always. */
export function readersOf(place: InputPlace, team: TeamFile | undefined): string[] {
  const members = team?.members ?? [];
  const readers = new Set(members.filter((member) => member.roles.includes('hr')).map((member) => member.id));
  const supervisor = members.find((member) => member.id === place.member)?.supervisor;
  if (supervisor) readers.add(supervisor);
  if (place.input === 'self') readers.add(place.member);
  if (place.input === 'peer' && place.peer) readers.add(place.peer);
  return [...readers].sort();
}

export interface RecipientList {
  recipients: string[];
  /** Readers the roster gives no ageRecipient: the file cannot be sealed to them. */
  missing: string[];
}

export function recipientsOf(place: InputPlace, team: TeamFile | undefined): RecipientList {
  const byId = new Map<string, TeamMember>((team?.members ?? []).map((member) => [member.id, member]));
  const recipients: string[] = [];
  const missing: string[] = [];
  for (const reader of readersOf(place, team)) {
    const key = byId.get(reader)?.ageRecipient;
    if (key) recipients.push(key);
    else missing.push(reader);
  }
  return { recipients, missing };
}

/** A roster that gives anyone an age key declares that appraisal inputs are sealed. */
export function rosterSeals(team: TeamFile | undefined): boolean {
  return (team?.members ?? []).some((member) => typeof member.ageRecipient === 'string');
}

/**
 * Readers of a calibration's reason (calibrations.yaml keeps points, recorder and time in the
 * clear for scoring; the reason is sealed in place): HR, the member's supervisor and the
 * members whose role may record calibrations (the policy's appraisal.calibration.roles).
 */
export function calibrationReaders(
  member: string,
  team: TeamFile | undefined,
  calibrationRoles: readonly string[],
): string[] {
  const members = team?.members ?? [];
  const readers = new Set(
    members
      .filter((candidate) => candidate.roles.some((role) => role === 'hr' || calibrationRoles.includes(role)))
      .map((candidate) => candidate.id),
  );
  const supervisor = members.find((candidate) => candidate.id === member)?.supervisor;
  if (supervisor) readers.add(supervisor);
  return [...readers].sort();
}
