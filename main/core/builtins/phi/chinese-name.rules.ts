/**
 * Chinese person names after a cue (姓名：张伟, 患者王先生, 医生李娜). Chinese has no spaces or
 * capitals, so without a segmenter a name is only taken right after a role word, as a listed
 * family name plus at most two given-name characters, stopping at a character that usually starts
 * the next word (因, 于, 的 …).
 */
import { CHINESE_FAMILY_NAMES } from './name.lexicon';
import { PRIORITY, type PhiCandidate } from './phi.types';
import { forEachMatch } from './rule-kit';

const CUE =
  '(?:姓名|患者|病人|病患|患儿|产妇|医生|医师|主治医生|主治医师|护士|联系人|家属|签名|记录人|陪同人)[:：]?\\s{0,2}';
const SURNAMES = [...CHINESE_FAMILY_NAMES].sort((a, b) => b.length - a.length).join('|');
const NAME_AFTER_CUE = new RegExp(`${CUE}(?<surname>${SURNAMES})`, 'dg');
const TITLE_AFTER = /^(?:先生|女士|小姐|医生|大夫|护士|老师|阿姨|师傅)/;
const HAN = /[\u4e00-\u9fff]/;
const ALIAS =
  /^\s{0,2}[（(]\s{0,2}([A-Z][A-Za-zÀ-ɏ'’-]{0,20}(?:,?\s{1,2}[A-Z][A-Za-zÀ-ɏ'’-]{0,20}\.?){1,3})\s{0,2}[）)]/;
const NOT_GIVEN_NAME = new Set([
  ...'因于在的是和与及等了被将把向从对为也都就又男女今昨入出来去自述诉后前经行有无术时曾已电手住年性身联地诊现既',
]);

/** Finds Chinese names that follow a role cue. */
export function findChineseNames(text: string): PhiCandidate[] {
  const found: PhiCandidate[] = [];
  forEachMatch(NAME_AFTER_CUE, text, (m) => {
    const [start, surnameEnd] = m.indices.groups!.surname!;
    let end = surnameEnd;
    // 王先生: the surname alone is the name.
    if (!TITLE_AFTER.test(text.slice(surnameEnd, surnameEnd + 2))) {
      while (end < surnameEnd + 2 && HAN.test(text[end] ?? '') && !NOT_GIVEN_NAME.has(text[end]!)) end += 1;
      if (end === surnameEnd) return;
    }
    found.push({ start, end, type: 'NAME', priority: PRIORITY.name });
    // 张伟（Zhang Wei）/ 陈静 (Maria Chen): a romanised or English alias right after the name.
    const alias = ALIAS.exec(text.slice(end, end + 48));
    if (alias) {
      const aliasStart = end + alias[0].indexOf(alias[1]!);
      found.push({
        start: aliasStart,
        end: aliasStart + alias[1]!.length,
        type: 'NAME',
        priority: PRIORITY.name,
      });
    }
  });
  return found;
}
