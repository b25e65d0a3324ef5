/* Generated from schemas/*.schema.json by `mpflow schema-types --write`. Do not edit by hand. */

/* eslint-disable */

/**
 * content/team.yaml：微信部成员、角色与上级。评审权限以基础分支上的名册为准。 / The department's members, roles and supervisors; review rights come from the base branch's copy.
 */
export interface TeamFile {
  /**
   * 部门名称。 / Department name.
   */
  department?: string;
  /**
   * 公众号名称。 / Official Account name.
   */
  account?: string;
  /**
   * 成员列表。 / Members.
   *
   * @minItems 1
   */
  members: TeamMember[];
}
export interface TeamMember {
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  id: string;
  /**
   * 姓名（发布时用作作者名，最多 16 个字符）。 / Display name, also the WeChat author name (≤ 16 characters).
   */
  name: string;
  /**
   * GitHub 用户名，用于核对审核人和提交者。 / GitHub login, used to match reviewers and committers.
   */
  github: string;
  /**
   * 角色，可有多个。 / Roles; a member may hold several.
   *
   * @minItems 1
   *
   * Items: 角色：operator 运营专员、designer 设计师、copywriter 文案策划、support 客服、head 主管、hr 人力资源。 / Role.
   */
  roles: ('operator' | 'designer' | 'copywriter' | 'support' | 'head' | 'hr')[];
  /**
   * 职位名称。 / Job title.
   */
  title?: string;
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  supervisor?: string;
  /**
   * 入职日期。 / Date joined.
   */
  joined: string;
  /**
   * age 公钥（age1…），评价、互评与面谈记录按制度加密给能读的人；私钥由本人保管，绝不提交到仓库。 / The member's age public key (age1…); appraisal ratings and interview notes are encrypted to those the policy lets read them. The private key stays with its owner, never in the repository.
   */
  ageRecipient?: string;
  /**
   * 本人的客服账号（如 kf2001@gh_1234567890ab），导入客服消息记录时据此认出是谁回复的。 / The member's customer-service (kf) accounts, e.g. kf2001@gh_1234567890ab: imported message records name the agent by them.
   */
  kfAccounts?: string[];
  /**
   * 离职日期（在职者不填）。 / Date left, if any.
   */
  left?: string;
  /**
   * 长假记录（产假、病假等），考核时使用。 / Extended leave, used by appraisal.
   */
  leave?: LeavePeriod[];
}
export interface LeavePeriod {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  from: string;
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  to: string;
  /**
   * 原因。 / Reason.
   */
  reason?: string;
}

/**
 * content/department.yaml：部门与公众号的名称、标志、配色、站点地址、语言和客服类别。工具代码里不写任何部门的名称或品牌，全部从这里读取。 / The department's and account's names, logo, colours, site address, languages and support categories; the tool's code names no department and reads all of it from here.
 */
export interface DepartmentSettingsFile {
  /**
   * 部门仓库的数据格式版本，由 mpflow migrate 维护，请勿手改。 / Version of the department repository's data format; kept by mpflow migrate, not edited by hand.
   */
  schemaVersion: number;
  department: LocalizedText;
  account: LocalizedText1;
  /**
   * 部门标志在站点中的路径（放在 public/ 下，以 / 开头），如 /logo.svg；显示在手机预览的头像处。 / Path of the department's logo on the site (a file under public/, starting with /), e.g. /logo.svg; shown as the phone preview's avatar.
   */
  logo?: string;
  /**
   * 站点图标路径（放在 public/ 下，以 / 开头），不填时用 mpflow 的中性图标。 / Path of the site icon (a file under public/, starting with /); mpflow's neutral icon when left out.
   */
  favicon?: string;
  /**
   * 站点配色。 / Site colours.
   */
  theme?: {
    /**
     * 浅色模式下的主题色（链接、按钮、标题强调）。 / Accent colour in light mode (links, buttons, highlights).
     */
    accent: string;
    /**
     * 深色模式下的主题色；不填时由浅色主题色调亮得到。 / Accent colour in dark mode; lightened from the light one when left out.
     */
    accentDark?: string;
  };
  /**
   * 站点发布地址。 / Where the site is published.
   */
  site?: {
    /**
     * 站点的完整网址（不含 base），如 https://example.github.io。 / The site's full address without the base path, e.g. https://example.github.io.
     */
    url?: string;
    /**
     * 站点所在的子路径，以 / 开头和结尾，如 /handbook/；放在域名根目录时写 /。 / The path the site lives under, starting and ending with /, e.g. /handbook/; / at the domain's root.
     */
    base?: string;
  };
  /**
   * 部门仓库的网址，如 https://github.com/<组织>/<仓库>；手册页面的“编辑此页”链接由它生成。 / The department repository's address, e.g. https://github.com/<org>/<repo>; the handbook's "Edit page" links are made from it.
   */
  repository?: string;
  /**
   * 站点语言（BCP 47 语言标记，如 zh-CN、en、zh-TW），第一个是默认语言。mpflow 自带 zh-CN 和 en 的文字；其他语言需要部门仓库里的 i18n/<语言>/ 消息文件。 / Site languages (BCP 47 tags such as zh-CN, en, zh-TW); the first is the default. mpflow ships zh-CN and en; another language needs its message files in the department's i18n/<language>/.
   *
   * @minItems 1
   */
  locales?: string[];
  /**
   * 客服设置。 / Customer-service settings.
   */
  support?: {
    /**
     * 客服会话的类别（content/metrics/support/ 的 category 列只能取这些值）；须包含“其他”，导入的会话先记为“其他”。 / Categories of customer-service conversations (the category column of content/metrics/support/ takes only these); must include 其他, which imported conversations get first.
     *
     * @minItems 1
     */
    categories?: string[];
  };
  /**
   * 公众号文章的排版（mpflow render、publish 和手机预览都按它来）：在内置主题（制度的 publishing.theme 或 --theme）之上改颜色、字体、标题样式和代码块，也可以再加一份自己的 CSS。 / How articles are rendered for WeChat (by mpflow render, publish and the phone preview): colours, fonts, heading styles and code blocks changed on top of the built-in theme (the policy's publishing.theme or --theme), plus a CSS file of the department's own.
   */
  render?: {
    /**
     * 段落里的单个换行是否保留为换行（文章 front matter 的 breaks 和 --breaks/--no-breaks 优先），默认不保留。 / Whether a single line break in a paragraph stays a line break (an article's breaks and --breaks/--no-breaks come first); default no.
     */
    breaks?: boolean;
    /**
     * 主题颜色。 / Theme colours.
     */
    colours?: {
      /**
       * 正文。 / Body text.
       */
      text?: string;
      /**
       * 次要文字（图注、注释）。 / Secondary text (captions, notes).
       */
      muted?: string;
      /**
       * 强调色（链接、列表符号、标题装饰）。 / Accent (links, list markers, heading decoration).
       */
      accent?: string;
      /**
       * 标题和加粗。 / Headings and bold.
       */
      accentStrong?: string;
      /**
       * 引用、目录的浅底色。 / Light background of quotes and the table of contents.
       */
      accentSoft?: string;
      /**
       * 分隔线和表格边框。 / Rules and table borders.
       */
      border?: string;
      /**
       * 引用文字。 / Quote text.
       */
      quoteText?: string;
      /**
       * 代码块底色。 / Code block background.
       */
      codeBackground?: string;
      /**
       * 代码块文字。 / Code block text.
       */
      codeText?: string;
      /**
       * 行内代码底色。 / Inline code background.
       */
      inlineCodeBackground?: string;
      /**
       * 行内代码文字。 / Inline code text.
       */
      inlineCodeText?: string;
    };
    /**
     * 字体。 / Fonts.
     */
    fonts?: {
      /**
       * 正文字体，逗号分隔的字体名（不加引号）。 / Body font: family names separated by commas, unquoted.
       */
      body?: string;
      /**
       * 标题字体，逗号分隔的字体名（不加引号）。 / Heading font: family names separated by commas, unquoted.
       */
      headings?: string;
      /**
       * 代码字体，逗号分隔的字体名（不加引号）。 / Code font: family names separated by commas, unquoted.
       */
      code?: string;
    };
    /**
     * 一至三级标题的样式。 / Styles of the first three heading levels.
     */
    headings?: {
      /**
       * 一级标题（#）的样式。 / Style of first-level headings (#).
       */
      h1?: {
        /**
         * 对齐。 / Alignment.
         */
        align?: 'left' | 'center';
        /**
         * 装饰：bar 左侧竖条，underline 下划线，filled 强调色底白字，plain 无。 / bar: a line at the left; underline: a line below; filled: accent background, white text; plain: none.
         */
        decoration?: 'bar' | 'underline' | 'filled' | 'plain';
        /**
         * 文字颜色（默认同 colours.accentStrong）。 / Text colour (default colours.accentStrong).
         */
        colour?: string;
        /**
         * 字号（像素）。 / Font size in pixels.
         */
        fontSize?: number;
      };
      /**
       * 二级标题（##）的样式。 / Style of second-level headings (##).
       */
      h2?: {
        /**
         * 对齐。 / Alignment.
         */
        align?: 'left' | 'center';
        /**
         * 装饰：bar 左侧竖条，underline 下划线，filled 强调色底白字，plain 无。 / bar: a line at the left; underline: a line below; filled: accent background, white text; plain: none.
         */
        decoration?: 'bar' | 'underline' | 'filled' | 'plain';
        /**
         * 文字颜色（默认同 colours.accentStrong）。 / Text colour (default colours.accentStrong).
         */
        colour?: string;
        /**
         * 字号（像素）。 / Font size in pixels.
         */
        fontSize?: number;
      };
      /**
       * 三级标题（###）的样式。 / Style of third-level headings (###).
       */
      h3?: {
        /**
         * 对齐。 / Alignment.
         */
        align?: 'left' | 'center';
        /**
         * 装饰：bar 左侧竖条，underline 下划线，filled 强调色底白字，plain 无。 / bar: a line at the left; underline: a line below; filled: accent background, white text; plain: none.
         */
        decoration?: 'bar' | 'underline' | 'filled' | 'plain';
        /**
         * 文字颜色（默认同 colours.accentStrong）。 / Text colour (default colours.accentStrong).
         */
        colour?: string;
        /**
         * 字号（像素）。 / Font size in pixels.
         */
        fontSize?: number;
      };
    };
    /**
     * 代码块。 / Code blocks.
     */
    code?: {
      /**
       * 代码配色：highlight.js 的样式名，如 github、atom-one-dark、vs2015。 / Token colours: a highlight.js style name, e.g. github, atom-one-dark, vs2015.
       */
      style?: string;
      /**
       * 代码块顶部加三个窗口圆点和语言名（Mac 风格）。 / A title bar with three window dots and the language (Mac style).
       */
      macHeader?: boolean;
      /**
       * 每行前加行号。 / A number before each line.
       */
      lineNumbers?: boolean;
    };
    /**
     * 部门自己的 CSS 文件（相对仓库根目录，如 content/render/article.css），在主题之后写进行内样式；只能用标签名和类名选择器，微信不保留的属性会被列出并去掉。 / The department's own CSS file (relative to the repository root, e.g. content/render/article.css), inlined after the theme; tag and class selectors only, and properties WeChat does not keep are listed and left out.
     */
    css?: string;
  };
}
/**
 * 部门名称（中文和英文）。 / Department name in Chinese and English.
 */
