import type { PhraseEntry } from '../phrases.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import { reportedByEnforcement } from '../register.ts';
import table from './education.rules.json' with { type: 'json' };

/** Whom a promise of a result names, when it names anyone (保证孩子考上, 包你上岸). */
const WHO = '(?:你|您|孩子|宝贝|学员|学生|考生|每位学员|每个孩子|每一位学员)?';
/** What an exam or a course gives: a place, a pass, a licence, a score. */
const OUTCOME =
  '考上|考取|考入|考进|考到|考过|考出高分|录取|上岸|拿证|拿到证书?|升学|升读|入读|进入?名校|上名校|上重点|提分|提高成绩|提高分数|上榜|考获';

const ENTRIES: PhraseEntry[] = [
  {
    rule: 'education/guaranteed-result',
    pattern:
      '包过|保过|保证 ?\\d+ ?分|(?:达不到|没达到|考不到|不达标)[^。！？\\n]{0,4}(?:免费重(?:学|读|修|考)|退(?:款|费))|保分|保提分|提分保障|不提(?:分)? ?\\d* ?分?(?:全额)?退|签约(?:保过|保分|保录|保上岸)|命题(?:组|人|专家|老师|考官|人员)|阅卷(?:组|考官|老师|组长)|(?:考官|出题人)(?:亲自)?(?:授课|执教|讲课|押题)|(?:通过|录取|上岸|考试|考证|过关|拿证)率(?:高达|达到?|为|超过)?(?:百分之百|百分百|百分之九十)|(?:通过|录取|上岸|考试|考证|过关|拿证)率(?:高达|达到?|为|超过)? ?(?:≈|~|约|近|接近) ?(?:9\\d|100)(?:\\.\\d+)? ?%|包通过|保证(?:能)?(?:考取|考到|拿到|取得|通过|录取|考上|上岸|提分|就业|拿证|过关|考过|学会)|承诺(?:通过|过关)|(?:确保|承诺)(?:录取|考上|上岸|拿证)|押题准|一次拿证|(?:通过|录取|上岸|考试|考证|过关|拿证)率(?:高达|达到?|为|超过)? ?(?:9\\d|100)(?:\\.\\d+)? ?%|包(?:录取|上岸|拿证|就业|分配|考上)|(?:通过|录取|上岸|考试|考证|过关)率(?:高达|达到?|为)?100 ?%|(?:100 ?%|百分之百|百分百)(?:通过|录取|上岸|拿证|就业|过关)|(?<=[\\u4e00-\\u9fff])不过(?:全额)?退(?:款|费)|考不过(?:全额)?退(?:款|费)|押中原题|名师押题|考前押题',
    negatable: true,
  },
  // A certain outcome for a certificate or exam (稳稳拿下, 必过, 铁定上岸), in either order.
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:证书|证|资格|考试|考核|等级|学位|文凭|录取通知书?)[\\u4e00-\\u9fff]{0,3}?(?:稳稳当当|稳稳|稳|必|包|铁定|百分百|100 ?%)(?:能|可以|地)?(?:拿下|拿到|考过|通过|过关|过|到手|上岸|考取|录取)|(?:稳稳|稳|必|包|铁定)(?:能)?(?:拿下|拿到|考过|考取|上岸)[\\u4e00-\\u9fff]{0,4}?(?:证书|证|资格|学位|文凭|名校|考试)`,
    negatable: true,
  },
  // A score gain as the course's effect (提分 50 分, 最少提高 20 分, 学员平均提分 100 分) — 第二十四条 培训效果.
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:提分|涨分|多考|(?:成绩|分数|总分|考试)(?:平均)?(?:提高|提升|上涨|增加)|(?:最少|至少|平均|保底|保证|确保)(?:提高|提升|涨|多考))(?:最少|至少|平均|保底)? ?(?:\\d+|[一二三四五六七八九十百几]+) ?分(?!钟|之|享|类|级|析|别|配|手|开|数线)`,
    negatable: true,
  },
  // Failing refunds or costs nothing (不通过不收费, 过不了全额退款, 考不上退学费) — the 不 is the promise.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:不通过|没通过|未通过|过不了|考不过|考不上|没考上|不达标|拿不到证|没拿到证|不上岸|没上岸|不及格)[^。！？\\n]{0,4}?(?:不收费|不收钱|全额退款|退款|退费|退学费|免单|返还学费|学费全退)',
  },
  // Passing a civil-service or entrance exam at the first try (一次上岸, 保上岸): 上岸 is the promised result.
  { rule: 'education/guaranteed-result', pattern: '(?:一次|一次性|一把|保|包|稳|必)上岸', negatable: true },
  // The training's effect promised (包教包会) and a job promised (包推荐工作); 面包会 is not one.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '包教包会|包学包会|保证学会|包(?:推荐|安排|分配)(?:工作|就业|岗位)|(?:推荐|安排)(?:工作|就业)(?:包|保)(?:满意|成功)',
    negatable: true,
  },
  // Who sets or marks the exam teaches (第二十四条第二项), and 押中/押题 (忻州市监局提示).
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:出题|命题|阅卷|判卷|考试院|考务)(?:组|人|专家|老师|考官|人员|组长|委员|成员)|(?:考官|考评员)(?:亲自)?(?:授课|执教|讲课|辅导|指导|带班|押题)|押中|押题(?:准|精准|命中|必中|班|密卷|卷)|(?:考点|考题|真题|原题)[\\u4e00-\\u9fff]{0,2}?(?:全中|命中|一网打尽)|押题命中率`,
    negatable: true,
  },
  // "If you fail, study again free": the 不 here is the promise, not a negation of it.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:学不会|没学会|未通过|没通过|考不过|不通过|一次不过|考试不过)[^。！？\\n]{0,4}(?:免费重(?:学|读|修|考)|退(?:款|费|学费|全款|费用))|(?:重修|重学|重读|免费学|学)到(?:通过|考过|学会|拿证)为止',
  },
  // A score gain or a licence in a set time, promised (保证提高分数, 一月拿证, 30 天拿证).
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:保证|确保|承诺)(?:提高|提升)(?:分数|成绩)|拿证(?<=(?:\\d+|[一二两三四五六七八九十]+) ?(?:天|周|个?月)(?:包|保|即可|就能)?拿证)',
    negatable: true,
  },
  // A score or a pass promised in other words (中考包分, 包高分, 一次通过, 快速提分, 升学率 98%); 他一次通过了考试
  // tells what happened.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '包(?:分|高分|满分|及格|升学|考上|进名校|读名校)|(?:中考|高考|会考|统考|考研|考公|雅思|托福)[\\u4e00-\\u9fff]{0,2}?(?:包|保)(?:分|过|上|进)|(?:快速|轻松|大幅|迅速|高效|飞速|显著|暴涨式)(?:提分|提高分数|提升成绩|提高成绩|涨分)|提分(?:神器|秘籍|快|显著|明显|看得见|有保障)|一次(?:性)?(?:通过|过关|考过|考取|拿证)(?![了过])',
    negatable: true,
  },
  // A school's or an examiner's name lent to a course (多所高校……主训师, 北大名师授课, 前命题老师).
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:高校|名校|北大|清华|985|211|重点中学|重点大学)[\\u4e00-\\u9fff]{0,6}?(?:主训师|主讲老师|名师|教授)(?:亲自)?(?:授课|执教|带班|主讲|亲授|团队)|主训师',
    negatable: true,
  },
  // Exam questions foretold and results sold as certain, as cram schools in Taiwan and Hong Kong word them
  // (貼題, 必出題目, 命中率, 保證上榜, 狀元導師, 不進步退費, 上榜率 95%).
  // A refund if the buyer is not satisfied (不满意退款) promises no result: it is a shop's or a paid group's terms
  // (知识星球……不满意三天退款, 一頁式網頁的「不滿意包退」), so only a result not reached (不进步, 不及格) counts.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '贴题|猜题(?:班|准|命中)|预测(?:考)?题目?|必出(?:题|考点|考题)|(?:题目|考题|试题|押题|猜题)命中率|保证(?:上榜|进步|及格|合格|升班|升学|满分|考获|考上|入读)|(?:状元|星级|王牌)(?:导师|名师|老师)|(?:不|没有?)(?:进步|上榜|及格|合格)[^。！？；\\n]{0,4}?(?:退费|退款|退学费|免费重读|免费重修)|(?:上榜|升学|考取|合格|及格|升读|重本|一本|本科)率(?:高达|达到?|超过|为)? ?(?:9\\d|100)(?:\\.\\d+)? ?%',
    negatable: true,
  },
  // Admission or a seat promised by a back door (保录, 内部名额, 名校直通车) — 第二十四条第一项.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '保录(?:取)?|包录|内部(?:指标|名额|渠道)(?:(?<=(?:录取|入学|升学|学位|名校|入读|报读)[\\u4e00-\\u9fff]{0,6}?内部(?:指标|名额|渠道))|(?=[^。！？；\\n]{0,8}?(?:录取|入学|升学|入读|名校|学位)))|(?:名校|清华|北大|重点)直通车|直通(?:名校|清华|北大|985|211|重点大学|重点高中)',
    negatable: true,
  },
  // The training's effect in a set time or from nothing (21 天学会, 零基础轻松拿证, 成绩突飞猛进) — 第二十四条 培训效果.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:学会(?!了)|速成|精通|过级)(?<=(?:\\d+|[一二两三四五六七八九十]+) ?(?:天|周|个?月)(?:就能|即可|保证|包)?(?:学会|速成|精通|过级))|零基础[^。！？；\\n]{0,8}?(?:轻松|快速|也能|就能|即可|包)(?:拿证|过级|考过|上岸|通过|考取)|(?:成绩|分数|名次)(?:突飞猛进|飙升|暴涨|直线上升|翻倍|翻番)',
    negatable: true,
  },
  // Pupils' results as the school's proof (学员 98% 考入重点, 逆袭名校) — 第二十四条第三项, 受益者的名义.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:学员|学生|学子|孩子)[^。！？；\\n]{0,6}?(?:\\d+ ?%|百分之[一二三四五六七八九十百]+)[^。！？；\\n]{0,4}?(?:考入|考上|进入|升入|被)(?:重点|名校|985|211|一本|清华|北大)|逆袭(?:名校|清华|北大|985|211|重点|学霸)',
    negatable: true,
  },
  // A score gain sold as the course's effect, by its span or its ease (20天提升5—8分, 轻松提升10—15分, 全科同步
  // 提升30分: 南都, 广州卓越 case); a ranged gain (5—8 分) is a promise as much as a single figure.
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:(?:轻松|快速|迅速|稳步|同步|直接|立即|马上|至少|最少|保底)(?:提升|提高|涨|提|多考|多拿)|(?:提升|提高|涨|提|多考|多拿)(?<=(?:\\d+|[一二两三四五六七八九十]+) ?(?:天|周|个月|节课|次课|课时)[^。！？；\\n]{0,2}?(?:提升|提高|涨|提|多考|多拿)))(?!了) ?(?:\\d+|[一二三四五六七八九十百]+)(?: ?[-—–~～至到] ?(?:\\d+|[一二三四五六七八九十百]+))? ?分(?!钟|之|享|类|级|析|别|配|手|开|数线|数段)`,
    negatable: true,
  },
  // The form of a guaranteed result, whatever its words: a promise + an exam outcome (包你考上理想大学, 保证孩子
  // 考上重点高中, 保證成績提高); 确保 and the weaker 一定/稳/必 only with an outcome that is an exam's (一定能上岸),
  // not with 通过 or 合格 (确保通过验收, 确保合格 are a factory's or an office's words); a bare 包 or 保 is the
  // promise only when no word ends in it (确保, 红包, 承包).
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:保证|承诺|(?<![确担环承面红书钱背打荷腰])(?:包|保))(?:让)?${WHO}(?:能|可以|会|能够)?(?:${OUTCOME}|通过|过关|合格|及格|学会|拿下|成绩(?:提高|提升|进步)|分数(?:提高|提升))|(?:确保|担保|一定|肯定|铁定|稳|必)(?:让)?${WHO}(?:能|可以|会|能够)?(?:${OUTCOME})`,
    negatable: true,
  },
  // Failing refunds, in more words (考不到 5** 全數退款, 不过全额退费) and retaking until one passes.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:不过|没过|未过|考不到|考不上|达不到|没考上|不合格|不及格|不达标|不提分|没提分|没进步|不进步)[^。！？；\\n]{0,8}?(?:全额|全数|全部)(?:退款|退费|退还|退学费)|(?:无限次?|免费)(?:重修|重学|重读|复训|重听)[^。！？；\\n]{0,6}?(?:直到|到)(?:通过|考过|学会|拿证|考上|上岸)',
  },
  // A grade promised (保證 5**, 稳拿 A) and a score raised from one figure to another (从 30 分提到 120 分). A bare letter
  // grade is held to the verbs that take a grade (稳拿, 必拿: 留學生穩拿A), not to 保证 or 包, which take many letters.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:保证|包|稳拿|稳取|必取|必拿|确保) ?(?:5\\*\\*|5\\*|a\\+|满分|一等|全a)|(?:稳拿|稳取|必取|必拿|稳得) ?a(?![a-z0-9])|从 ?\\d+ ?分(?:提高|提升|提|涨|飙升|逆袭|考)到 ?\\d+ ?分',
    negatable: true,
  },
  // A pass or admission rate sold by its height, as a figure or a word (升讀大學率達九成, 录取率超高, 高通过率).
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:升学|升读|录取|通过|上岸|过关|考取|合格|及格|上榜|进面|拿证)[\\u4e00-\\u9fff]{0,2}率(?:高达|达到?|超过|为)? ?(?:[89]\\d(?:\\.\\d+)? ?%|百分之[八九]十|[八九]成|100 ?%)|(?:录取|通过|上岸|升学|过关|拿证)率(?:极高|超高|奇高|很高)|(?:超高|极高|高)(?:通过|录取|上岸|升学)率',
    negatable: true,
  },
  // Who teaches as the proof (状元亲自授课, 特级教师坐镇, 命题专家押题) and the questions foretold (专家押题, 考点全覆盖).
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:状元|特级教师|金牌讲师|金牌教师|命题专家|阅卷专家|考官)(?:团队)?(?:亲自|亲临)?(?:授课|执教|讲课|主讲|辅导|带班|亲授|押题|坐镇)|(?:专家|权威|老师|考官|内部)押题|考点全(?:覆盖|命中)',
    negatable: true,
  },
  // A job or a degree promised as the course's effect (就业率高达 98%, 毕业即就业, 签约包就业, 一年拿下本科学历),
  // questions foretold (貼中五題, 猜中考题), and learning guaranteed in Hong Kong's words (包教包識,
  // 學唔識退款); 保就业 alone is the state's slogan (稳就业、保就业), so only a contract's or 包's counts.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '就业率(?:高达|达到?|超过|为)? ?(?:9\\d|100)(?:\\.\\d+)? ?%|(?:毕业|结业|学完|出师)(?:即|就|包|后包|即可)(?:就业|上岗|入职|分配工作)|(?:签约|签约保|包)(?:就业|入职|上岗)|高薪(?:就业|入职)|(?:\\d+|[一二两三四五六七八九十几]+) ?(?:天|周|个?月|年)[\\u4e00-\\u9fff]{0,2}?(?:突破|拿下|搞定|考到|考取|拿到|流利说|精通)[\\u4e00-\\u9fff]{0,4}?(?:雅思|托福|四级|六级|学历|学位|证书|文凭|英语|口语|日语|\\d+ ?分)|(?:贴|猜)中[\\u4e00-\\u9fff]{0,3}?题|包教包(?:识|懂)|(?:学唔识|学唔会|学不懂)[^。！？；\\n]{0,4}?退',
    negatable: true,
  },
  // A certificate without the exam (不用考试直接拿证, 免考拿证): the 不 is the promise, not a negation. 免试入学 is
  // also the state's rule for compulsory schooling (免试就近入学), so a place is left out.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:免试|免考|不用考试|无需考试|不考试|不用考|无需考)[\\u4e00-\\u9fff]{0,4}?(?:拿证|发证|取证|拿文凭|拿学历|拿学位)',
  },
  // 第二十四条（一）as the 2024–2025 高考/中考 notices of the 安徽, 忻州 and 太原 市场监管 word it for 志愿填报 ads: a
  // success rate promised (保证志愿填报成功率), inside data or a special channel to a place (内部信息, 内部数据, 特殊渠道,
  // 降分录取), and a job by contract (协议就业) — each a promise of the outcome, not of the teaching.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:保证|确保|承诺|包)(?:志愿)?(?:填报)?(?:成功率|录取率|命中率)|(?:内部|独家|特殊)(?:信息|数据|渠道|关系|名额|指标)(?:(?<=(?:志愿|填报|录取|招生|升学|高考|中考|名校)[^。！？；\\n]{0,10}?(?:内部|独家|特殊)(?:信息|数据|渠道|关系|名额|指标)))|(?:内部|独家|特殊)(?:信息|数据|渠道)(?=[^。！？；\\n]{0,10}?(?:志愿|填报|录取|升学|名校))|降分录取|(?:协议|签约)就业|就业协议(?:保障|包)',
    negatable: true,
  },
  // 第二十四条（二）明示或者暗示有相关考试机构或者其工作人员、考试命题人员参与教育、培训: the examiners' office or its
  // people named as the course's makers (考试院专家参与编写, 原命题组成员, 命题研究组, 考试中心老师授课); 太原's notice
  // names 官方指定 and 某某机构命题组. The course sold as the examiners' partner (本机构与考试中心合作，内部题库; 考试院授权机构)
  // is the same 暗示 of the exam body's part: only where the course or its pupils follow in the clause, since an office's
  // own news (学校与省教育考试院合作开展考务培训) tells of administering the exam, not of teaching for it.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:与|和|跟)(?:省|市|国家)?(?:教育)?(?:考试院|考试中心|考试机构|考试局|考评局|考选部|命题组|出题组|人事考试中心)(?:长期|深度|独家|官方|战略)?(?:合作|联合办学|签约|共建)(?:单位|机构|伙伴|办学|培训)?(?=[^。！？；\\n]{0,12}?(?:课程|辅导|题库|押题|教材|学员|报名|包过|保过))|(?:考试院|考试中心|考试局|考评局|人事考试中心)(?:的)?(?:合作|授权)(?:单位|机构|伙伴|培训机构|基地)|' +
      '(?:考试院|考试中心|人事考试|教育考试|考试局|考评中心|出题|命题)[\\u4e00-\\u9fff]{0,4}?(?:专家|老师|人员|成员|官员|领导)[\\u4e00-\\u9fff]{0,4}?(?:参与|参加|联合|亲自|加盟|担任|坐镇|授课|编写|编撰|研发|主讲|执教|指导)|(?:原|前|退休)(?:考试院|命题|出题|阅卷)|命题(?:研究|教研)?(?:组|小组|团队|委员会)(?:成员|专家|老师)?(?:亲自|联合)?(?:授课|编写|押题|指导|主讲|研发)?|(?:官方|考试院|考试中心)指定(?:教材|用书|培训|机构|课程)',
    negatable: true,
  },
  // 第二十四条（三）受益者的名义作证明, as 桂林's 2025 notice words it (不得以“喜报”“红榜”“成功上岸”等……以考试通过者名义
  // 作证明): the passers counted as the proof (312 名学员成功上岸, 98 位考生考取), and a 喜报 or 红榜 of places won; the
  // training's effect in a set time (太原: “多少天就能看到效果”) and the crash course sold as such (海淀: 速成, 保过班).
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:学员|学生|学子|考生|孩子)(?<=(?:\\d+|[一二三四五六七八九十百千]+) ?(?:名|位|个)?(?:学员|学生|学子|考生|孩子))[^。！？；\\n]{0,6}?(?:成功|顺利|全部|均)(?:上岸|考上|考取|考入|通过|录取|拿证|过关)|(?:喜报|红榜|光荣榜)[^。！？；\\n]{0,16}?(?:上岸|考上|考取|考入|录取|通过|拿证|高分|状元)|(?:就能|即可|就可以|保证|包)(?:看到|见到|见)(?:效果|进步|提升|提高|成效)(?<=(?:\\d+|[一二两三四五六七八九十几]+) ?(?:天|周|个月|节课|次课|课时)(?:就能|即可|就可以|保证|包)(?:看到|见到|见)(?:效果|进步|提升|提高|成效))|速成(?:班|课|营|秘籍)|保过班`,
    negatable: true,
  },
  // 第二十四条（一）教育、培训的效果作出明示或者暗示的保证性承诺 and （三）受益者的名义, in the words cram schools in Taiwan and
  // on the mainland use: achievers counted (35 位學生滿級分, 本班包辦榜首, 榜首出自本班), everyone admitted (全數錄取, 全员
  // 上岸), a gain promised as what the course gives (上课就能提高 20 分, 高考提高 50 分不是梦, 稳上 985), no gain costing
  // nothing (成绩不提高不收费), and teaching until it is learnt (學會為止).
  // 全部通过 is what checks, tests and reviews do (检查全部通过后合并): only with a learner or an exam before it
  // (本班考生全部通过) is it a result promised.
  {
    rule: 'education/guaranteed-result',
    pattern: `(?:学员|学生|学子|考生)(?<=(?:\\d+|[一二三四五六七八九十百千]+) ?(?:名|位|个)?(?:学员|学生|学子|考生))[^。！？；\\n]{0,4}?(?:满级分|拿到满分|考满分|金榜题名|上榜|夺得榜首|状元)|包办(?:榜首|状元|前 ?(?:\\d+|[一二三四五六七八九十]+) ?名)|(?:榜首|状元)(?:出自|来自|就在|尽在)(?:本班|本校|我们|本机构|本中心)|(?:全数|全部|全员|百分百)(?:录取|上岸|考取|上榜)(?!了)|(?:全数|全部|全员|百分百)(?:通过|过关)(?<=(?:学员|学生|学子|考生|孩子|考试|考证|报考|本班|本校)[^。！？；\\n]{0,12}?(?:全数|全部|全员|百分百)(?:通过|过关))(?!了)|(?:就能|就可以|即可|保证|包)(?:提高|提升|涨|多考|提) ?(?:\\d+|[一二三四五六七八九十百]+) ?分(?!钟|之|享|类|级|析|别|配|手|开|数线)|(?<![确担环承面红书钱背打荷腰])(?:稳|必|包|保)上(?:985|211|名校|重点|一本|清华|北大|本科|大学|研究所|公立|国立)|(?:成绩|分数)(?:不提高|没提高|不提升|没提升|不进步|没进步)[^。！？；\\n]{0,4}?(?:不收费|不收钱|退费|退款|免费)|(?:学会|学到会|学懂|考过|拿证)为止`,
    negatable: true,
  },
  // 第二十四条（一）对……取得学位学历……作出保证性承诺 and a job promised: a degree or a diploma got fast (一年制快速考本科,
  // 轻松拿大专文凭), a job without worry (就业无忧), and graduates placed in named firms (毕业生对应安排在……等知名企业就业).
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:快速|轻松|速成|一年制?|半年)[\\u4e00-\\u9fff]{0,2}?(?:考|拿|取得|获得)(?:本科|专科|大专|学历|学位|文凭|毕业证)|就业无忧|(?:毕业|结业)[\\u4e00-\\u9fff]{0,4}?(?:对应|定向|统一|全部|负责)安排[^。！？；\\n]{0,60}?就业',
    negatable: true,
  },
  // A flat sold with a school place (首期6萬,買會展三房,上郾城小學): 第二十四条（一）升学 promised, in a property ad.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:买|购|购买)[^。！？；\\n]{0,6}?(?:房|楼|学区房|住宅)[^。！？；\\n]{0,4}?(?:上|读|就读|入读|直升)[\\u4e00-\\u9fff]{0,4}?(?:小学|初中|中学|名校|重点)',
    negatable: true,
  },
  // A gain told as a dream come true (高考提高 50 分不是梦): its 不是 is the promise, so it is not negatable.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:提高|提升|涨|多考|提|考上|上岸|拿证|过级|高分通过|一次通过|通过考试) ?(?:(?:\\d+|[一二三四五六七八九十百]+) ?分|名校|985|211|清华|北大)?不(?:再)?是梦',
  },
  // 第二十四条（一）对……通过考试、获得……合格证书……作出保证性承诺 in a driving or a certificate school's words: the pass
  // without worry (考证无忧, 拿证无忧, 过关无忧), the licence got fast or easily (快速拿证, 轻松拿证), and the diploma
  // promised (包拿毕业证, 稳拿驾照). 无忧 of 升学 is also the state's word for migrant pupils' schooling and 考试无忧 a
  // study tip's, so both are left out; 快速取证 is a forensic tool's (Windows 事件日志快速取证), not a licence.
  {
    rule: 'education/guaranteed-result',
    pattern:
      '(?:考证|拿证|过关|上岸|录取)无忧|(?:快速|轻松|极速|火速)(?:拿证|拿驾照|拿到驾照|拿到证书|考取证书)|(?:包|保|稳)拿(?:证书?|毕业证|结业证|学历|学位|文凭|驾照|驾驶证)',
    negatable: true,
  },
  // 第二十四条（一）明示或者暗示的保证性承诺 where the fee hangs on the result: a class named for the guarantee (國考保證班,
  // 公職保證班; 保证班级秩序 is a class's order), paying only after passing (考上再付款, 上榜才收費, 通过后再交学费), failing
  // costing nothing (考不上免學費, 没考上不收钱), a refund after 包过 or a contract class (协议班，不过退费: 不过 alone is
  // also "but"), and teaching until the pass (包到考上为止).
  {
    rule: 'education/guaranteed-result',
    pattern: `保证班(?![级长主会干委子底])|(?:考上|上榜|通过|考过|录取|过了|拿证|拿到证书?)(?:后|之后)?(?:才|再)(?:收费|付款|付费|交费|交学费|缴费|付钱|给钱|收钱)|(?:考不上|考不过|没考上|没考过|未通过|不通过|不上榜|落榜)(?:就|则|的话)?(?:不收费|免学费|不收学费|不收钱|退钱|退费|退学费|退全款)|(?<=(?:包过|保过|协议班?|签约班?)[,， ]?)不过(?:就|则)?(?:退费|退款|退学费|退全款|不收费)|(?:包到|包教到|包|保|教到|读到|学到)(?:你|您)?(?:考上|上榜|通过|拿证|考过|录取)为止`,
    negatable: true,
  },
];

/**
 * Every entry asserts its claim to a buyer: not told in a report with no seller's word (register.ts
 * readAsReport), not asked as a yes-or-no question (这真的能稳赚吗？ is a headline that doubts it;
 * register.ts askedAt), and not reported by enforcement or a warning (register.ts). It also ends on a
 * word boundary: the family's short forms (包过, 包分, 出题人) are the head of a longer word in
 * technical prose (抓包分析, 压缩包分别, 包过滤, 出题人员), where 包 belongs to the word before it.
 */
export const PHRASES: PhraseEntry[] = reportedByEnforcement(
  ENTRIES.map((entry) => ({ ...entry, reportable: true, notAsked: true, wordEnd: true })),
);

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'education'> = defineFamily('education', table, { phrases: PHRASES });
