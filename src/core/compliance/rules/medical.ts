import type { PhraseEntry } from '../phrases.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import { eachAlternative, NOT_ASKED, reportedByEnforcement } from '../register.ts';
import table from './medical.rules.json' with { type: 'json' };

const DISEASES =
  '癌症|癌|肿瘤|高血压|糖尿病|高血脂|高尿酸|痛风|失眠|便秘|胃病|胃炎|肝病|脂肪肝|心脏病|冠心病|心脑血管疾病|心血管疾病|心脑血管病|三高|感冒|咽炎|关节炎|骨质疏松|前列腺炎?|疾病|百病|炎症|贫血|抑郁症?|肥胖症|老年痴呆|新冠|流感|咳嗽|哮喘|鼻炎|支气管炎|湿疹|痛经|口腔溃疡|胃溃疡|溃疡|动脉硬化|血栓|乙肝|肝炎|肝损伤|近视|脱发|颈椎病|结石|中风|脑梗|心梗|慢性病|慢性疾病|发烧|发热|焦虑症?|幽门螺杆菌|幽门螺旋杆菌|癌细胞|病毒感染|细菌感染|皮炎|妇科病|风湿|类风湿|甲状腺结节|结节|息肉|囊肿|白内障|青光眼|干眼症|偏头痛|头痛|失眠症|便血|痔疮|尿路感染|肾炎|肾结石|胆结石|心律不齐|心绞痛|高血糖|低血糖|血管堵塞|血管硬化|骨质增生|椎间盘突出|静脉曲张|黄褐斑|灰指甲|口臭|骨松';

/** A number of jin or centimetres, in digits or Chinese numerals, with the spacing typesetting adds. */
const AMOUNT = ' ?(?:\\d+(?:\\.\\d+)?|[一二三四五六七八九十两几]+) ?';
/** Body parts and organs: 治 + a part + a symptom word is a treatment claim whatever the part. */
const BODY =
  '眼睛|眼部|双眼|眼|视力|头部?|脑|胃部?|肠道?|肝脏?|肾脏?|心脏?|肺部?|腰部?|颈椎|颈部|肩颈|关节|膝盖|皮肤|喉咙|咽喉|嗓子|口腔|牙齿?|牙龈|鼻子?|耳朵?|血管|子宫|乳腺|手脚|四肢|腿脚?';
const SYMPTOM =
  '干涩|模糊|疼痛?|酸痛|胀痛|胀气?|不适|发炎|炎|出血|肿痛?|麻木|瘙痒|溃疡|衰退|疲劳|老化|堵塞|硬化|发黑|结节|增生|下垂|冰凉|冰冷|红肿|充血';
/** 有（明显）改善/治疗作用: the effect half of 对 + conditions + 有……作用. */
const EFFECT_CLAIM =
  '(?:有|具有)(?:明显|显著|很好|良好|一定|神奇|特殊|独特)?的?(?:改善|治疗|缓解|预防|调理|疗|治愈|防治|辅助治疗|抑制)(?:作用|效果|功效|效用)';
/** The outcome told as cured (老胃病竟然好了); the condition is checked behind it, for speed as above. */
const CURED = '(?:好了|就好|就能好|痊愈了?|断根|除根|再没犯)';
/** 执法指南 and 第十七条 concern goods; a vaccine, a doctor or a hospital in the sentence is medical care itself. */
const MEDICAL_CARE = /疫苗|接种|就医|遵医嘱|医生(?:建议|指导|说)|在医生|去医院|到医院|临床|处方/;

/**
 * 第十六条 binds the seller of goods; a sentence about a drug's approval or trial, a hospital's
 * admissions or a vaccine (附条件批准……治疗新冠, 抗病毒候选药物, 定点医院收治) reports on medicine itself.
 */
const MEDICINE_REPORTED =
  /药监局|药品监督管理|适应症|临床(?:试验|研究|前|开发|数据)|附条件批准|获批上市|新药|口服药|候选药物|抑制剂|定点医院|收治|救治|疫苗|接种|就医|遵医嘱|处方|药企|药业|医药板块/;

/** A condition gone, told as the result. */
const GONE = '(?:缩小了|消失了|全消|不见了|明显好转|大为好转|好转了|减轻了|痊愈|康复了|不再复发)';
/** A marked effect claimed (有显著效果, 有很好的作用). */
const MARKED_EFFECT = '(?:有|具有)(?:显[著着]|明显|神奇|很好|良好|特殊|奇佳)的?(?:效果|作用|功效)';

