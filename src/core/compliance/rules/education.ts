import type { PhraseEntry } from '../phrases.ts';
import { defineRule } from '../types.ts';

export const RULES = [
  defineRule('education/guaranteed-result', {
    family: 'education',
    severity: 'error',
    basis: {
      zh: '《中华人民共和国广告法》第二十四条：教育、培训广告不得对升学、通过考试、获得学位学历或者合格证书，或者对教育、培训的效果作出明示或者暗示的保证性承诺。',
      en: 'Advertising Law of the PRC, art. 24: education and training ads may not promise, openly or by implication, admission, passing an exam, a degree or certificate, or the effect of the training.',
    },
    summary: { zh: '承诺包过、保证录取', en: 'Guaranteed pass or admission' },
    help: { zh: '删去“包过”“保证录取”“不过退款”等承诺，可以介绍课程内容、课时和讲师。', en: 'Remove "guaranteed pass", "guaranteed admission", "refund if you fail"; describe the course, hours and teachers instead.' },
  }),
];

export const PHRASES: PhraseEntry[] = [
  {
    rule: 'education/guaranteed-result',
    pattern: '包过|保过|保证 ?\\d+ ?分|(?:达不到|没达到|考不到|不达标)[^。！？\\n]{0,4}(?:免费重(?:学|读|修|考)|退(?:款|费))|保分|保提分|提分保障|不提(?:分)? ?\\d* ?分?(?:全额)?退|签约(?:保过|保分|保录|保上岸)|命题(?:组|人|专家|老师|考官|人员)|阅卷(?:组|考官|老师|组长)|(?:考官|出题人)(?:亲自)?(?:授课|执教|讲课|押题)|(?:通过|录取|上岸|考试|考证|过关|拿证)率(?:高达|达到?|为|超过)?(?:百分之百|百分百|百分之九十)|(?:通过|录取|上岸|考试|考证|过关|拿证)率(?:高达|达到?|为|超过)? ?(?:≈|~|约|近|接近) ?(?:9\\d|100)(?:\\.\\d+)? ?%|包通过|保证(?:能)?(?:考取|考到|拿到|取得|通过|录取|考上|上岸|提分|就业|拿证|过关|考过|学会)|(?:确保|承诺)(?:通过|录取|考上|上岸|拿证|过关)|押题准|一次拿证|(?:通过|录取|上岸|考试|考证|过关|拿证)率(?:高达|达到?|为|超过)? ?(?:9\\d|100)(?:\\.\\d+)? ?%|包(?:录取|上岸|拿证|就业|分配|考上)|(?:通过|录取|上岸|考试|考证|过关)率(?:高达|达到?|为)?100 ?%|(?:100 ?%|百分之百|百分百)(?:通过|录取|上岸|拿证|就业|过关)|不过(?:全额)?退(?:款|费)|考不过(?:全额)?退(?:款|费)|押中原题|名师押题|考前押题',
    negatable: true,
  },
  // "If you fail, study again free": the 不 here is the promise, not a negation of it.
  { rule: 'education/guaranteed-result', pattern: '(?:学不会|没学会|未通过|没通过|考不过|不通过|一次不过|考试不过)[^。！？\\n]{0,4}(?:免费重(?:学|读|修|考)|退(?:款|费|学费|全款|费用))|(?:重修|重学|重读|免费学|学)到(?:通过|考过|学会|拿证)为止' },
];
