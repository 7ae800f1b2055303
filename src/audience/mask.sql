-- How the public sees a person's name when the scheme says privacy.public_names: masked
-- (docs/security.md). The surname and the last character stay, each character between becomes
-- `*`; when only one character follows the surname, that one is masked: 张三 → 张*,
-- 张三明 → 张*明, 张三明华 → 张**华, 欧阳明华 → 欧阳*华, 欧阳华 → 欧阳*; one character stays as it is.
-- Characters are Unicode code points (DuckDB's length and left/right count them), so an emoji
-- or any other character outside the BMP is never split; names in other scripts follow the
-- same rule with a one-character "surname" (John → J**n).

-- The surname's length: 2 for a common compound surname (复姓, simplified and traditional)
-- followed by at least one more character, else 1.
CREATE OR REPLACE TEMP MACRO audience_surname_length(name) AS CASE
  WHEN length(name) >= 3 AND left(name, 2) IN (
    '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
    '令狐', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '百里', '呼延', '申屠', '闻人', '万俟',
    '澹台', '司空', '太史', '钟离', '宗政', '濮阳', '淳于', '单于', '赫连', '拓跋', '东郭', '公冶',
    '公羊', '公西', '羊舌', '微生', '梁丘', '左丘', '乐正', '漆雕', '巫马', '亓官', '司寇', '子车',
    '颛孙', '谷梁', '段干', '东门', '闾丘', '仲孙', '叔孙', '鲜于', '夹谷', '第五', '歐陽', '司馬',
    '諸葛', '東方', '尉遲', '公孫', '長孫', '軒轅', '獨孤', '南宮', '西門', '聞人', '萬俟', '鍾離',
    '單于', '東郭', '顓孫', '穀梁', '東門', '閭丘', '叔孫', '仲孫', '鮮于', '夾谷'
  ) THEN 2
  ELSE 1
END;

CREATE OR REPLACE TEMP MACRO audience_masked_name(name) AS CASE
  WHEN length(name) <= 1 THEN name
  WHEN length(name) - audience_surname_length(name) = 1 THEN left(name, audience_surname_length(name)) || '*'
  ELSE left(name, audience_surname_length(name))
    || repeat('*', length(name) - audience_surname_length(name) - 1)
    || right(name, 1)
END;