export interface LocalizedText {
  /**
   * 简体中文。 / Simplified Chinese.
   */
  zh: string;
  /**
   * 英文。 / English.
   */
  en: string;
}
/**
 * 公众号名称（中文和英文），显示在站点标题和手机预览里。 / Official Account name in Chinese and English; shown in the site title and the phone preview.
 */
export interface LocalizedText1 {
  /**
   * 简体中文。 / Simplified Chinese.
   */
  zh: string;
  /**
   * 英文。 / English.
   */
  en: string;
}

export type DayOfMonth = number;
/**
 * 缺失数据的处理：reweight 在同级现有部分间按比例重新分配权重，zero 按 0 分计，block 暂不出分。 / What a missing value does: reweight shares its weight among the present siblings, zero counts it as 0, block withholds the score.
 */
export type MissingRule = 'reweight' | 'zero' | 'block';
/**
 * 把原始数值折算为 0–100 分的方法。 / How a raw value becomes a 0–100 score.
 */
export type Normaliser =
  | {
      /**
       * 线性达标。 / Linear to target.
       */
      kind: 'linear';
      /**
       * 目标值。 / Target.
       */
      target: number;
      /**
       * 最高分。 / Highest score.
       */
      cap: number;
    }
  | {
      /**
       * 越低越好。 / Lower is better.
       */
      kind: 'lower-is-better';
      /**
       * 目标值（得满分）。 / Target (full score).
       */
      target: number;
      /**
       * 最差值（得 0 分）。 / Worst value (zero).
       */
      worst: number;
    }
  | {
      /**
       * 分档。 / Bands.
       */
      kind: 'bands';
      /**
       * 档位，按 min 从高到低。 / Bands, highest min first.
       *
       * @minItems 1
       */
      bands: {
        /**
         * 档位下限。 / Lower bound.
         */
        min: number;
        /**
         * 该档得分。 / Score.
         */
        score: number;
      }[];
    };
/**
 * 时刻 HH:MM（24 小时制）。 / Time of day, HH:MM.
 */
export type ClockTime = string;

/**
 * content/policy/<生效日期>.yaml：某一日期起生效的考核权重、评审规则、合规阈值与发布默认值。 / The machine-held part of the department policy in force from a date: appraisal weights, review rules, compliance thresholds, publishing defaults.
 */
