import type { LocalizedText } from '../i18n/language.ts';
/** An error fails `mpflow check`; a warning is reported and lets it pass. */
export type Severity = 'error' | 'warning';

export interface RuleDescription {
  severity: Severity;
  summary: LocalizedText;
  /** What to do about it; shown in SARIF help and `mpflow check --list-rules`. */
  help: LocalizedText;
}

function rule(severity: Severity, summaryZh: string, summaryEn: string, helpZh: string, helpEn: string): RuleDescription {
  return { severity, summary: { zh: summaryZh, en: summaryEn }, help: { zh: helpZh, en: helpEn } };
}

/**
 * Every rule `mpflow check` can report. Ids are stable: CI annotations, SARIF baselines and
 * suppressions refer to them.
 */
export const RULES = {
  'file/too-large': rule('error', '文件过大', 'File too large', '内容文件应当很小；大文件请放到对象存储，仓库里只留链接。', 'Content files are small; keep large files out of the repository and link to them.'),
  'file/binary': rule('error', '二进制文件', 'Binary file', '该位置应是文本文件，请检查是否把图片或文档误存成了此文件名。', 'A text file is expected here; check that an image or document was not saved under this name.'),
  'file/encoding': rule('error', '不是 UTF-8 编码', 'Not UTF-8', '用编辑器把文件另存为 UTF-8 编码。', 'Save the file as UTF-8 in your editor.'),
  'file/empty': rule('error', '空文件', 'Empty file', '填写内容，或删除这个文件。', 'Fill the file in or delete it.'),
  'file/symlink-loop': rule('error', '符号链接循环', 'Symbolic link loop', '删除指回自身或上级目录的符号链接。', 'Remove the symbolic link that points back to itself or a parent folder.'),
  'file/outside-link': rule('error', '符号链接指向内容文件夹以外', 'Link out of the content folders', '把文件复制到 content/ 或 appraisals/ 里，不要链接别处。', 'Copy the file into content/ or appraisals/ instead of linking elsewhere.'),
  'file/broken-link': rule('error', '符号链接失效', 'Broken symbolic link', '删除失效的链接，或让它指向存在的文件。', 'Remove the link or point it at an existing file.'),
  'file/unreadable': rule('error', '无法读取文件', 'Unreadable file', '检查文件权限。', 'Check the file permissions.'),
  'path/unknown-file': rule('warning', '不认识的文件', 'Unknown file', '把文件放到约定的位置（见手册“在仓库里工作”），或删除它。', 'Move the file to its documented place (see the handbook) or delete it.'),
  'path/layout': rule('error', '路径不符合约定', 'Path does not follow the layout', '文章放在 content/articles/<年>/<月-日-英文短名>/index.md。', 'Articles live in content/articles/<yyyy>/<mm-dd-slug>/index.md.'),
  'yaml/syntax': rule('error', 'YAML 语法错误', 'YAML syntax error', '检查缩进、冒号后的空格和引号是否成对。', 'Check indentation, the space after colons and matching quotes.'),
  'yaml/duplicate-key': rule('error', '字段重复', 'Duplicate key', '同一层级的字段只能出现一次，删除多余的一个。', 'A key may appear once per mapping; remove the extra one.'),
  'frontmatter/missing': rule('error', '缺少头信息', 'Missing front matter', '文件第一行写 ---，接着写头信息，再用一行 --- 结束。', 'Start the file with a --- line, the front matter, and a closing --- line.'),
  'frontmatter/unclosed': rule('error', '头信息没有结束', 'Unclosed front matter', '在头信息后加一行 ---。', 'Add a --- line after the front matter.'),
  'csv/syntax': rule('error', 'CSV 格式错误', 'CSV syntax error', '检查引号是否成对、每行列数是否与表头一致。', 'Check quotes and that every row has as many cells as the header.'),
  'csv/header': rule('error', 'CSV 表头不对', 'Wrong CSV header', '表头必须与数据模型的列名和顺序一致。', 'The header must list the model\'s columns in order.'),
  'csv/wrong-month': rule('error', '数据不属于该月份文件', 'Row in the wrong month file', '每个月的数据放在以该月命名的文件里。', 'Each month\'s rows go in the file named after that month.'),
  'csv/duplicate-row': rule('error', '重复的数据行', 'Duplicate row', '同一天同一对象只能有一行；平台修订的数字应记作修订。', 'One row per day and key; a platform revision is recorded as a revision.'),
  'schema/required': rule('error', '缺少必填字段', 'Missing required field', '补上该字段。', 'Add the field.'),
  'schema/unknown-field': rule('error', '未知字段', 'Unknown field', '检查拼写；数据模型里没有这个字段。', 'Check the spelling; the model has no such field.'),
  'schema/type': rule('error', '类型不对', 'Wrong type', '按数据模型要求的类型填写。', 'Use the type the model asks for.'),
  'schema/enum': rule('error', '取值不在允许范围', 'Value not allowed', '从允许的取值中选一个。', 'Pick one of the allowed values.'),
  'schema/pattern': rule('error', '写法不符合约定', 'Not in the agreed form', '按字段说明里的写法填写，如编号 T-2026-001、成员编号 lin-xiao。', 'Write it the documented way, e.g. topic T-2026-001, member lin-xiao.'),
  'schema/format': rule('error', '不是有效的网址或格式', 'Not a valid URL or format', '网址以 http:// 或 https:// 开头。', 'URLs start with http:// or https://.'),
  'schema/range': rule('error', '超出范围', 'Out of range', '数值、长度或条目数须在允许范围内。', 'Numbers, lengths and item counts must be within bounds.'),
  'schema/unique': rule('error', '列表中有重复项', 'Duplicate list item', '删除重复项。', 'Remove the duplicate.'),
  'schema/invalid': rule('error', '不符合数据模型', 'Does not match the model', '对照 schemas/ 中的说明修改。', 'Compare with the description in schemas/.'),
  'date/invalid': rule('error', '日期不存在或格式不对', 'Not a real date', '写真实存在的日期，格式 YYYY-MM-DD。', 'Use a real calendar date, YYYY-MM-DD.'),
  'date/missing-offset': rule('error', '时间缺少时区', 'Date-time without offset', '在时间后加上时区偏移，如 +08:00。', 'Add an offset such as +08:00.'),
  'date/order': rule('error', '时间先后不对', 'Dates out of order', '结束时间不能早于开始时间。', 'An end cannot come before its start.'),
  'date/mismatch': rule('warning', '日期与文件夹不一致', 'Date differs from folder', '改期时同时修改文件夹名，便于按日期查找。', 'Rename the folder when rescheduling so the archive stays in date order.'),
  'id/duplicate': rule('error', '编号重复', 'Duplicate id', '每个编号只能用一次。', 'Each id may be used once.'),
  'id/mismatch': rule('error', '编号与文件名不一致', 'Id differs from file name', '让文件名与编号一致。', 'Make the file name match the id.'),
  'ref/unknown-member': rule('error', '成员不存在', 'Unknown member', '使用 content/team.yaml 中的成员编号。', 'Use a member id from content/team.yaml.'),
  'ref/missing-role': rule('error', '成员没有所需角色', 'Member lacks the role', '换一位有该角色的成员，或先在名册中为其添加角色（需主管审批）。', 'Pick a member who holds the role, or add the role in the roster (needs the head\'s approval).'),
  'ref/unknown-topic': rule('error', '选题不存在', 'Unknown topic', '使用 content/topics/ 中的选题编号，或先把选题加入选题库。', 'Use a topic id from content/topics/, or add the topic first.'),
  'ref/unknown-campaign': rule('error', '活动不存在', 'Unknown campaign', '使用 content/campaigns/ 中的活动编号。', 'Use a campaign id from content/campaigns/.'),
  'ref/unknown-article': rule('error', '文章不存在', 'Unknown article', '使用文章编号：年份加文件夹名，如 2026-09-02-yancha-yanyun。', 'Use an article id: the year plus the folder name.'),
  'ref/unknown-course': rule('error', '课程不在培训计划中', 'Unknown course', '使用当年培训计划中的课程编号。', 'Use a course id from the year\'s plan.'),
  'ref/unknown-indicator': rule('error', '考核指标不存在', 'Unknown indicator', '只对制度中定性指标的编号打分。', 'Rate only the policy\'s qualitative indicator ids.'),
  'ref/unknown-stage': rule('error', '评审环节不存在', 'Unknown review stage', '使用 review.stages 中定义的环节。', 'Use a stage defined in review.stages.'),
  'render/raw-html': rule('warning', 'HTML 会在排版时被删掉', 'HTML removed when rendering', '改用 Markdown 写法，或微信保留的 HTML（sup、sub、br、center、align、带样式的 span/section、img 的 width、details）。', 'Write it in Markdown, or in HTML that WeChat keeps (sup, sub, br, center, align, span/section with styles, img width, details).'),
  'render/diagram-not-drawn': rule('warning', '图没有画出来', 'Diagram not drawn', '改写成 Mermaid（```mermaid），或把画好的图片放进文章文件夹。', 'Write it in Mermaid (```mermaid) or put an image of it in the article folder.'),
  'render/department-css': rule('warning', '部门样式表中有微信不保留的规则', 'Department CSS rule WeChat does not keep', '只用标签和类名选择器、微信保留的属性；伪类、@ 规则、position、url()、!important 都不会写进文章。', 'Use tag and class selectors and properties WeChat keeps; pseudo-classes, at-rules, position, url() and !important never reach the article.'),
  'department/render-settings': rule('error', '排版设置无法使用', 'Render settings cannot be used', '改正 content/department.yaml 的 render：css 指向仓库里存在的文件，code.style 用 highlight.js 自带的样式名（如 github、vs2015）。', 'Correct render in content/department.yaml: css must name a file in the repository, code.style a style highlight.js ships (e.g. github, vs2015).'),
  'ref/missing-file': rule('error', '引用的文件不存在', 'Referenced file missing', '把文件放进文章目录，或修改文件名。', 'Add the file to the article folder or fix the name.'),
  'ref/no-policy': rule('error', '没有适用的制度版本', 'No policy in force', '确认 content/policy/ 中有生效日期不晚于该日期的版本。', 'Make sure a policy version is in force on that date.'),
  'department/missing': rule('warning', '没有部门设置', 'No department settings', '创建 content/department.yaml（mpflow init 会写好一份），写明部门和公众号名称。', 'Create content/department.yaml (mpflow init writes one) with the department\'s and account\'s names.'),
  'department/support-categories': rule('error', '客服类别缺少“其他”', 'Support categories lack 其他', '在 support.categories 中保留“其他”。', 'Keep 其他 in support.categories.'),
  'department/missing-file': rule('warning', '部门设置里的图片不存在', 'Settings name a missing image', '把图片放进 public/，或改正 logo、favicon 的路径。', 'Put the image in public/ or correct the logo or favicon path.'),
  'department/newer-version': rule('error', '部门设置的版本比 mpflow 新', 'Settings newer than mpflow', '升级 mpflow 到部门仓库要求的版本。', 'Upgrade mpflow to the version the repository needs.'),
  'support/unknown-category': rule('error', '客服类别不在部门设置中', 'Support category not in the settings', '使用 content/department.yaml 中 support.categories 列出的类别，或先在那里添加。', 'Use a category listed in support.categories of content/department.yaml, or add it there first.'),
  'policy/upcoming': rule('warning', '还没有生效的制度版本', 'No policy in force yet', '到第一个版本的生效日期前无法计分；如果日期写错了，改正 effective。', 'Nothing can be scored before the first version takes effect; correct effective if the date is wrong.'),
  'team/missing': rule('error', '缺少成员名册', 'Roster missing', '创建 content/team.yaml。', 'Create content/team.yaml.'),
  'team/supervisor-cycle': rule('error', '上级关系成环', 'Supervisor cycle', '上级关系必须最终汇到主管。', 'Supervisor chains must end at someone with no supervisor.'),
  'policy/missing': rule('error', '缺少制度文件', 'Policy missing', '在 content/policy/ 下创建 <生效日期>.yaml。', 'Create content/policy/<effective-date>.yaml.'),
  'policy/weights-sum': rule('error', '权重合计不对', 'Weights do not add up', '每一层子项权重之和必须等于父项，顶层合计 100。', 'Children must add up to their parent and the top level to 100.'),
  'policy/rater-weights-sum': rule('error', '评价人权重合计不是 100', 'Rater weights do not add up to 100', '上级、同事、自评的权重之和须为 100。', 'Supervisor, peer and self weights must add up to 100.'),
  'policy/indicator': rule('error', '指标定义不完整', 'Incomplete indicator', '末级指标要写明 measure 和 source；有子项的指标不写。', 'Leaves declare measure and source; groups do not.'),
  'policy/grades': rule('error', '等级分数线不对', 'Grade thresholds invalid', '等级按分数线从高到低排列，最低一级从 0 分起。', 'List grades from the highest threshold down; the last starts at 0.'),
  'policy/timezone': rule('error', '时区无效', 'Unknown time zone', '使用 IANA 时区名，如 Asia/Shanghai。', 'Use an IANA time zone name such as Asia/Shanghai.'),
  'policy/theme': rule('error', '没有这个排版主题', 'Unknown rendering theme', 'publishing.theme 须是 mpflow render --help 列出的主题之一，如 tea-green。', 'publishing.theme must be one of the themes mpflow render --help lists, such as tea-green.'),
  'policy/scale': rule('error', '评分范围无效', 'Invalid rating scale', '最低分须小于最高分。', 'min must be below max.'),
  'appraisal/rater': rule('error', '评价人不符合规定', 'Rater not allowed', '自评由本人填写，上级评价由名册中的直属上级填写，互评由文件名中的同事填写且不能评自己。', 'Self by the member, supervisor by the roster\'s supervisor, peer by the named peer, never oneself.'),
  'appraisal/scale': rule('error', '分数超出评分范围', 'Rating outside the scale', '按制度中的评分范围打分。', 'Use the policy\'s rating scale.'),
  'appraisal/locked': rule('error', '已定稿的月份被改动', 'Finalised month changed', '定稿后不能再改评价和面谈记录；撤回改动，需要调整得分时在 calibrations.yaml 中追加校准。', 'Ratings and interviews of a finalised month are locked; revert the change and append a calibration to adjust a score.'),
  'appraisal/finalization': rule('error', '定稿记录不符合规定', 'Invalid finalisation', '由人力资源用 mpflow score --period <月份> --finalize --by <成员> 生成定稿记录。', 'HR writes the record with mpflow score --period <month> --finalize --by <member>.'),
  'appraisal/calibration': rule('error', '校准记录不符合规定', 'Invalid calibration', '校准只在定稿后、由制度允许的角色按时间追加。', 'Calibrations come after finalisation, from the roles the policy names, appended in time order.'),
  'appraisal/calibration-bound': rule('error', '校准超出上限', 'Calibration beyond the bound', '每人每月的校准累计不能超过制度 appraisal.calibration.maxPoints。', 'A member\'s calibrations in a month cannot exceed the policy\'s appraisal.calibration.maxPoints.'),
  'appraisal/unsealed': rule('error', '评价或面谈记录没有加密', 'Appraisal input not sealed', '名册给了 age 公钥，评价与面谈记录就要加密给制度允许的读者：运行 mpflow seal 把 .yaml 换成 .yaml.age，再提交。', 'The roster gives age keys, so ratings and interview notes are sealed to the readers the policy allows: run mpflow seal to replace the .yaml with a .yaml.age, then commit.'),
  'appraisal/sealed': rule('error', '加密的评价记录无法读取', 'Sealed input unreadable', '重新用 mpflow seal 从原文加密；加密文件不能手改。', 'Seal it again from the plain text with mpflow seal; a sealed file is never edited by hand.'),
  'appraisal/recipients': rule('error', '能读这份记录的人没有公钥', 'Reader without a key', '在 content/team.yaml 中给制度允许读这份记录的每个人（人力资源、上级、评价人）填写 ageRecipient。', 'Give every reader the policy allows (HR, the supervisor, the rater) an ageRecipient in content/team.yaml.'),
  'appraisal/identity': rule('error', 'age 私钥设置有误', 'Bad age identity', 'MPFLOW_AGE_IDENTITY 写 AGE-SECRET-KEY-1… 私钥，MPFLOW_AGE_IDENTITY_FILE 写私钥文件的路径。', 'MPFLOW_AGE_IDENTITY holds AGE-SECRET-KEY-1… lines; MPFLOW_AGE_IDENTITY_FILE names a file of them.'),
  'appraisal/incomplete': rule('warning', '缺少指标评分', 'Indicator not rated', '为制度中每一项定性指标打分；缺项会按制度的缺失规则处理。', 'Rate every qualitative indicator; a missing one is handled by the policy\'s missing-data rule.'),
  'appraisal/before-period': rule('error', '评价早于考核月份', 'Rating before its month', '评价在考核月份开始之后、通常在月末或次月初提交；检查 period 和 submittedAt。', 'A rating is submitted after its month has begun, usually at its end or early the next month; check period and submittedAt.'),
  'appraisal/after-finalization': rule('error', '评价或面谈晚于定稿', 'Rating or interview after finalisation', '定稿时记录必须都已完成：submittedAt 或面谈日期不能晚于 finalizedAt。改正时间，或在下个月份记录。', 'Everything finalised must have happened by then: submittedAt or the interview date cannot be later than finalizedAt.'),
  'appraisal/early-finalization': rule('error', '月份还没结束就定稿', 'Finalised before the month ended', '等该月结束后再定稿（mpflow score --finalize）；确有必要提前定稿时用 --force --reason 说明原因，原因会记录在定稿记录中。', 'Finalise after the month has ended; if it truly must be earlier, use --force --reason, and the reason is recorded.'),
  'date/future': rule('error', '时间在未来', 'Date in the future', '记录的提交、面谈或定稿时间不能晚于现在；改成实际发生的时间。', 'A submission, interview or finalisation cannot be dated later than now; use when it happened.'),
  'policy/immutable': rule('error', '已用于定稿月份的制度版本被改动', 'Policy version of finalised months changed', '已经给定稿月份计过分的制度版本，其计分部分（appraisal、timezone、support）不能再改：撤回改动，用 mpflow new policy --effective <日期> 新建一个版本写入改动。', 'The scoring parts (appraisal, timezone, support) of a policy version that scored finalised months cannot change: revert the edit and put it in a new version (mpflow new policy --effective DATE).'),
  'template/placeholder': rule('error', '还有占位文字', 'Placeholder left in', 'mpflow new 写下的【待填写：…】要换成真实内容后才能合并和发布。', 'Replace the 【待填写：…】 text that mpflow new wrote before merging or publishing.'),
  'draw/mismatch': rule('error', '抽签记录与复算结果不一致', 'Recorded draw does not re-run', '不要手改 draw.yaml 或已抽签的参与记录；确需重抽时说明原因，再用 mpflow draw --write 重新记录。', 'Do not edit draw.yaml or drawn entries by hand; if a redraw is justified, record it again with mpflow draw --write and say why.'),
  'draw/seed': rule('error', '抽签种子不符合规定', 'Draw seed not valid', '种子要在参与截止前公布并写进活动记录的 draw.seed；记录中的种子须与之相同。', 'Announce the seed before entries close and commit it as the campaign\'s draw.seed; the recorded seed must be the same.'),
  'draw/entries': rule('error', '参与记录有问题', 'Problem with the entries', '参与记录放在 content/campaigns/<活动编号>/entries.csv，同一活动只放一份。', 'Entries go in content/campaigns/<campaign-id>/entries.csv, one file per campaign.'),
  'draw/beacon': rule('error', '抽签信标不符合规定', 'Draw beacon not valid', '在参与截止前把 drand 的一个未来轮次写进活动记录 draw.beacon；抽签记录里的签名必须通过该链公钥的验证。', 'Name a future drand round in the campaign\'s draw.beacon before entries close; the recorded signature must verify with that chain\'s public key.'),
  'draw/close': rule('error', '参与截止时没有提交参与记录摘要', 'Entries not closed', '活动结束后、信标轮次之前运行 mpflow draw <活动编号> --close 并提交；之后参与记录不能再改。', 'After the period and before the beacon round, run mpflow draw <campaign-id> --close and commit; the entries cannot change afterwards.'),
  'draw/order': rule('error', '提交顺序不能证明抽签无法被操纵', 'Commit order does not hold', '信标轮次要在参与截止前提交，参与记录摘要要在信标轮次之前提交；git 历史要能看出这个顺序。', 'The beacon round is committed before entries close and the entries\' digest before the round\'s time; git history must show that order.'),
  'draw/unrecorded': rule('warning', '中奖名单没有抽签记录', 'Winners without a recorded draw', '活动结束后用 mpflow draw <活动编号> --write 抽签并提交 draw.yaml。', 'After the campaign, draw with mpflow draw <campaign-id> --write and commit draw.yaml.'),
  'draw/results': rule('error', '活动结果与抽签记录不一致', 'Results differ from the recorded draw', '让活动记录 results.winners 和 results.drawSeed 与 draw.yaml 一致（mpflow draw --write 会一并更新）。', 'Make results.winners and results.drawSeed match draw.yaml (mpflow draw --write updates both).'),
  'privacy/phone-number': rule('error', '疑似手机号', 'Looks like a phone number', '参与记录只存不透明编号和遮挡后的昵称，删除手机号。', 'Entries keep only an opaque id and a masked nickname; remove the phone number.'),
  'privacy/unmasked-nickname': rule('error', '昵称没有遮挡', 'Nickname not masked', '用 * 遮挡昵称中间的字，最多露出 4 个字，如 山***风。', 'Mask the middle of the nickname with *, showing at most 4 characters, e.g. 山***风.'),
  'internal/error': rule('error', '内部错误', 'Internal error', '这是 mpflow 的缺陷，请附上该文件报告问题。', 'This is a bug in mpflow; please report it with the file.'),
} as const satisfies Record<string, RuleDescription>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
