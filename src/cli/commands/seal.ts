import path from 'node:path';
import { loadRepository } from '../../core/repository/load-repository.ts';
import type { CommandContext } from '../context.ts';
import { CommandFailure, EXIT } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, parseCommand } from '../command.ts';
import { ROOT_OPTION } from '../shared-options.ts';

export const SEAL_COMMAND = defineCommand({
  name: 'seal',
  usage: { zh: '[文件…] [选项]', en: '[FILE…] [options]' },
  description: {
    zh: `把 appraisals/ 里的明文评价和面谈记录（self、supervisor、peer-<编号>、interview.yaml）以及
calibrations.yaml 中的校准理由用 age
加密给制度允许读它的人（人力资源；被评者的上级；自评另加本人，互评另加评价人），写成
<名字>.yaml.age 并删除明文。公钥取自 content/team.yaml 的 ageRecipient。已定稿的月份，明文
必须与定稿时锁定的内容一致，定稿记录随之改为锁定加密文件的摘要。不给文件时加密全部明文记录。`,
    en: `Encrypts the plain ratings and interview notes in appraisals/ (self, supervisor, peer-<id>,
interview.yaml), and the reasons in calibrations.yaml, with age to exactly the readers the policy allows (HR; the member's supervisor;
for a self rating the member too, for a peer rating its rater), writes <name>.yaml.age and
removes the plain text. Keys come from ageRecipient in content/team.yaml. In a finalised month the
plain text must be what the finalisation locked; the lock then records the sealed file's digest.
Without files, every plain record is sealed.`,
  },
  positionals: true,
  options: { root: ROOT_OPTION },
  epilogue: {
    zh: '退出码：0 完成；1 有读者没有公钥、记录与定稿不符或有错误（什么都不改）；2 用法错误。',
    en: `Exit codes: 0 done; 1 a reader has no key, a record differs from its lock, or errors (nothing
changes); 2 usage error.`,
  },
});

export async function runSeal(argv: string[], context: CommandContext): Promise<number> {
  const parsed = parseCommand(SEAL_COMMAND, argv, context);
  if (!parsed) return EXIT.clean;
  const { values, positionals } = parsed;
  const root = resolveRoot(values.root, context);
  const zh = context.language === 'zh-CN';
  const only =
    positionals.length > 0
      ? positionals.map((file) => path.relative(root, path.resolve(context.cwd, file)).split(path.sep).join('/'))
      : undefined;
  const { repository } = await loadRepository(root, { identities: [] });
  const { sealInputs, SealRefused } = await import('../../core/appraisal-privacy/seal-files.ts');
  try {
    const plan = await sealInputs(repository, only);
    for (const { to, readers } of plan.sealed)
      context.stdout.write(zh ? `已加密 ${to}（${readers} 位读者）\n` : `sealed ${to} (${readers} readers)\n`);
    for (const file of plan.finalisations)
      context.stdout.write(zh ? `已更新定稿锁定 ${file}\n` : `re-locked ${file}\n`);
    for (const file of plan.calibrations)
      context.stdout.write(zh ? `已加密校准理由 ${file}\n` : `sealed the calibration reasons in ${file}\n`);
    if (plan.sealed.length === 0 && plan.calibrations.length === 0)
      context.stdout.write(zh ? '没有需要加密的明文记录。\n' : 'No plain record to seal.\n');
    return EXIT.clean;
  } catch (error) {
    // Refused before anything changed: the reason as it is, exit 1.
    if (error instanceof SealRefused)
      throw new CommandFailure(error.localized, EXIT.problems, { bare: true, cause: error });
    throw error;
  }
}