export interface PolicyFile {
  /**
   * 生效日期，须与文件名一致。 / Effective date; must match the file name.
   */
  effective: string;
  title: LocalizedText;
  /**
   * 部门时区（IANA 名称），默认 Asia/Shanghai。 / The department's IANA time zone.
   */
  timezone: string;
  /**
   * 绩效考核。 / Appraisal.
   */
  appraisal: {
    /**
     * 评分范围。 / Rating scale.
     */
    ratingScale: {
      /**
       * 最低分。 / Lowest rating.
       */
      min: number;
      /**
       * 最高分。 / Highest rating.
       */
      max: number;
    };
    /**
     * 定性指标中上级、同事、自评的权重（合计 100）。 / Weights of supervisor, peer and self ratings (sum 100).
     */
    raterWeights: {
      /**
       * 上级评价的权重。 / Weight of the supervisor's rating.
       */
      supervisor: number;
      /**
       * 同事互评（平均）的权重。 / Weight of the peers' average rating.
       */
      peers: number;
      /**
       * 自评的权重。 / Weight of the self-assessment.
       */
      self: number;
    };
    /**
     * 同事评价至少几人才计入并公开汇总。 / Minimum number of peers for peer ratings to count and be shown in aggregate.
     */
    minPeers: number;
    /**
     * 月度考核各步骤的截止日（次月第几天）。 / Due day of the following month for each step.
     */
    cycle: {
      selfAssessmentDueDay: DayOfMonth;
      supervisorDueDay: DayOfMonth;
      peersDueDay: DayOfMonth;
      hrComputationDueDay: DayOfMonth;
      interviewDueDay: DayOfMonth;
      applicationDueDay?: DayOfMonth;
    };
    /**
     * 指标权重树：每层子项权重之和等于父项，顶层合计 100。 / The weight tree: children add up to their parent, the top level to 100.
     *
     * @minItems 1
     */
    weights: WeightNode[];
    /**
     * 等级及其应用，按分数线从高到低。 / Grades and how they apply, highest threshold first.
     *
     * @minItems 1
     */
    grades: GradeBand[];
    /**
     * 某一方评价缺失时的处理。 / What happens when one rater's rating is missing.
     */
    raterMissing: {
      supervisor: MissingRule;
      peers: MissingRule;
      self: MissingRule;
    };
    /**
     * 同事评价人数不足 minPeers 时：drop 不计入（按 raterMissing.peers 处理），count 仍计入但网站不公开。 / With fewer than minPeers peer ratings: drop leaves them out (handled as raterMissing.peers), count still counts them but the site hides them.
     */
    peersBelowMinimum: 'drop' | 'count';
    /**
     * 文章类数据项的统计窗口：当月发布的每篇文章都按发布当天起的这么多天统计（可跨到下个月），月底发布的文章不吃亏。不写则只统计发布当月内的日子。建议不超过人力汇总计算的截止日减 1。 / Measuring window of the per-article measures: each article published in the month counts its first this-many days from publication (into the next month if need be), so an article published at the end of a month is not cut short. Without it, only the days within the month count. Keep it below the HR computation due day.
     */
    articleWindowDays?: number;
    /**
     * 定稿后的校准记录的上限与可记录的角色。 / Bound of calibrations after finalisation and who may record them.
     */
    calibration: {
      /**
       * 每人每月校准累计的最大绝对值（分）。 / Largest total adjustment per member and month, in points.
       */
      maxPoints: number;
      /**
       * 可以记录校准的角色。 / Roles that may record a calibration.
       *
       * @minItems 1
       *
       * Items: 角色：operator 运营专员、designer 设计师、copywriter 文案策划、support 客服、head 主管、hr 人力资源。 / Role.
       */
      roles: ('operator' | 'designer' | 'copywriter' | 'support' | 'head' | 'hr')[];
    };
    /**
     * 年度得分的算法；不写表示部门只做月度考核，没有年度得分。 / How the annual score is computed; leave it out for a department that appraises monthly only.
     */
    annual?: {
      /**
       * mean-of-finalized-months：当年已定稿月份总分的平均值。 / The mean of the year's finalised monthly totals.
       */
      method: 'mean-of-finalized-months';
      /**
       * 当月休假达到这么多天的月份不计入年度得分。 / Months with at least this many leave days are left out of the annual score.
       */
      excludeMonthWhenLeaveDaysAtLeast: number;
    };
  };
  /**
   * 客服。 / Support.
   */
  support: {
    /**
     * 工作时间内首次回复的时限（分钟）。 / First reply deadline in business hours, minutes.
     */
    firstReplyDeadlineMinutes: number;
    /**
     * 工作时间；之外收到的消息从下一个工作时间开始计时。 / Business hours; messages outside them are timed from the next opening.
     */
    businessHours: {
      start: ClockTime;
      end: ClockTime;
    };
  };
  /**
   * 评审规则：改动哪些文件需要哪些评审环节。 / Review rules: which stages a change to which files needs.
   */
  review: {
    /**
     * 评审环节的定义，按编号。 / Review stages by id.
     */
    stages: {
      [k: string]: ReviewStage;
    };
    /**
     * 路径与所需环节的对应规则。 / Which paths need which stages.
     */
    rules: ReviewRule[];
    /**
     * 不在任何规则内的文件需要的评审环节编号（不填则这些文件不需要审核）。 / Stage ids that files no rule names need (without it, such files need no review).
     *
     * @minItems 1
     */
    unmatched?: string[];
    /**
     * 为 true 时，写考核文件的每个提交都必须带有经 GitHub 验证的签名（verification.verified）。 / When true, every commit that writes an appraisal file must carry a signature GitHub verified (verification.verified).
     */
    requireVerifiedCommits?: boolean;
  };
  /**
   * 合规与排版检查的阈值。 / Thresholds of the compliance and style checks.
   */
  compliance: {
    /**
     * 微信平台限制。 / WeChat platform limits.
     */
    limits: {
      /**
       * 标题最多字符数。 / Maximum title characters.
       */
      titleMaxChars: number;
      /**
       * 作者名最多字符数。 / Maximum author characters.
       */
      authorMaxChars: number;
      /**
       * 摘要最多字符数。 / Maximum digest characters.
       */
      digestMaxChars: number;
      /**
       * 正文最多字符数（不含）。 / Body must stay below this many characters.
       */
      bodyMaxChars: number;
      /**
       * 正文最大字节数。 / Maximum body size in bytes.
       */
      bodyMaxBytes: number;
      /**
       * 正文图片最大字节数。 / Maximum body image size in bytes.
       */
      imageMaxBytes: number;
    };
    /**
     * 可读性阈值。 / Readability thresholds.
     */
    readability?: {
      /**
       * 段落最多字符数。 / Maximum paragraph characters.
       */
      paragraphMaxChars?: number;
      /**
       * 句子最多字符数。 / Maximum sentence characters.
       */
      sentenceMaxChars?: number;
      /**
       * 长文每隔多少字至少一个小标题。 / At least one subheading every this many characters.
       */
      subheadingEveryChars?: number;
    };
    /**
     * 按规则编号（如 ad-law/absolute-term）或规则类别（如 typography）覆盖严重级别：error 阻止合并，warning 只提示，off 关闭。 / Severity overrides by rule id (ad-law/absolute-term) or family (typography): error blocks the merge, warning only tells, off turns it off.
     */
    severities?: {
      [k: string]: 'error' | 'warning' | 'off';
    };
    /**
     * 部门自己的词库，补充内置词库。 / The department's own lexicon, added to the built-in one.
     */
    lexicon?: LexiconEntry[];
    /**
     * 可选的云端内容审核：mpflow lint --moderate 把缓存里没有结论的段落发给它，结论按段落摘要缓存在仓库里；检查只读缓存，云端结论只是警告。 / Optional cloud moderation: mpflow lint --moderate sends it the paragraphs the cache has no verdict for and caches the verdicts by paragraph digest in the repository; checks read only the cache, and cloud verdicts are warnings.
     */
    moderation?: {
      /**
       * openai-compatible：chat completions 接口（DeepSeek、通义千问等）；tencent-tms：腾讯云文本内容安全 TextModeration。 / openai-compatible: a chat-completions endpoint (DeepSeek, Qwen …); tencent-tms: Tencent Cloud TextModeration.
       */
      provider: 'openai-compatible' | 'tencent-tms';
      /**
       * 接口地址。 / The endpoint URL.
       */
      endpoint: string;
      /**
       * 模型名（openai-compatible）或 BizType（tencent-tms，可省）。 / The model (openai-compatible) or BizType (tencent-tms, optional).
       */
      model?: string;
      /**
       * 存放密钥的环境变量名（tencent-tms 为 SecretId:SecretKey）；密钥不写进仓库。 / The environment variable holding the key (SecretId:SecretKey for tencent-tms); never the key itself.
       */
      keyEnv: string;
      /**
       * tencent-tms 的地域，默认 ap-guangzhou。 / Region for tencent-tms (default ap-guangzhou).
       */
      region?: string;
      /**
       * 缓存文件，相对仓库根目录，默认 .mpflow/moderation-cache.json。 / The cache file, relative to the repository root (default .mpflow/moderation-cache.json).
       */
      cacheFile?: string;
    };
  };
  /**
   * 发布默认值。 / Publishing defaults.
   */
  publishing: {
    /**
     * 定时发布所用时区。 / Time zone of scheduled publishing.
     */
    timezone: string;
    /**
     * 时刻 HH:MM（24 小时制）。 / Time of day, HH:MM.
     */
    defaultTime?: string;
    /**
     * 默认排版主题。 / Default rendering theme.
     */
    theme?: string;
    /**
     * 超过计划时间多少分钟仍未发布即算逾期，定时任务报错（默认 30）。 / Minutes past publishAt after which an unpublished article is overdue and the scheduled job fails (default 30).
     */
    overdueAfterMinutes?: number;
    /**
     * 错过的发布最多补发多少小时内的；更早的需在 PR 中改 publishAt（默认 24）。 / How late a missed publication is still caught up; older ones need a new publishAt in a pull request (default 24).
     */
    catchUpHours?: number;
  };
}
/**
 * 中英文文本。 / Text in Chinese and English.
 */
/**
 * 一个考核指标或指标组。 / An indicator or a group of indicators.
 */
export interface WeightNode {
  /**
   * 指标编号（小写英文与连字符）。 / Indicator id (lowercase letters and hyphens).
   */
  id: string;
  name: LocalizedText;
  /**
   * 占总分的百分比。 / Percentage of the total score.
   */
  weight: number;
  /**
   * 定量或定性（仅末级指标）。 / Quantitative or qualitative (leaves only).
   */
  measure?: 'quantitative' | 'qualitative';
  /**
   * 数据来源（仅末级指标）。 / Where the value comes from (leaves only).
   */
  source?: 'metrics' | 'campaigns' | 'ratings';
  description?: LocalizedText;
  /**
   * 子指标。 / Child indicators.
   *
   * @minItems 1
   */
  children?: WeightNode[];
  missing?: MissingRule;
  /**
   * 定量指标按岗位（或 all 表示所有岗位）列出的数据项，每个岗位的各项权重合计 100。 / A quantitative indicator's measures per role (or all), their weights adding up to 100 per role.
   */
  parts?: {
    /**
     * @minItems 1
     */
    [k: string]: IndicatorPart[];
  };
}
/**
 * 定量指标中的一项数据。 / One measure of a quantitative indicator.
 */