/** 中医 effect words: on an ordinary food they are medical terms (第十七条: 易与药品相混淆的用语). */
const TCM_EFFECT =
  '健脾|开胃|安神|止痢|益气|填精|补血|养血|活血|化瘀|清热解毒|清热|解毒|祛湿|去湿|除湿|滋阴|补阳|补肾|养肝|护肝|润肺|止咳|化痰|降火|去火|明目|安眠|助眠|通便|利尿|消肿|止痛|止血|养胃|护胃|固本|培元|补气|理气|疏肝|生津|止渴|驱寒|祛风|通络|镇静';

/**
 * Patients cured and discharged, a drug in the news: a 治愈 or a 特效药 reported, not promised. Patients addressed as the
 * goods' audience (胃病患者的福音, 广大患者朋友) are an advertisement's words, not a ward's.
 */
const MEDICINE_CARE_NEWS = new RegExp(
  `${MEDICINE_REPORTED.source}|(?<!广大)患者(?!的?福音|朋友)|出院|确诊|病例|疫情|医院|医护`,
);

/**
 * A medicine named by what it does (增强性功能等药物, 降血糖类药物, 问降血糖药物的人) is a class of drugs talked about, not a
 * claim for goods.
 */
const NOT_A_DRUG_CLASS = '(?![\\u4e00-\\u9fff、]{0,12}?(?:等|类|之类)的?(?:药物|药品|药)|药物|药品)';
/**
 * An examination named after the disease it looks for (防癌体检, 肿瘤筛查, 高血压检测) is a check-up
 * offered, not a cure claimed.
 */
const NOT_AN_EXAMINATION = '(?!体检|筛查|普查|早筛|检查|检测|诊断)';

