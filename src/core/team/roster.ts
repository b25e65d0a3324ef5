import type { TeamFile, TeamMember } from '../model/types.generated.ts';

export type Role = TeamMember['roles'][number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  operator: { zh: '运营专员', en: 'operator' },
  designer: { zh: '设计师', en: 'designer' },
  copywriter: { zh: '文案策划', en: 'copywriter' },
  support: { zh: '客服', en: 'support' },
  head: { zh: '主管', en: 'head' },
  hr: { zh: '人力资源', en: 'HR' },
};

export function indexMembers(team: TeamFile | undefined): Map<string, TeamMember> {
  const members = new Map<string, TeamMember>();
  for (const member of Array.isArray(team?.members) ? team.members : []) {
    if (member && typeof member.id === 'string' && !members.has(member.id)) members.set(member.id, member);
  }
  return members;
}

export function holdsRole(member: TeamMember | undefined, role: Role): boolean {
  return Array.isArray(member?.roles) && member.roles.includes(role);
}