export interface IndicatorPart {
  /**
   * 数据项编号（见手册“绩效考核”中的数据项表）。 / Measure id (see the handbook's list of measures).
   */
  kpi: string;
  /**
   * 在该指标中所占的百分比。 / Percentage within the indicator.
   */
  weight: number;
  /**
   * 新成员月中入职时，按在岗天数折算目标。 / Scale the target by the days in post for a member who joined mid-month.
   */
  prorate?: boolean;
  missing?: MissingRule;
  normaliser: Normaliser;
}
export interface GradeBand {
  /**
   * 等级名称，如 S、A。 / Grade name, e.g. S or A.
   */
  grade: string;
  /**
   * 该等级的最低分。 / Lowest score of the grade.
   */
  min: number;
  /**
   * 奖金系数。 / Bonus coefficient.
   */
  bonusCoefficient: number;
  /**
   * 是否具备晋升资格。 / Eligible for promotion.
   */
  promotionEligible: boolean;
  /**
   * 是否需要安排培训。 / Training needed.
   */
  trainingNeed: boolean;
}
export interface ReviewStage {
  /**
   * self-review 自审（本人）或 approval 审批（他人）。 / Self-review by the author, or approval by someone else.
   */
  kind: 'self-review' | 'approval';
  /**
   * 角色：operator 运营专员、designer 设计师、copywriter 文案策划、support 客服、head 主管、hr 人力资源。 / Role.
   */
  role: 'operator' | 'designer' | 'copywriter' | 'support' | 'head' | 'hr';
  /**
   * 代审角色。审批环节：只有名册中没有可以审批的该角色成员时（例如唯一的运营专员自己写了这篇文章），这些角色的成员才可以代为审批。自审环节：这些角色的成员可以为自己发起的 PR 做这一步自审（例如运营专员自己写的文章）。 / Stand-in roles. For an approval: they may approve only when no holder of the role may, for example when the department's only operator wrote the pull request. For a self-review: their holders may sign it for their own pull request (an operator's own article).
   *
   * @minItems 1
   *
   * Items: 角色：operator 运营专员、designer 设计师、copywriter 文案策划、support 客服、head 主管、hr 人力资源。 / Role.
   */
  standIn?: ('operator' | 'designer' | 'copywriter' | 'support' | 'head' | 'hr')[];
  label: LocalizedText;
}
export interface ReviewRule {
  /**
   * 文件路径通配模式。 / Path glob patterns.
   *
   * @minItems 1
   */
  paths: string[];
  /**
   * 需要的评审环节编号。 / Stage ids required.
   *
   * @minItems 1
   */
  stages: string[];
}
/**
 * 一个词条。 / One entry.
 */
export interface LexiconEntry {
  /**
   * 词语（匹配时忽略繁简、全半角和夹在汉字间的符号）。 / The term (matched across Traditional/Simplified, full/half width and symbols slipped between characters).
   */
  term: string;
  /**
   * 类别，决定规则编号 lexicon/<类别>。 / Category; the rule id is lexicon/<category>.
   */
  category: 'vulgar' | 'clickbait' | 'rumour' | 'contact-lure' | 'gambling-fraud';
  /**
   * 严重级别（默认取该类别的级别）。 / Severity (default: the category's).
   */
  severity?: 'error' | 'warning';
  /**
   * 依据（法规条款或部门规范）。 / Basis (a law article or department rule).
   */
  basis?: string;
  /**
   * 例外语境：含该词的这些短语不报。 / Context exceptions: phrases containing the term that are fine.
   */
  except?: string[];
}

/**
 * content/articles/<yyyy>/<mm-dd-slug>/index.md 的头信息。状态（草稿、已排期、已发布）由分支、合并与发布记录推导，不手写。 / Front matter of an article. Its status is derived, never typed.
 */
export interface ArticleFrontMatter {
  /**
   * 标题（微信限 32 个字符）。 / Title (WeChat allows 32 characters).
   */
  title: string;
  /**
   * 摘要（微信限 128 个字符）。 / Digest (WeChat allows 128 characters).
   */
  digest: string;
  /**
   * 作者（文案策划）的成员编号。 / Member id of the writer (copywriter).
   */
  author: string;
  /**
   * 设计师的成员编号。 / Member id of the designer.
   */
  designer?: string;
  /**
   * 选题库中的选题编号。 / Topic id from the topic library.
   */
  topic: string;
  /**
   * 所属活动编号（可选）。 / Campaign id, if the article belongs to one.
   */
  campaign?: string;
  /**
   * 计划发布时间，必须带时区偏移。 / Scheduled publication time, with an offset.
   */
  publishAt: string;
  /**
   * 封面图文件名（与 index.md 同目录，jpg 或 png）。 / Cover image file in the article folder (jpg or png).
   */
  cover: string;
  source: ArticleSource;
  /**
   * 标签。 / Tags.
   *
   * @maxItems 10
   */
  tags?: string[];
  /**
   * “阅读原文”链接（可选）。 / The 'read more' link (optional).
   */
  contentSourceUrl?: string;
  /**
   * 是否开放留言，默认开放。 / Whether comments are open (default yes).
   */
  openComments?: boolean;
  /**
   * 段落里的单个换行是否保留为换行（doocs/md 的“换行”选项）；不写时按部门设置 render.breaks，默认不保留。mpflow render --breaks / --no-breaks 优先。 / Whether a single line break inside a paragraph stays a line break (doocs/md's breaks); unset, the department's render.breaks applies, else no. mpflow render --breaks / --no-breaks win.
   */
  breaks?: boolean;
}
/**
 * 原创或转载。转载须注明原文网址、原作者并记录授权。 / Original or reprint; a reprint names its URL, original author and authorisation.
 */
export interface ArticleSource {
  /**
   * original 原创，reprint 转载。 / original or reprint.
   */
  type: 'original' | 'reprint';
  /**
   * 原文网址。 / URL of the original.
   */
  url?: string;
  /**
   * 原作者。 / Original author.
   */
  originalAuthor?: string;
  /**
   * 原文标题。 / Original title.
   */
  originalTitle?: string;
  /**
   * 授权记录。“如有侵权请联系删除”不是授权。 / The authorisation; a takedown notice is not one.
   */
  authorization?: {
    /**
     * 授权人。 / Who granted it.
     */
    grantedBy: string;
    /**
     * 授权日期。 / Date granted.
     */
    date: string;
    /**
     * 授权范围。 / Scope.
     */
    scope?: string;
    /**
     * 授权凭证存放位置。 / Where the evidence is kept.
     */
    evidence?: string;
  };
}

/**
 * content/topics/<编号>.yaml：选题库中的一个选题及选题会的决定。 / One entry of the topic library and the topic meeting's decision.
 */
export interface TopicFile {
  /**
   * 选题编号，如 T-2026-001。 / Topic id, e.g. T-2026-001.
   */
  id: string;
  /**
   * 选题名称。 / Topic title.
   */
  title: string;
  /**
   * 内容方向，如 知识科普、使用技巧。 / Content pillar.
   */
  pillar?: string;
  /**
   * 提出人。 / Proposed by.
   */
  proposedBy: string;
  /**
   * 提出日期。 / Date proposed.
   */
  proposedAt: string;
  /**
   * 选题会决定：proposed 待议、accepted 通过、parked 暂缓、rejected 否决。 / The topic meeting's decision.
   */
  decision: 'proposed' | 'accepted' | 'parked' | 'rejected';
  /**
   * 选题会日期。 / Date of the topic meeting.
   */
  decidedAt?: string;
  /**
   * 负责撰写的成员。 / Member who will write it.
   */
  owner?: string;
  /**
   * 目标读者。 / Intended readers.
   */
  audience?: string;
  /**
   * 切入角度。 / Angle.
   */
  angle?: string;
  /**
   * 关键词。 / Keywords.
   */
  keywords?: string[];
  /**
   * 参考资料。 / References.
   */
  references?: {
    title: string;
    /**
     * 以 http:// 或 https:// 开头的网址。 / An http(s) URL.
     */
    url?: string;
  }[];
  /**
   * 备注。 / Notes.
   */
  notes?: string;
}

/**
 * content/campaigns/<编号>.yaml：抽奖、问答或投票活动的目的、规则、奖品、时间、负责人与结果。 / A lottery, quiz or vote: goal, rules, prizes, period, owner and results.
 */