const ENTRIES: PhraseEntry[] = [
  // 有……之功效 with a medical effect named (健脾开胃、安神止痢之功效), and a good 疗效 on conditions.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `(?:功效|功能|作用|疗效|效果)(?<=(?:${TCM_EFFECT})[^。！？；\\n]{0,16}?(?:之|的)?(?:功效|功能|作用|疗效|效果))|(?:有|具有|起到|达到)(?:良好|很好|较好|极佳|一定|非凡|卓越|明显|显著|神奇)的?疗效`,
    negatable: true,
  },
  // Sexual performance and the speed of an effect (一粒挺, 一夜7次, 起效更快, 快速止痛): claims no food may make.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '性保健|勃起|重振雄风|持久不泄|延时(?:持久|喷剂|不射)|一夜 ?(?:\\d|[一二三四五六七八九十])次|(?:一粒|一颗|一片)(?:就|即)?(?:挺|硬|见效)|大硬粗|起效(?:更)?(?:快|迅速)|(?:快速|迅速|立即|马上|立刻)(?:起效|见效|止痛|退烧|止咳|降压|降糖)',
    negatable: true,
  },
  // Bodily functions said to be adjusted or raised (改善體質, 促進新陳代謝, 提升免疫力, 抗氧化, 延年益壽): the
  // 食安法 §28 and 第十七条 list of words that confuse food with medicine, in either script; 認定準則 also names sight
  // restored (改善視力, 顧眼睛), fat reduced (減少脂肪堆積) and youth returned (返老還童).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '(?:改善|调节|调整|调理|促进|增强|提升|提高|活化|强化|平衡)(?:人体)?(?:体质|生理机能|新陈代谢|代谢|免疫|体力|记忆力|睡眠|入睡|消化机能|肠胃机能|肝功能|荷尔蒙|内分泌|性功能|性能力|过敏)|抗(?:氧化|过敏|发炎)|延年益寿|青春永驻|长生不老|返老还童|(?:改善|恢复|提升|提高|增进)视力|顾眼睛|减少脂肪(?:堆积|囤积|吸收)?|活化细胞|细胞再生|消除疲劳|解酒护肝|(?:美白|淡斑|祛斑|去斑|祛痘|去皱|除皱|消除皱纹)(?:功效|效果|作用|神器)|丰胸|增高(?=[\\u4e00-\\u9fff]{0,2}(?:药|产品|鞋垫|神器|秘方|效果))|增高(?<=(?:帮助|助|促进|快速|轻松)增高)|转骨|(?:帮助|促进|加速)(?:入睡|排便|排毒|燃脂|消脂|瘦身|发育|长高)',
    negatable: true,
  },
  // An effect on the body said to be sure (有效改善, 顯著預防, 明显缓解): the 有效 is the medical promise. 化妆品监督管理条例
  // 第四十三条 and 化粧品衛生安全管理法 第十條 forbid 虛偽或誇大 and 醫療效能 claims: a part of the body or its trouble said
  // to be put right for good (彻底改善你的睫毛问题), and 亚健康 said to be treated (专门改善面部和身体亚健康问题).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `(?:有效|显著|明显|快速|彻底)(?:改善|预防|缓解|抑制|治疗|根除|消除)[\\u4e00-\\u9fff]{0,3}?(?:${DISEASES}|${SYMPTOM}|症状|病症|病情|失眠|便秘|疲劳|疼痛|头晕|水肿|过敏|三高)|彻底(?:改善|解决|根除|消除|告别)(?:你|您)?(?:的)?(?:${BODY}|睫毛|头发|发质|肌肤|体质|毛孔|痘痘)(?:的)?(?:问题|烦恼|困扰)|(?:改善|调理|调节|治疗|缓解|消除|告别)[\\u4e00-\\u9fff]{0,6}?亚健康`,
    negatable: true,
  },
  // Flow and growth told as an effect (泌尿道好顺畅, 促进生长速度), the prescription no longer taken (处方笺……已经没在吃了).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '(?:泌尿道|尿道|小便|排尿|排便|肠道|血管|血流|经络)[\\u4e00-\\u9fff]{0,2}?(?:顺畅|通畅|畅通)|促进(?:头发|毛发|毛囊|睫毛|眉毛|指甲)?生长|(?:处方笺?|慢性病?药|降压药|降糖药|药)[\\u4e00-\\u9fff,]{0,12}?(?:慢慢减|减量|减半|停了|停掉|不用吃|没在吃|不吃了)',
    negatable: true,
  },
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `(?:治疗|治好了?|治愈了?|医治|治|调理|缓解|改善|预防|防止|防治|抑制|抗|防|远离|告别|根除|消除|清除|击退|对抗|战胜|赶走|杀灭|杀死|消灭|降低)(?:各种|多种|一切|了|我|你|他|她|多年|长期|顽固|体内|的|老){0,4}(?:${DISEASES})${NOT_AN_EXAMINATION}`,
    negatable: true,
    exemptBefore: MEDICAL_CARE,
  },
  // 对 + a list of conditions + 有……改善/治疗作用: the claim sits after the list.
  // Anchored on the rare claim, with the condition list checked behind it: a pattern that starts with
  // the long DISEASES alternation costs a test at every character of every article.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `${EFFECT_CLAIM}(?<=(?:${DISEASES})[^。！？；\\n]{0,12}?${EFFECT_CLAIM})`,
    negatable: true,
    exemptBefore: MEDICAL_CARE,
  },
  // 专治/主治 are a drug label's words (专治眼睛干涩); 专治各种不服 is slang, and 主治医师 a doctor's rank.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `(?:专治|主治|专门治疗?|特治)(?!各种不服|不服|拖延|医|大夫)`,
    negatable: true,
  },
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `(?:治疗?|治好|医治|缓解|改善|消除|根除|去除|减轻|修复|疏通|打通|清除)(?:${BODY})[\\u4e00-\\u9fff]{0,2}?(?:${SYMPTOM})|(?:打通|疏通|软化|清理|清洗|净化)血管|(?:溶解?|化掉?|清除|疏通)血栓|血栓[\\u4e00-\\u9fff]{0,3}?(?:溶解|消除|化解|消失)|(?:恢复|提高|提升|改善)视力|(?:角膜|视神经|视网膜|受损细胞)[\\u4e00-\\u9fff]{0,2}?修复|修复(?:角膜|眼角膜|视神经|视网膜)`,
    negatable: true,
    exemptBefore: MEDICAL_CARE,
  },
  // Pregnancy, fertility, nursing and children's growth (第十七条; 特殊人群 claims on ordinary food).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '安胎|保胎|养胎|助孕|促孕|备孕神器|催乳|催奶|下奶|通乳|回奶|(?:促进|帮助)(?:孩子|宝宝|儿童|青少年)?(?:长高|发育|骨骼生长)|益智健脑',
    negatable: true,
  },
  // The goods replace a medicine: 不用再吃降压药, 告别胰岛素, 停掉降糖药 (与药品相混淆, 第十七条).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '(?:(?:不用|不必|无需|无须|不需要|不再需要)再|再也不(?:用|必|需要))(?:吃|打|服|用|喝)[\\u4e00-\\u9fff]{0,3}?(?:药|针|胰岛素)',
  },
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    negatable: true,
    pattern:
      '(?:告别|摆脱|扔掉|停掉|停了|戒掉|甩掉)[\\u4e00-\\u9fff]{0,3}?(?:降压药|降糖药|降脂药|胰岛素|安眠药|止痛药|药罐子|药物)|(?:代替|替代|取代|胜过)[\\u4e00-\\u9fff]{0,2}?(?:药物|药品|吃药|降压药|降糖药)',
  },
  // 排毒 with a virus as its subject (新冠病毒排毒时间) is viral shedding, a term of virology, not a detox claim.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `降(?:血压|血糖|血脂|三高|尿酸|胆固醇|血粘|血黏)|退(?:烧|热)(?![药片])|(?:天然|纯天然|绿色)的?[\\u4e00-\\u9fff]{0,2}(?:退烧|降压|降糖|消炎|止咳|止痛)药|降(?:压|糖|脂)(?!药)|洗(?:黑)?肺|清肺|比[\\u4e00-\\u9fff]{0,4}药还(?:灵|管用|好用|有效|见效|好使|强|厉害)|(?:调节|调理|降低|稳定|平衡)(?:血脂|血压|血糖|尿酸|胆固醇)|(?:修复|保护)(?:肝脏?|胃黏膜|肠道黏膜|肝细胞|受损[\\u4e00-\\u9fff]{0,2})|护肝|(?:减掉|瘦了?|甩掉|减重)${AMOUNT}(?:斤|公斤|kg)|长高${AMOUNT}(?:厘米|公分|cm)|(?:增强|提高|提升)(?:人体)?免疫力|清肠排毒|排毒养颜|(?<!病毒|病毒的)排毒|燃脂|溶脂|减肥瘦身|抗衰老|延缓衰老|壮阳|补肾|杀菌消炎|消炎|抗病毒|(?:有|具有)(?:治疗|药用|医疗)(?:作用|效果|功效|价值)|治疗(?:效果|功效)`,
    negatable: true,
  },
  // The outcome told as a result: 血糖降下来了, 老胃病竟然好了.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `(?:血糖|血压|血脂|尿酸|胆固醇)[\\u4e00-\\u9fff]{0,3}?(?:降下来|降了|恢复正常|正常了|降至正常|回归正常)|${CURED}(?<=(?:${DISEASES})[\\u4e00-\\u9fff]{0,4}?${CURED})`,
    negatable: true,
  },
  // 治愈 brought by a video, a song or a film (通过视频得到治愈) is comfort (治愈系, 幽默治愈的小短片, 治愈别人的伤口), and the
  // number cured (每天治愈的人数) a statistic, not a cure; 收到奇效 (works wonders) tells
  // a result, as a security write-up does of a method. N 天见效 is anchored on
  // 天见效, its count checked behind it: a pattern that starts with a digit or a numeral is tried at every one of them.
  {
    rule: 'medical/absolute-efficacy',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern:
      '药到病除|(?:显[著着]|明显|神奇|独特|确切|特殊)(?:的)?疗效|有疗效|包治(?:百病)?|根治|(?<!(?:视频|音乐|电影|歌曲?|动画|漫画|画面|照片|图片)[\\u4e00-\\u9fff]{0,4})治愈(?!出院|系|风格|感|力|了?自己|心灵|的?人数|[^。！？，\\n]{0,6}?(?:灵魂|心灵|心情|情绪|孤独|寂寞|人心|内心|伤口|伤痛|都市病)|的(?:小)?(?:笑话|短片|视频|故事|画面|歌|句子|瞬间))|无副作用|零副作用|无毒副作用|没有副作用|一喝就灵|神药|特效药(?!概念|板块)|祖传秘方|疗效显[著着]|神效|(?<!收到|收|取得|起到)奇效|有效率(?:高达|达到?)? ?\\d+ ?%|治愈率|无效退款|(?<=(?:\\d+|[一二三四五六七八九十两几]+) ?个?)疗程(?:就|即可|即)?(?:见效|痊愈|治愈|康复|根治|断根)|见效(?<=(?:立即|马上|立刻|当天|一喝就|一吃就|吃了就|喝了就|用了就)见效)|天见效(?<=(?:\\d+|[一二三四五六七八九十几]+) ?天见效)',
    negatable: true,
  },
  // Hair-growth, cholesterol and clot claims on cosmetics and food (育发液, 拯救脱发, 抑制胆固醇形成, 清血防栓).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '(?:育发|生发)(?:液|水|精华|洗发水|产品)|(?:拯救|告别|治疗|改善|防止|预防|对抗)脱发|(?:抑制|清理|清除|乳化|降低|减少|溶解)[\\u4e00-\\u9fff]{0,3}?(?:胆固醇|甘油三酯|三酸甘油脂|体脂肪|血脂)|清血|防(?:血)?栓|(?:预防|防治)(?:及|和|与|或|并)(?:减轻|缓解|治疗|改善)',
    negatable: true,
    exemptBefore: /疫苗|接种|就医|遵医嘱|医生|临床|处方/,
  },
  // Acne and allergy named as what a cosmetic fights (抗敏祛痘专利技术, 祛痘净妍, 去痘印): 化妆品 may not claim to treat
  // either (《化妆品监督管理条例》 forbids 医疗术语 and 疗效); tips on keeping skin clear carry no product claim.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '抗敏(?=[\\u4e00-\\u9fff]{0,2}(?:祛痘|去痘|修护|专利|技术|配方|精华|成分|产品|面霜|乳|水))|(?:祛|抗|消|战)痘(?:印|坑)?(?=[\\u4e00-\\u9fff]{0,4}(?:专利|技术|配方|精华|成分|产品|面霜|面膜|乳|水|净|套装|神器|功效|效果))|(?:祛|去|淡化|消除)痘(?:印|坑)(?=[^。！？；\\n]{0,6}?(?:\\d+ ?天|专利|产品|精华|功效|效果|神器))',
    negatable: true,
  },
  // The form of a cure claim whatever the disease is called: a cure verb + a condition named by its kind (各种妇科
  // 疾病, 风湿骨痛症, 慢性咽喉炎, 預防黃斑部病變, 改善更年期不適), a special effect (有特效), toxins flushed out
  // (排出体内毒素), cells renewed, bones densified, ageing slowed, grey hair turned black.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `(?:治疗|治好|治愈|根治|医治|专治|主治|特治|预防|改善|缓解|减轻|远离|告别|战胜)(?:各种|多种|一切|各类|了|好)?[\\u4e00-\\u9fff]{0,5}?(?:疾病|病症|顽疾|病变|病(?![毒人房床例友号假区情史])|症|炎|癌|瘤|痛|失智|痴呆|不适)${NOT_AN_EXAMINATION}|(?:有|具有)特效|(?:排出|排除|清除|排走|排净)(?:体内)?(?:的)?(?:毒素|毒|宿便|湿毒)|白发(?:变|转)(?:黑|乌)|(?:效果|疗效|功效)立竿见影|(?:活化|修复|激活|再生)[\\u4e00-\\u9fff]{0,2}?细胞|(?:增加|提高|增强)骨(?:质|骼)?密度|(?:清除|消除)自由基|(?:延缓|抗|防)老化|无任何(?:毒)?副作用|(?:提升|重振|恢复)(?:男性)?雄风|消脂|帮助睡眠|(?:血管|血液)变(?:干净|通畅|畅通|年轻)`,
    negatable: true,
  },
  // The condition's end told as the result (肿瘤缩小了, 湿疹全消, 病情明显好转) and a marked effect on it (對痛風有顯著
  // 效果); anchored on the rare result, the condition checked behind it (a pattern that starts with DISEASES costs a
  // test at every character of every article).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `${GONE}(?<=(?:${DISEASES}|肿瘤|结节|息肉|囊肿|湿疹|病情|症状|病痛)[\\u4e00-\\u9fff]{0,3}?${GONE})|${MARKED_EFFECT}(?<=(?:${DISEASES})[^。！？；\\n]{0,6}?${MARKED_EFFECT})`,
    negatable: true,
  },
  // 《广告法》第十六条（三）与其他药品、医疗器械的功效和安全性或者其他医疗机构比较, and 第十八条（四）与药品、其他保健
  // 食品进行比较: the effect or the safety ranked above other drugs, devices or hospitals (疗效优于同类药物, 比进口药效果
  // 更好, 副作用比西药小).
  {
    rule: 'medical/absolute-efficacy',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '(?:疗效|效果|药效|见效)[\\u4e00-\\u9fff]{0,2}?(?:优于|胜过|好于|强于|超过|远超|快于|高于)(?:同类|其他|其它|一般|普通|传统|进口|国外|西|中|所有)?[\\u4e00-\\u9fff]{0,4}?(?:药物|药品|药|器械|仪器|疗法|医院|保健品)|比(?:同类|其他|其它|一般|普通|传统|进口|国外|西|所有)[\\u4e00-\\u9fff]{0,4}?(?:药物|药品|药|器械|仪器|疗法|医院|保健品)[\\u4e00-\\u9fff]{0,4}?(?:更|还)(?:好|快|强|安全|有效|显著|灵|管用)|副作用(?:比|较)[\\u4e00-\\u9fff]{0,4}?(?:药物|药品|药|西药|激素)[\\u4e00-\\u9fff]{0,2}?(?:小|少|低)',
    negatable: true,
  },
  // 第十六条（一）表示功效、安全性的断言或者保证 in the words the 盱眙 and 执法 lists give (服用一至几个疗程病症全无, 不反弹,
  // 无依赖性): a cure by a count of courses, a condition or weight that never comes back (房价不会反弹 is no health claim),
  // a drug taken without dependence. Not negatable: its 不 is the promise; 不能保证永不复发 is left alone by the words before it.
  {
    rule: 'medical/absolute-efficacy',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `疗程(?<=(?:\\d+|[一二三四五六七八九十两几]+) ?(?:至|到|-)?(?:\\d+|[一二三四五六七八九十两几]+)? ?个?疗程)[^。！？；\\n]{0,6}?(?:病症全无|症状全无|症状消失|彻底痊愈|痊愈|根治|断根|康复)|(?<!不能|无法|难以|不敢|不可能|不会|未必|并非|不一定|保证)(?<=(?:减肥|瘦身|减重|体重|瘦|病|症|疾|痘|斑|癣|疹|炎)[^。！？；\\n]{0,8}?)(?:永不|绝不|不再|不会)(?:反弹|复发)|(?:无|没有|零|不产生|不会产生)(?:任何)?(?:药物)?(?:依赖性|耐药性|成瘾性)`,
  },
  // 食品安全衛生管理法 第28條 and its 認定準則 (涉及醫療效能): the example phrases of 宣稱減輕或降低導致疾病有關之體內成分
  // (解肝毒, 降肝脂), 宣稱產品對疾病及疾病症候群或症狀有效 (消滯, 降肝火, 祛痰止喘, 消腫止痛, 消除心律不整), 涉及中藥材之
  // 效能 (溫腎, 補脾, 和胃, 養心, 宣肺, 疏肝, 潤腸 …), and its 生理機能 examples (利尿, 強精, 改善血濁, 增強抵抗力, 補腦,
  // 增智, 使頭髮烏黑, 改善皺紋, 預防乳房下垂); each is a medical claim on a food, whatever else the sentence says.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '解肝毒|降肝(?:脂|火)|消滞|祛痰止喘|消肿止痛|消除心律不[整齐]|(?:温|滋|固)肾|(?:补|益|温|健)脾|(?:补|益|温)胃(?!口|酸)|(?:养|补|宁|镇|强)心(?!情|态|意|灵|血来潮|殿|针|剂|丸)|清心火|(?:宣|温|补|泻)肺|疏肝|(?:泻|镇)肝|(?:涩|润)肠|利尿|(?<!加|增|坚|顽|富|自|图)强精(?!神|准|英|兵|锐|细|干|彩|确|力)|改善血浊|(?:增强|提高|提升)(?:身体)?抵抗力|补脑|增智(?!慧|力)|(?:使|让)(?:头发|白发)(?:乌黑|变黑)|(?:改善|减少|淡化|消除)(?:皱纹|细纹|法令纹)|(?:预防|防止|改善)(?:乳房|胸部)下垂|(?:延迟|防止)衰老|(?:防止|延缓|延迟)(?:皮肤|肌肤|细胞)老化',
    negatable: true,
  },
  // A condition named before the verb that ends it (发明专利活菌硒如何将癌细胞消灭, 把肿瘤消掉): the same cure claim as 消灭
  // 癌细胞; anchored on the rare verb, the condition checked behind it.
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `(?:消灭|杀死|杀灭|清除|消除|消掉|根除|治好|治愈|溶解|化掉|赶走)(?<=(?:将|把|让|使)(?:${DISEASES}|病毒|细菌|病菌|毒素|病灶)[\\u4e00-\\u9fff]{0,3}?(?:消灭|杀死|杀灭|清除|消除|消掉|根除|治好|治愈|溶解|化掉|赶走))`,
    negatable: true,
  },
  // 化粧品 claiming a drug's action (化粧品衛生安全管理法 第10條: 不得涉及醫療效能): a muscle or nerve action stopped
  // (抑制神經肌肉收縮除皺), botulinum toxin or its likeness sold on the skin (類肉毒桿菌, 擦的小臉針), youth restored in a
  // set time (7天重返年輕肌齡).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern: `抑制[\\u4e00-\\u9fff]{0,4}?(?:肌肉|神经)[\\u4e00-\\u9fff]{0,2}?收缩|类肉毒(?:杆菌)?|(?:涂|擦|抹)的?(?:小脸针|肉毒|玻尿酸针|水光针)|(?:重返|回到|找回|恢复|逆转)(?:年轻|青春|少女|婴儿)(?<=(?:\\d+|[一二两三四五六七八九十几]+) ?(?:天|周|个月)(?:重返|回到|找回|恢复|逆转)(?:年轻|青春|少女|婴儿))`,
    negatable: true,
  },
  // 第十八条（三）声称或者暗示广告商品为保障健康所必需: health said to need the goods (健康必备, 养生必需品, 人人必备的保健品).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_REPORTED,
    pattern:
      '(?:健康|养生|长寿|保健)(?:必备|必需品?|所必需|之必需)|(?:人人|每个人|全家|中老年人?)(?:必备|必需)的?(?:保健品|营养品|补品)',
    negatable: true,
  },
  // 第十七条 禁止其他任何广告涉及疾病治疗功能, in the 2024 长三角 典型案例 (黄浦: “真性近视有救啦!摘眼镜、去眼镜”) and the
  // 認定準則's 治療近視、恢復視力: myopia said to be reversed (近视可逆, 三天摘掉眼镜, 度数降低 200 度); a cure at one touch
  // (一贴就好, 一喝就好); the blood and the channels cleansed (清除血管垃圾, 降低血液黏稠度, 改善微循环, 打通经络, 保护心脑
  // 血管); a disease reversed (逆转糖尿病); a cure without the doctor (不打针不吃药); hair loss stopped (防脱生发).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `近视(?:有救|可逆|可以逆转|能逆转|逆转|不再)|摘(?:掉|下)?眼镜(?<=(?:\\d+|[一二两三四五六七八九十几]+) ?(?:天|周|个月|次|疗程)(?:就能|即可|就可以)?摘(?:掉|下)?眼镜)|(?:告别|扔掉|摆脱)(?:眼镜|近视|老花)|去眼镜(?!店|城|行|铺|框)|度数(?:降低|下降|降了|减少|减轻) ?\\d+ ?度|(?:就(?:好|灵|见效|不疼|不痛|痊愈)|见效)(?<=一(?:贴|喝|吃|用|抹|涂|泡|按|敷)就(?:好|灵|见效|不疼|不痛|痊愈)|一(?:贴|抹|涂|敷)见效)|(?:清除|清理|排出|冲刷)血管(?:垃圾|毒素|斑块)|降低血液?(?:黏稠度|粘稠度|黏度|粘度)|改善(?:微循环|血液循环)|(?:打通|疏通)经络|(?:保护|呵护|守护)心脑血管|逆转(?:${DISEASES}|病情|病变|动脉硬化)|不(?:打针|吃药)[、,]?不(?:吃药|打针|手术|开刀)|防脱(?:生发|育发)|(?:生发|育发)防脱`,
    negatable: true,
  },
  // 認定準則's 涉及誇張易生誤解 and 醫療效能 forms in the words 衛生局 cases quote: a condition gone (便秘都沒了), the goods as a
  // condition's nemesis (異位性皮膚炎剋星), a symptom that no longer comes (眼睛不再乾澀, 過敏體質不再), fat burned or its
  // absorption blocked (快速燃燒脂肪, 阻斷澱粉吸收, 吃了不會胖, 不復胖; 运动可以燃烧脂肪 is advice), the body cleansed (體內環保, 排除重金屬, 清除體內
  // 自由基), joints rebuilt (修復關節軟骨), sexual stamina (讓男人更持久), viruses held back (抑制病毒).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `(?:没了|没有了)(?<=(?:${DISEASES}|症状|病痛|疼痛|浮肿|水肿|痘痘)(?:都|就|全|也|竟然|全都)(?:没了|没有了))|克星(?<=(?:${DISEASES}|痘痘?|过敏|皮炎|皮肤炎|湿疹|脚气|病毒|细菌|病菌)的?克星)|(?:快速|迅速|帮助|加速|轻松|有效|持续|自动|躺着)燃烧脂肪|阻断(?:淀粉|油脂|脂肪|热量|糖分)(?:的)?吸收|(?:不|永不)复胖|消(?:除)?(?:浮肿|水肿)|体内环保|排除(?:体内)?(?:的)?重金属|(?:清除|消除)(?:体内)?(?:的)?自由基|(?:改善|修复|逆转|延缓)(?:关节|软骨|骨骼)[\\u4e00-\\u9fff]{0,2}?(?:退化|磨损|软骨|损伤)|修复(?:关节)?软骨|(?:男人|男性|男士)[\\u4e00-\\u9fff]{0,2}?(?:更持久|持久力|更坚挺)|抑制(?:病毒|细菌|病菌|幽门)`,
    negatable: true,
  },
  // 第十七条 and 認定準則 in the tenth batch's train/dev 典型案例 copy: the drug stopped (3个疗程即可停药), a condition said to
  // improve (更年期症状得到改善), an effect above a drug's or a treatment's (效果超越瘦瘦針), and a cosmetic's effect as a count
  // of treatments (1支小安瓶效果相當於20片面膜, 一瓶眼霜=150次眼部SPA: 化妆品 夸大).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `(?:即可|就能|就可以|便可|可以)(?:停药|断药|减药)|(?:症状|病情|病症)(?:都)?(?:得到|获得|有所|明显)(?:改善|缓解|好转|减轻)|(?:效果|功效)?(?:超越|超过|媲美|堪比|胜过|不输)(?:瘦瘦针|减肥针|肉毒|玻尿酸|医美|手术|药物)|(?:效果|功效)相当于 ?(?:\\d+|[一二三四五六七八九十百]+) ?(?:片|次|张|瓶|支|盒)|= ?\\d+ ?次[\\u4e00-\\u9fffa-z]{0,4}?(?:spa|护理|面膜|美容)`,
    negatable: true,
  },
  // Safety and a cure for good, whose 无 or 不 is the claim (無恢復期, 无副作用, 一次治疗不易复发, 去根, 每次三分鐘孩子不近視:
  // the 2022 近视防控 cases), so not negatable.
  {
    rule: 'medical/absolute-efficacy',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `无(?:恢复期|副作用|任何副作用|后遗症)|零副作用|不易复发|不会复发|永不复发|(?:彻底|完全)(?:康复|痊愈)|去根|(?:孩子|宝宝|学生|儿童)[\\u4e00-\\u9fff]{0,2}?(?:不|不再|远离|告别)近视`,
  },
  // A symptom that no longer comes (眼睛不再乾澀, 過敏體質不再) and weight that cannot come (吃了不會胖): the 不 is the claim,
  // so these are not negatable. Anchored on the rare 不再, the body part checked behind it (BODY's first characters are
  // common ones).
  {
    rule: 'medical/treatment-claim',
    exemptInSentence: MEDICINE_CARE_NEWS,
    pattern: `不再(?:${SYMPTOM}|失眠|便秘|过敏|复发|发作|疼|痛|痒)(?<=(?:${BODY}|过敏|体质|睡眠)[\\u4e00-\\u9fff]{0,2}?不再(?:${SYMPTOM}|失眠|便秘|过敏|复发|发作|疼|痛|痒))|过敏体质不再|吃了(?:也)?不会胖|怎么吃都不(?:会)?胖`,
  },
];

/**
 * Every entry asserts its claim to a buyer: not told in a report with no seller's word (钟南山院士表示……有治疗
 * 效果, 研究表明……减掉21公斤; register.ts readAsReport), not asked as a yes-or-no question (register.ts), not
 * the name of a class of drugs, and not reported by enforcement or a warning (register.ts).
 */
export const PHRASES: PhraseEntry[] = reportedByEnforcement(
  ENTRIES.map((entry) => ({
    ...entry,
    reportable: true,
    pattern: eachAlternative(entry.pattern, NOT_ASKED + NOT_A_DRUG_CLASS),
  })),
);

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'medical'> = defineFamily('medical', table, { phrases: PHRASES });