export interface CampaignFile {
  /**
   * 活动编号，如 C-2026-01。 / Campaign id, e.g. C-2026-01.
   */
  id: string;
  /**
   * lottery 抽奖、quiz 问答、vote 投票。 / lottery, quiz or vote.
   */
  kind: 'lottery' | 'quiz' | 'vote';
  /**
   * 活动名称。 / Title.
   */
  title: string;
  /**
   * 负责的运营专员。 / The operator in charge.
   */
  owner: string;
  /**
   * 活动目的。 / Goal.
   */
  goal: string;
  /**
   * 活动时间。 / Period.
   */
  period: {
    /**
     * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
     */
    start: string;
    /**
     * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
     */
    end: string;
  };
  /**
   * 活动规则全文（会做合规检查）。 / The rules as published (checked for compliance).
   */
  rules: string;
  /**
   * 奖品设置。 / Prizes.
   */
  prizes: CampaignPrize[];
  draw?: CampaignDrawSettings;
  /**
   * 目标值，考核时与结果比较。 / Targets, compared with results in appraisal.
   */
  targets?: {
    /**
     * 目标参与人数。 / Target number of participants.
     */
    participants?: number;
    /**
     * 目标转化率（0–1）。 / Target conversion rate (0–1).
     */
    conversionRate?: number;
    /**
     * 目标满意度（1–5）。 / Target satisfaction (1–5).
     */
    satisfaction?: number;
  };
  /**
   * “转化”的口径。 / What counts as a conversion.
   */
  conversionDefinition?: string;
  results?: CampaignResults;
  /**
   * 相关文章。 / Related articles.
   *
   * Items: 文章编号：年份加文件夹名，如 2026-09-02-yancha-yanyun。 / Article id: year plus folder name.
   */
  articles?: string[];
}
export interface CampaignPrize {
  name: string;
  /**
   * 数量。 / Quantity.
   */
  quantity: number;
  /**
   * 单价（元）。 / Unit value in yuan.
   */
  valueYuan?: number;
  /**
   * 奖品说明。 / Description of the prize.
   */
  description?: string;
}
/**
 * 可复算的抽签：种子事先公布（draw.seed），或取自事先指定的未来 drand 轮次（draw.beacon，参与截止时提交参与记录摘要 draw.entries）。 / A reproducible draw: a seed announced beforehand (draw.seed), or the randomness of a drand round named in advance (draw.beacon), with the entries' digest committed at the close (draw.entries).
 */
export interface CampaignDrawSettings {
  /**
   * 公开的抽签种子（任意文本）。事先公布的文本种子，写参与记录的人仍可在截止后挑选参与记录；新活动请用 draw.beacon。 / The public seed (any text). Whoever writes the entries after the close can still search entry sets against a known seed; new campaigns use draw.beacon.
   */
  seed?: string;
  /**
   * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
   */
  seedDeclaredAt?: string;
  beacon?: DrawBeacon;
  entries?: DrawEntriesClose;
  /**
   * 问答活动：答对题数至少达到这个数才参加抽签。 / Quiz: the least number of right answers an entry needs to be drawn.
   */
  minCorrect?: number;
  /**
   * 规则允许一人获得多种奖品时为 true；默认每人至多中一份奖。 / True when the rules let one participant win several different prizes; by default one prize each.
   */
  multiplePrizesPerParticipant?: boolean;
}
/**
 * 抽签随机数的来源：drand 的一个未来轮次，在参与截止前写进活动记录并提交；那一轮的随机数在截止之后才产生，任何人都能查到并离线验证它的签名。 / Where the draw's randomness comes from: a future drand round, committed to the campaign before entries close; its randomness exists only after the close, and anyone can look it up and verify its signature offline.
 */
export interface DrawBeacon {
  /**
   * 随机数信标：drand（League of Entropy）。 / The beacon: drand (League of Entropy).
   */
  source: 'drand';
  /**
   * drand 链的哈希，如 quicknet 的 52db9ba7…e971。 / The drand chain hash, e.g. quicknet's 52db9ba7…e971.
   */
  chain: string;
  /**
   * 轮次编号，其时间必须晚于活动结束。 / The round number; its time must be after the period ends.
   */
  round: number;
}
/**
 * 参与截止时由 mpflow draw --close 写入：参与记录的摘要，必须在信标轮次之前提交。 / Written by mpflow draw --close at the close: the entries' digest, committed before the beacon round.
 */
export interface DrawEntriesClose {
  /**
   * entries.csv 的 SHA-256。 / SHA-256 of entries.csv.
   */
  sha256: string;
  /**
   * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
   */
  closedAt: string;
}
/**
 * 活动结果（结束后填写）。 / Results, once finished.
 */
export interface CampaignResults {
  /**
   * 实际参与人数。 / Participants.
   */
  participants: number;
  /**
   * 有效参与数。 / Valid entries.
   */
  validEntries?: number;
  /**
   * 转化人数。 / Conversions.
   */
  conversions?: number;
  /**
   * 满意度调查均分（1–5）。 / Average satisfaction (1–5).
   */
  satisfaction?: number;
  /**
   * 满意度调查回收份数。 / Survey responses.
   */
  surveyResponses?: number;
  /**
   * 中奖者（仅脱敏昵称）。 / Winners, masked nicknames only.
   */
  winners?: string[];
  /**
   * 抽签种子，任何人可复算。 / Draw seed anyone can re-run.
   */
  drawSeed?: string;
}

/**
 * content/training/plan-<年份>.yaml：培训内容、方式、时间与对象。 / The year's courses: content, form, timing and audience.
 */
export interface TrainingPlanFile {
  /**
   * 年度。 / Year.
   */
  year: number;
  /**
   * 计划负责人。 / Owner of the plan.
   */
  owner?: string;
  /**
   * 每位成员的年度学时目标；计划给某人所在角色安排的学时更少时，以计划学时为准。 / Yearly training hours each member should reach; when the plan offers a member's roles fewer hours, the planned hours are the target.
   */
  targetHours?: number;
  /**
   * 课程列表。 / Courses.
   */
  courses: TrainingCourse[];
}
export interface TrainingCourse {
  /**
   * 课程编号，如 TR-2026-01。 / Course id.
   */
  id: string;
  title: string;
  /**
   * internal 内部培训、external 外部培训、online 线上学习、practice 实践操作。 / internal, external, online or practice.
   */
  kind: 'internal' | 'external' | 'online' | 'practice';
  /**
   * 面向的角色。 / Roles it is for.
   *
   * @minItems 1
   *
   * Items: 角色：operator 运营专员、designer 设计师、copywriter 文案策划、support 客服、head 主管、hr 人力资源。 / Role.
   */
  audience: ('operator' | 'designer' | 'copywriter' | 'support' | 'head' | 'hr')[];
  /**
   * 学时。 / Hours.
   */
  hours: number;
  /**
   * 计划月份。 / Planned month.
   */
  month: string;
  /**
   * 内部讲师的成员编号。 / Member id of an internal trainer.
   */
  trainer?: string;
  /**
   * 外部讲师或机构。 / External trainer or provider.
   */
  trainerExternal?: string;
  /**
   * 培训目标。 / Objectives.
   */
  objectives?: string;
}

/**
 * content/training/records-<年份>.yaml：实际举办的培训与出勤。 / Sessions held and who attended.
 */
export interface TrainingRecordsFile {
  /**
   * 年度。 / Year.
   */
  year: number;
  /**
   * 已举办的培训。 / Sessions held.
   */
  sessions: TrainingSession[];
}
export interface TrainingSession {
  /**
   * 培训计划中的课程编号。 / Course id from the plan.
   */
  course: string;
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 实际学时。 / Hours held.
   */
  hours: number;
  /**
   * 出勤成员。 / Members who attended.
   *
   * Items: 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  attendees: string[];
  /**
   * 备注。 / Notes.
   */
  notes?: string;
}

/**
 * appraisals/<yyyy-mm>/<成员>/self.yaml、supervisor.yaml 或 peer-<评价人>.yaml：一位评价人对一位成员当月定性指标的评分。评语不会出现在网站上。 / One rater's ratings of one member's qualitative indicators for a month; comments never reach the site.
 */
export interface AppraisalRatingFile {
  /**
   * 被考核成员。 / The member appraised.
   */
  member: string;
  /**
   * 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
   */
  period: string;
  /**
   * 评价人。 / The rater.
   */
  rater: string;
  /**
   * self 自评、supervisor 上级评价、peer 同事互评。 / self, supervisor or peer.
   */
  role: 'self' | 'supervisor' | 'peer';
  /**
   * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
   */
  submittedAt: string;
  /**
   * 按指标编号给分。 / Scores by indicator id.
   */
  ratings: {
    [k: string]: number;
  };
  /**
   * 评语（保密）。 / Comment (private).
   */
  comment?: string;
}

/**
 * appraisals/<yyyy-mm>/<成员>/interview.yaml：上级与成员的绩效面谈与改进计划。纪要保密。 / The supervisor's feedback interview and agreed actions; the summary is private.
 */
export interface AppraisalInterviewFile {
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  member: string;
  /**
   * 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
   */
  period: string;
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  interviewer: string;
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 面谈纪要（保密）。 / Summary (private).
   */
  summary?: string;
  /**
   * 共同商定的改进事项。 / Agreed actions.
   */
  actions?: {
    action: string;
    /**
     * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
     */
    due?: string;
  }[];
}

/**
 * appraisals/<yyyy-mm>/<成员>/result.yaml：由 mpflow score --write 生成的当月得分，请勿手改；mpflow score --verify 会复算。 / A member's monthly result written by mpflow score --write; never edit it by hand, mpflow score --verify recomputes it.
 */
export interface MonthlyAppraisalResult {
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  member: string;
  /**
   * 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
   */
  period: string;
  /**
   * 计分所用制度版本（生效日期）。 / The policy version used (its effective date).
   */
  policy: string;
  /**
   * scored 已出分；blocked 按缺失规则暂不出分。 / scored, or blocked by a missing-data rule.
   */
  status: 'scored' | 'blocked';
  /**
   * 暂不出分的原因。 / Why the score is withheld.
   */
  blockedBy?: string[];
  /**
   * 分数（0–100，两位小数）。 / Score (0–100, two decimals).
   */
  score?: number;
  /**
   * 分数（0–100，两位小数）。 / Score (0–100, two decimals).
   */
  computedScore?: number;
  /**
   * 校准分（已定稿后追加的调整之和）。 / Sum of calibrations.
   */
  calibration?: number;
  /**
   * 等级。 / Grade.
   */
  grade?: string;
  /**
   * 结果应用。 / How the result applies.
   */
  application?: {
    /**
     * 奖金系数。 / Bonus coefficient.
     */
    bonusCoefficient: number;
    /**
     * 是否具备晋升资格。 / Eligible for promotion.
     */
    promotionEligible: boolean;
    /**
     * 是否列入培训需求。 / Training need.
     */
    trainingNeed: boolean;
  };
  /**
   * 各维度得分（0–100）与计入总分的分数。 / Each category's score (0–100) and the points it adds.
   */
  categories?: {
    [k: string]: {
      /**
       * 维度得分。 / Category score.
       */
      score: number;
      /**
       * 计入总分的分数。 / Points of the total.
       */
      points: number;
    };
  };
  /**
   * 各末级指标的得分（0–100）；缺失的为 null。 / Each leaf's score (0–100), null when missing.
   */
  indicators?: {
    [k: string]: number | null;
  };
  /**
   * SHA-256 摘要。 / SHA-256 digest.
   */
  inputDigest: string;
}

/**
 * appraisals/<yyyy-mm>/finalized.yaml：人力资源定稿的记录；定稿后该月的评价与面谈记录被锁定，之后只能追加校准。 / HR's finalisation of a month; afterwards its ratings and interviews are locked and only calibrations may be added.
 */
export interface MonthFinalisation {
  /**
   * 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
   */
  period: string;
  /**
   * 定稿的人力资源成员。 / The HR member who finalised.
   */
  finalizedBy: string;
  /**
   * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
   */
  finalizedAt: string;
  /**
   * 定稿时每份记录内容的摘要（键为相对于月份文件夹的路径）。 / Digest of each record's content at finalisation, by path within the month folder.
   */
  records: {
    /**
     * SHA-256 摘要。 / SHA-256 digest.
     */
    [k: string]: string;
  };
  /**
   * 定稿时每位成员的得分与输入摘要。 / Each member's score and input digest at finalisation.
   */
  results: {
    [k: string]: {
      /**
       * 定稿时的得分。 / Score at finalisation.
       */
      score: number | null;
      /**
       * SHA-256 摘要。 / SHA-256 digest.
       */
      inputDigest: string;
    };
  };
  /**
   * 月份结束前定稿时的原因（mpflow score --finalize --force --reason）。 / Why the month was finalised before it ended (mpflow score --finalize --force --reason).
   */
  early?: {
    /**
     * 提前定稿的原因。 / Why it could not wait.
     */
    reason: string;
  };
  /**
   * 定稿时计分所用制度版本的指纹：此后该版本不能再改（policy/immutable），改动写进新版本。 / Fingerprint of the policy version that scored the month: it may not change afterwards (policy/immutable); changes go into a new version.
   */
  policy?: {
    /**
     * 制度版本的生效日期。 / The version's effective date.
     */
    effective: string;
    /**
     * 制度各部分内容的摘要（键为部分的路径）。 / Digest of each part of the policy, by its path.
     */
    parts: {
      /**
       * SHA-256 摘要的前 16 位。 / First 16 hex digits of a SHA-256 digest.
       */
      [k: string]: string;
    };
  };
}

/**
 * appraisals/<yyyy-mm>/calibrations.yaml：定稿后对得分的校准，只能追加；谁、为什么、调整多少。理由保密。 / Append-only score calibrations after finalisation: who, why and how much. Reasons are private.
 */
export interface AppraisalCalibrations {
  /**
   * 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
   */
  period: string;
  /**
   * 校准记录，按时间先后追加。 / Calibrations, appended in time order.
   */
  entries: CalibrationEntry[];
}
export interface CalibrationEntry {
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  member: string;
  /**
   * 调整的分数（正为加分，负为减分）。 / Points added (negative: removed).
   */
  points: number;
  /**
   * 成员编号：小写拼音或字母，用连字符分隔，如 lin-xiao。 / Member id: lowercase letters and digits joined by hyphens, e.g. lin-xiao.
   */
  by: string;
  /**
   * 日期时间，ISO 8601，必须带时区偏移，如 2026-09-02T20:30:00+08:00。 / ISO 8601 date-time with an offset, e.g. 2026-09-02T20:30:00+08:00.
   */
  at: string;
  /**
   * 理由（保密）。 / Reason (private).
   */
  reason: string;
}

/**
 * appraisals/annual/<yyyy>.yaml：次年 1 月由 mpflow score --period <yyyy> --write 生成的年度得分。 / The year's annual scores, written in January by mpflow score --period <yyyy> --write.
 */
export interface AppraisalAnnualResults {
  /**
   * 考核年度。 / The year.
   */
  year: number;
  /**
   * 计算年度得分所用的制度版本。 / The policy version used.
   */
  policy: string;
  /**
   * 年度得分的算法。 / The method.
   */
  method: string;
  /**
   * 按成员的年度结果。 / Results by member.
   */
  members: {
    [k: string]: {
      /**
       * 年度得分。 / Annual score.
       */
      score: number | null;
      /**
       * 等级。 / Grade.
       */
      grade?: string | null;
      /**
       * 结果应用。 / How the result applies.
       */
      application?: {
        /**
         * 奖金系数。 / Bonus coefficient.
         */
        bonusCoefficient: number;
        /**
         * 是否具备晋升资格。 / Eligible for promotion.
         */
        promotionEligible: boolean;
        /**
         * 是否列入培训需求。 / Training need.
         */
        trainingNeed: boolean;
      };
      /**
       * 计入的月份。 / Months counted.
       *
       * Items: 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
       */
      months: string[];
      /**
       * 因休假不计入的月份。 / Months left out for leave.
       *
       * Items: 考核月份，格式 YYYY-MM。 / A month, YYYY-MM.
       */
      excludedMonths: string[];
      /**
       * SHA-256 摘要。 / SHA-256 digest.
       */
      inputDigest: string;
    };
  };
}

/**
 * content/metrics/articles/<yyyy-mm>.csv 的一行：某篇文章某一天的数据。列顺序即下列属性顺序。 / One row: one article's figures on one day. Columns in the order below.
 */
export interface ArticleDailyRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 文章编号：年份加文件夹名，如 2026-09-02-yancha-yanyun。 / Article id: year plus folder name.
   */
  article: string;
  /**
   * 阅读次数。 / Reads.
   */
  reads: number;
  /**
   * 阅读人数。 / Readers.
   */
  readers: number;
  /**
   * 分享次数。 / Shares.
   */
  shares: number;
  /**
   * 分享人数。 / Sharing users.
   */
  shareUsers: number;
  /**
   * 点赞数。 / Likes.
   */
  likes: number;
  /**
   * 留言数。 / Comments.
   */
  comments: number;
  /**
   * 收藏数。 / Favourites.
   */
  favorites: number;
}

/**
 * content/metrics/followers/<yyyy-mm>.csv 的一行：某天某渠道的新增与取消关注。 / One row per day and source: new and cancelled follows.
 */
export interface FollowerChangeRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 关注来源（微信 user_source）：0 其他、1 搜索、17 名片分享、30 扫码、57 文章内账号名、100 广告、149 小程序、161 他人转载、200 视频号、201 直播。 / WeChat user_source code.
   */
  source: 0 | 1 | 17 | 30 | 57 | 100 | 149 | 161 | 200 | 201;
  /**
   * 新关注人数。 / New followers.
   */
  new: number;
  /**
   * 取消关注人数。 / Unfollows.
   */
  cancelled: number;
}

/**
 * content/metrics/followers-cumulative/<yyyy-mm>.csv 的一行：某天结束时的累计关注人数。 / One row per day: followers at the end of the day.
 */
export interface FollowerCumulativeRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 累计关注人数。 / Cumulative followers.
   */
  cumulative: number;
}

/**
 * content/metrics/support/<yyyy-mm>.csv 的一行：一次用户咨询或投诉的处理记录。 / One row per user conversation.
 */
export interface SupportConversationRow {
  /**
   * 会话编号，如 S-20260901-001。 / Conversation id.
   */
  id: string;
  /**
   * 接待的客服成员。 / The member who replied.
   */
  agent: string;
  /**
   * message 后台消息、comment 留言、customer-service 客服消息。 / Channel.
   */
  channel: 'message' | 'comment' | 'customer-service';
  /**
   * 用户首次发来消息的时间。 / When the user first wrote.
   */
  openedAt: string;
  /**
   * 首次回复时间。 / First reply.
   */
  firstReplyAt?: string;
  /**
   * 结束时间。 / Closed.
   */
  closedAt?: string;
  /**
   * 类别，取 content/department.yaml 中 support.categories 列出的一个。 / Category, one of support.categories in content/department.yaml.
   */
  category: string;
  /**
   * 满意度 1–5，未评价留空。 / Satisfaction 1–5, empty when not rated.
   */
  satisfaction?: number;
}

/**
 * content/metrics/support-users/<yyyy-mm>.csv 的一行：从客服消息记录导入的一次会话属于哪个用户，只记加盐摘要（HMAC-SHA256，盐在环境变量 MPFLOW_SUPPORT_SALT），不记 openid，用于统计同一用户的重复咨询。 / One row per imported conversation: the salted digest of its user (HMAC-SHA256 with the MPFLOW_SUPPORT_SALT secret), never the openid, so repeat contacts can be counted without identifying anyone.
 */
export interface SupportUserRow {
  /**
   * content/metrics/support/ 中的会话编号。 / The conversation's id in content/metrics/support/.
   */
  id: string;
  /**
   * 用户的加盐摘要（16 位十六进制）。 / The user's salted digest (16 hex digits).
   */
  user: string;
}

/**
 * content/metrics/support-conduct/<yyyy-mm>.csv 的一行：某天某客服发出的回复数，以及按部门制度四（二）3（使用礼貌用语，不得与用户发生争执）检查出的不礼貌、争执回复数。只记数目，不记回复内容。 / One row per day and agent: replies sent and how many the conduct rules (policy 4(2)3: polite wording, no arguing with users) flagged. Counts only, never the text.
 */
export interface SupportConductRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 发出回复的客服成员。 / The member who replied.
   */
  agent: string;
  /**
   * 回复条数。 / Replies sent.
   */
  replies: number;
  /**
   * 含不礼貌、敷衍用语的回复条数。 / Replies with impolite or dismissive wording.
   */
  impolite: number;
  /**
   * 与用户争执、指责用户的回复条数。 / Replies arguing with or blaming the user.
   */
  arguing: number;
}

/**
 * content/metrics/audience/<yyyy-mm>.csv 的一行：某天某个维度（性别、年龄、地区）下一个分组的关注人数，来自后台“用户分析 → 用户属性”导出。 / One row: followers in one bucket of one dimension (gender, age, region) on a day, from the back office's audience export.
 */
export interface AudienceRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 维度：gender 性别、age 年龄、region 地区（省份）、city 城市、language 语言、device 机型。 / Dimension: gender, age, region (province), city, language or device.
   */
  dimension: 'gender' | 'age' | 'region' | 'city' | 'language' | 'device';
  /**
   * 分组名称，按后台原文（简体），如 男、18-25岁、广东。 / Bucket name as the back office shows it (Simplified Chinese), e.g. 男, 18-25岁, 广东.
   */
  bucket: string;
  /**
   * 该分组的关注人数。 / Followers in the bucket.
   */
  users: number;
}

/**
 * content/metrics/reads/<yyyy-mm>.csv 的一行：某天从某个来源阅读图文的人数与次数（getuserread）。 / One row per day and read source: article reads of the whole account (getuserread).
 */
export interface ReadsBySourceRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 阅读来源（微信 user_source）：0 会话、1 好友转发、2 朋友圈、4 历史消息页、5 其他、6 看一看、7 搜一搜、99999999 全部。 / WeChat read source code.
   */
  source: number;
  /**
   * 阅读人数。 / Readers.
   */
  readers: number;
  /**
   * 阅读次数。 / Reads.
   */
  reads: number;
  /**
   * 分享人数。 / Sharing users.
   */
  shareUsers: number;
  /**
   * 分享次数。 / Shares.
   */
  shares: number;
  /**
   * 收藏人数。 / Users who saved.
   */
  favoriteUsers: number;
  /**
   * 收藏次数。 / Saves.
   */
  favorites: number;
}

/**
 * content/metrics/shares/<yyyy-mm>.csv 的一行：某天在某个场景的分享（getusershare）。 / One row per day and share scene (getusershare).
 */
export interface SharesBySceneRow {
  /**
   * 日期，格式 YYYY-MM-DD，必须是真实存在的日期。 / A real calendar date, YYYY-MM-DD.
   */
  date: string;
  /**
   * 分享场景：1 好友转发、2 朋友圈、255 其他。 / Share scene: 1 friends, 2 Moments, 255 other.
   */
  scene: 1 | 2 | 255;
  /**
   * 分享次数。 / Shares.
   */
  shares: number;
  /**
   * 分享人数。 / Sharing users.
   */
  shareUsers: number;
}

/**
 * content/metrics/article-totals/<yyyy-mm>.csv 的一行：某篇文章发出后到统计日为止的累计数据（getarticletotal），按发送日期归档。 / One row: an article's cumulative figures up to a statistics day (getarticletotal), filed by the sending date.
 */
export interface ArticleTotalRow {
  /**
   * 发送日期。 / Sending date.
   */
  date: string;
  /**
   * 文章编号：年份加文件夹名，如 2026-09-02-yancha-yanyun。 / Article id: year plus folder name.
   */
  article: string;
  /**
   * 统计日期（发送后最多 7 天）。 / Statistics day (up to 7 days after sending).
   */
  statDate: string;
  /**
   * 送达人数。 / Users it was sent to.
   */
  targetUsers: number;
  /**
   * 图文页阅读人数。 / Readers.
   */
  readers: number;
  /**
   * 图文页阅读次数。 / Reads.
   */
  reads: number;
  /**
   * 分享人数。 / Sharing users.
   */
  shareUsers: number;
  /**
   * 分享次数。 / Shares.
   */
  shares: number;
  /**
   * 收藏人数。 / Users who saved.
   */
  favoriteUsers: number;
  /**
   * 收藏次数。 / Saves.
   */
  favorites: number;
}

/**
 * content/metrics/revisions/<yyyy-mm>.csv 的一行：平台修订了已导入的数字时，记录旧值与新值，按导入日期归档；数据文件从不被悄悄覆盖。 / One row per figure the platform revised after it was imported: old and new value, filed by the import date, so no figure is overwritten silently.
 */
export interface MetricRevisionRow {
  /**
   * 导入（发现修订）的日期。 / Date of the import that found the revision.
   */
  date: string;
  /**
   * 数据种类，即 content/metrics/ 下的文件夹名，如 followers。 / Kind: the folder under content/metrics/, e.g. followers.
   */
  kind: string;
  /**
   * 被修订的行的键，各键列用 | 连接，如 2026-10-01|30。 / Key of the revised row, key columns joined by |, e.g. 2026-10-01|30.
   */
  key: string;
  /**
   * 被修订的列。 / The revised column.
   */
  field: string;
  /**
   * 旧值。 / Old value.
   */
  old: string;
  /**
   * 新值。 / New value.
   */
  new: string;
}

/**
 * content/publishing/<文章编号>.yaml：mpflow publish 每完成一步就写入一步的结果，重跑时从最后一步接着做，绝不重复发布。要重试失败的文章，在 PR 里删除这个文件。 / Written by mpflow publish after every step, so a rerun resumes from the last one and never publishes twice. To retry a failed article, delete this file in a pull request.
 */
export type PublishRecordFile = {
  /**
   * 文章编号，与文件名一致。 / The article id, the same as the file name.
   */
  article: string;
  /**
   * in-progress 发布中（下次运行接着做），published 已发布，failed 失败（不会自动重试）。 / in-progress (the next run carries on), published, or failed (never retried by itself).
   */
  status: 'in-progress' | 'published' | 'failed';
  /**
   * 在这次发布中的位置（从 1 开始），数据统计的 msgid 为“msgDataId_index”。 / Position in the send, from 1; the analytics msgid is "<msgDataId>_<index>".
   */
  index?: number;
  /**
   * 已上传的正文图片（media/uploadimg），按正文顺序。 / Body images uploaded with media/uploadimg, in body order.
   */
  images?: PublishedImage[];
  cover?: PublishedCover;
  /**
   * 草稿的 media_id（draft/add）。 / The draft's media_id (draft/add).
   */
  draftMediaId?: string;
  /**
   * 草稿内容的摘要（标题、作者、摘要、正文、封面和正文图片）；提交前文章若有改动，摘要不同，会重新建草稿，绝不发出旧版本。 / A digest of what the draft holds (title, author, digest, body, cover and body images); if the article changes before submission the digest differs and a new draft is made, so an old version never goes out.
   */
  draftDigest?: string;
  /**
   * 开始提交发布（freepublish/submit）的时间；有它而没有 publishId，说明提交结果未知，不会再次提交。 / When freepublish/submit was started; with no publishId it means the outcome is unknown, and it is never submitted again.
   */
  submitStartedAt?: string;
  /**
   * 发布任务编号 publish_id；有了它只查询结果，不再提交。 / The publish_id; once recorded, the job is only polled, never resubmitted.
   */
  publishId?: string;
  /**
   * 消息数据编号 msg_data_id（数据统计与留言用）。 / The msg_data_id, used by analytics and comments.
   */
  msgDataId?: string;
  /**
   * 微信没有给出 msg_data_id（或文章链接）时写明原因：提交、查询、getarticle 和 batchget 都没有给出。有它时，已发布的记录可以没有 msgDataId，数据导入按标题对应文章。 / Why WeChat gave no msg_data_id (or article link): submit, get, getarticle and batchget all lacked it. With it a published record may go without msgDataId, and analytics match the article by its title.
   */
  msgDataIdMissing?: string;
  /**
   * 提交发布成功的时间。 / When the submission was accepted.
   */
  submittedAt?: string;
  /**
   * 发布成功后的 article_id。 / The article_id of the published article.
   */
  wechatArticleId?: string;
  /**
   * 文章的永久链接。 / The article's permanent link.
   */
  url?: string;
  /**
   * 确认发布成功的时间。 / When publication was confirmed.
   */
  publishedAt?: string;
  failure?: PublishFailure;
};

export interface PublishedImage {
  /**
   * 正文中的图片路径。 / The image source as written in the body.
   */
  src: string;
  /**
   * 上传时文件内容的 SHA-256；文件改了就重新上传。 / SHA-256 of the uploaded bytes; a changed file is uploaded again.
   */
  sha256: string;
  /**
   * 微信返回的图片网址。 / The URL WeChat returned.
   */
  url: string;
}
/**
 * 封面（material/add_material，永久图片素材）。 / The cover, a permanent image material (material/add_material).
 */
export interface PublishedCover {
  /**
   * 封面文件名。 / Cover file name.
   */
  file: string;
  /**
   * 上传时文件内容的 SHA-256。 / SHA-256 of the uploaded bytes.
   */
  sha256?: string;
  /**
   * 素材 media_id，草稿的 thumb_media_id。 / The material's media_id, the draft's thumb_media_id.
   */
  mediaId: string;
  /**
   * 素材网址。 / The material's URL.
   */
  url?: string;
}
/**
 * 失败原因（status 为 failed 时）。 / Why it failed (when status is failed).
 */
export interface PublishFailure {
  /**
   * 失败的步骤。 / The step that failed.
   */
  step: 'check' | 'images' | 'cover' | 'draft' | 'submit' | 'poll';
  /**
   * 发布状态 publish_status（2–6），或微信错误码 errcode。 / The publish_status (2–6), or WeChat's errcode.
   */
  status?: number;
  /**
   * 原因说明（中文 / English）。 / What it means (Chinese / English).
   */
  meaning: string;
  /**
   * 记录失败的时间。 / When the failure was recorded.
   */
  at: string;
}

/**
 * content/campaigns/<活动编号>/entries.csv 的一行：一条参与记录（留言、作答或投票），供 mpflow draw 抽签。只存不透明编号和部分遮挡的昵称，不存手机号、真实姓名或 openid。 / One row of content/campaigns/<campaign-id>/entries.csv: one entry (comment, answer or vote) for mpflow draw. Only an opaque id and a masked nickname are stored; never a phone number, a real name or an openid.
 */
export interface CampaignEntryRow {
  /**
   * 参与者的不透明编号（同一参与者多次留言用同一编号），如 w7f3a9c21；不能是手机号或 openid 原文。 / The participant's opaque id (the same for every entry of one participant), e.g. w7f3a9c21; never a phone number or a raw openid.
   */
  id: string;
  /**
   * 部分遮挡的昵称，如 山***风；至少含一个 *，最多露出 4 个字。 / The masked nickname, e.g. 山***风: at least one *, at most 4 visible characters.
   */
  nickname: string;
  /**
   * 参与时间（留言发布时间），带时区偏移。 / When the entry was made (the comment's time), with an offset.
   */
  enteredAt: string;
  /**
   * 问答活动中答对的题数；活动设了 draw.minCorrect 时，达不到的不参加抽签。抽奖、投票留空。 / For a quiz, how many answers were right; below the campaign's draw.minCorrect the entry is not drawn. Empty for lotteries and votes.
   */
  correct?: number;
}

/**
 * content/campaigns/<活动编号>/draw.yaml：由 mpflow draw --write 写入的抽签结果，请勿手改；mpflow check 会用同样的种子和参与记录复算，不一致即报错。 / The result written by mpflow draw --write; never edit it by hand: mpflow check re-runs the draw with the same seed and entries and fails on any difference.
 */
export interface CampaignDrawFile {
  /**
   * 活动编号。 / Campaign id.
   */
  campaign: string;
  /**
   * 抽签算法版本（见手册“活动策划与执行”）。 / Version of the draw algorithm (see the handbook).
   */
  algorithm: 'mpflow-draw/1';
  /**
   * 抽签种子，与活动记录 draw.seed 相同。 / The seed, as declared in the campaign's draw.seed.
   */
  seed: string;
  beacon?: DrawBeaconRound;
  /**
   * 参与记录文件及其摘要。 / The entries file and its digest.
   */
  entries: {
    /**
     * 参与记录文件（仓库内相对路径）。 / The entries file, repository-relative.
     */
    file: string;
    /**
     * 文件内容（换行统一为 LF）的 SHA-256。 / SHA-256 of the file's content with LF line endings.
     */
    sha256: string;
    /**
     * 文件中的记录行数。 / Rows in the file.
     */
    rows: number;
    /**
     * 活动期内的记录数。 / Rows inside the campaign period.
     */
    inPeriod: number;
    /**
     * 活动期内的参与者数（每人只计首条）。 / Participants inside the period (first entry each).
     */
    participants: number;
    /**
     * 符合抽签条件的参与者数。 / Participants eligible for the draw.
     */
    eligible: number;
  };
  /**
   * 抽签时间。 / When the draw was run.
   */
  drawnAt: string;
  /**
   * 中签者，按抽出顺序。 / Winners in the order drawn.
   */
  winners: CampaignDrawWinner[];
}
/**
 * 取自 drand 的随机数：轮次、签名和随机数（签名的 SHA-256），mpflow check 离线验证签名。 / The drand round the seed came from: its signature and randomness (SHA-256 of the signature); mpflow check verifies the signature offline.
 */
export interface DrawBeaconRound {
  /**
   * drand 链的哈希（quicknet）。 / The drand chain hash (quicknet).
   */
  chain: string;
  /**
   * 事先公布的 drand 轮次编号。 / The drand round announced in advance.
   */
  round: number;
  /**
   * BLS 签名（G1，48 字节）。 / The BLS signature (G1, 48 bytes).
   */
  signature: string;
  /**
   * SHA-256(签名)，即抽签种子。 / SHA-256 of the signature: the draw's seed.
   */
  randomness: string;
}
export interface CampaignDrawWinner {
  /**
   * 奖品名称（与活动记录 prizes 中的 name 相同）。 / Prize name, as in the campaign's prizes.
   */
  prize: string;
  /**
   * 在按时间排好的抽签名单中的编号（从 1 起）。 / Number in the canonically sorted pool (from 1).
   */
  position: number;
  /**
   * 参与者的不透明编号。 / The participant's opaque id.
   */
  id: string;
  /**
   * 部分遮挡的昵称。 / Masked nickname.
   */
  nickname: string;
}
