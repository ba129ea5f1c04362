#!/usr/bin/env node
// Produces the expected outputs of the naming primitives by running the real JavaScript that
// PostGraphile v4 uses (pluralize 7.0.0, graphile-build 4.x utils, lodash, graphile-build-pg
// parseTags/omit) over a large input list, so that tst_pluralize, tst_casing and tst_smarttags
// compare our C++ ports with the oracle line by line.
//
//   node tests/reflect/data/generate.js      (rewrites pluralize.tsv, casing.tsv, smarttags.json)
//
// words.txt holds ~3,000 English words harvested once from identifiers and comments of the
// installed npm packages; the hand-written lists below add every irregular/uncountable, words aimed
// at each pluralize rule, table names and awkward identifiers.
'use strict';
const fs = require('fs');
const path = require('path');
const nm = path.join(__dirname, '../../conformance/postgraphile/node_modules');
const pluralize = require(path.join(nm, 'pluralize'));
const gb = require(path.join(nm, 'graphile-build/node8plus/utils.js'));
const { parseTags } = require(path.join(nm, 'graphile-build-pg/node8plus/utils.js'));
const omit = require(path.join(nm, 'graphile-build-pg/node8plus/omit.js')).default;
const upperFirstRaw = require(path.join(nm, 'lodash/upperFirst'));
const makeNewBuild = fs.readFileSync(path.join(nm, 'graphile-build/node8plus/makeNewBuild.js'), 'utf8');

if (require(path.join(nm, 'pluralize/package.json')).version !== '7.0.0') {
  throw new Error('pluralize must be 7.0.0');
}

// coerceToGraphQLName is an inline arrow inside makeNewBuild; mirror it and check the source
// still holds the two regexes it is made of.
if (!makeNewBuild.includes('resultingName.match(/^[0-9]/)') || !makeNewBuild.includes('replace(/^__+/g, "_")')) {
  throw new Error('coerceToGraphQLName changed in graphile-build');
}
const coerceToGraphQLName = (name) => {
  let r = name;
  if (r.match(/^[0-9]/)) r = '_' + r;
  return r.replace(/^__+/g, '_');
};

const esc = (s) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

const harvested = fs.readFileSync(path.join(__dirname, 'words.txt'), 'utf8').split('\n').filter(Boolean);

const handWords = `
I we me us he she they them myself ourselves yourself yourselves itself herself himself themself themselves
is are was were has have this these that those echo echoes dingo dingoes volcano volcanoes tornado tornadoes
torpedo torpedoes genus genera viscus viscera stigma stigmata stoma stomata dogma dogmata lemma lemmata schema
schemata anathema anathemata ox oxen axe axes die dice yes yeses foot feet eave eaves goose geese tooth teeth
quiz quizzes human humans proof proofs carve carves valve valves looey looies thief thieves groove grooves
pickaxe pickaxes whiskey whiskies
adulthood advice agenda aid alcohol ammo anime athletics audio bison blood bream buffalo butter carp cash chassis
chess clothing cod commerce cooperation corps debris diabetes digestion elk energy equipment excretion expertise
flounder fun gallows garbage graffiti headquarters health herpes highjinks homework housework information jeans
justice kudos labour literature machinery mackerel mail media mews moose music manga news pike plankton pliers
pollution premises rain research rice salmon scissors series sewage shambles shrimp species staff swine tennis
traffic transporation trout tuna wealth welfare whiting wildebeest wildlife you
chinese japanese portuguese cheese deer reindeer fish blowfish angelfish measles carnivorous famous precious
pox chickpox smallpox sheep
axis axes testis testes alias aliases status statuses bus buses campus atlas atlases gas gases iris irises
virus viruses census emu emus menu menus gnu
ias alias bias pancreas canvas atlas gas areas ideas pajamas llamas dilemmas vistas comas
alumnus alumni syllabus syllabi octopus octopi virus radius radii nucleus nuclei fungus fungi cactus cacti
stimulus stimuli terminus termini bacillus bacilli focus foci uterus uteri locus loci stratus strati
alumna alumnae alga algae vertebra vertebrae seraph seraphim cherub cherubim hero heroes potato tomato grotto
agenda addendum addenda millennium millennia datum data extremum extrema bacterium bacteria desideratum
desiderata stratum strata candelabrum candelabra erratum errata ovum ova symposium symposia curriculum curricula
automaton automata quorum quora aphelion aphelia hyperbaton hyperbata perihelion perihelia asyndeton asyndeta
noumenon noumena phenomenon phenomena criterion criteria organon organa prolegomenon prolegomena hedron hedra
polyhedron polyhedra analysis analyses basis bases diagnosis diagnoses parenthesis parentheses prognosis
prognoses synopsis synopses thesis theses emphasis emphases crisis crises
knife knives wife wives life lives afterlife halflife highlife lowlife midlife nonlife nightlife
half halves wolf wolves elf elves calf calves leaf leaves thief loaf loaves hoof hooves scarf scarves
shelf shelves self selves roof roofs chef chefs belief beliefs cliff cliffs
city cities baby babies query queries soliloquy soliloquies day days key keys boy boys toy toys guy guys
money monies honey honeys jockey jockeys trolley trolleys valley valleys volley volleys alley alleys
chimney chimneys journey journeys
box boxes fox foxes church churches class classes dish dishes buzz buzzes fizz quiz lunch lunches
matrix matrices codex codices mural murex silex vertex vertices index indices indexes appendix appendices
mouse mice louse lice dormouse titmouse
person people persons salesperson salespeople child children grandchild grandchildren
beau beaux chateau chateaux plateau plateaux bureau bureaux
man men woman women chairman chairmen human humans german germans roman romans talisman talismans
thou you
movie movies twelve twelves abuse abuses
pie pies tie ties lie lies zombie zombies necktie neckties crosstie collie collies faerie faeries foodie foodies
genie genies goonie goonies groupie groupies lassie lassies talkie talkies goalie goalies cutie cuties
monies smilies smiley
photo photos piano pianos zero zeros tattoo tattoos cargo cargoes motto mottos ghetto ghettos echo
analysis business news user_news witness
s ss sss a b x y z ab abc es ies ves ices oes
cookie cookies cooky movie status statuses address addresses patch patchs patches type types reserved reserveds
datum data region regions todo todos item items
`.split(/\s+/).filter(Boolean);

const tableNames = `
similar_table_1 similar_table_2 plant_species user_news reserved_input reserved_patch reservedPatchs reservedInput
reserved reserved_patch_record issue756 issue_756 table_1 t1 t_2 x1 abc123 abc_123 foo_bar_baz foo__bar _foo_bar_
__foo foo_ _ __ ___ person people person_secret compound_key compound_keys edge_case edge_cases left_arm
left_arms my_table my_tables types type post posts post_tags null_test_record lists list
updatable_view updatable_views view_table mat_view materialized_view similar_table_1S Similar_Table_1
personById allPeople peopleConnection PeopleOrderBy fooBar FooBar FOO_BAR FOOBar fooBAR foo2bar foo2Bar
FOO2BAR 2fast 2_fast 3rd_party 1st 2nd 3rd 4th 11th 21st_century x_1st_y foo1stBar FOO1STBAR first_1ST
snake_case_word Kebab-Case-Word kebab-case dotted.name space name  leading  "quoted" quote"inside
don't it's o'neil O’Brien rock'n'roll
`.split(/[ \n]+/).filter(Boolean);

const oddWords = [
  'café', 'cafés', 'naïve', 'résumé', 'résumés', 'straße', 'Straße', 'STRASSE', 'ærø', 'Ærøskøbing', 'ÆON',
  'œuvre', 'Œuvre', 'ŉ', 'ſ', 'buſ', 'ǅemal', 'ǆ', 'Ǆ', 'ﬁsh', 'ﬁle', 'İstanbul', 'istanbul', 'ı', 'Iı',
  'ΣΟΦΙΑΣ', 'σοφια', 'Σοφία', 'ΟΔΟΣ', 'ΟΔΟΣ_ΑΒ', 'άνθρωπος', 'Москва', 'москва', 'МОСКВА', 'книга',
  '東京', '東京タワー', 'テーブル', '표', '😀', '😀_table', 'table_😀', 'a😀b', '👍🏽', '🇫🇷', 'x🇫🇷y',
  '𝒳', '𐐨', '𐐀bc', 'abc𐐨', 'e\u0301t\u00e9', 'cafe\u0301', 'x\u200dy', 'a\u20ddb', 'n\u0303o',
  'Ålesund', 'ålesund', 'Øre', 'Þorn', 'þorn', 'ðe', 'Đakovo', 'Ħal', 'Ĳssel', 'ĳs', 'ĸ', 'Ŀa', 'Łódź', 'łódź',
  'Ŋa', 'ŧest', 'Ĳ', 'ÿes', 'Ÿes', 'façade', 'FAÇADE', 'Kelvin\u212A', 'te\u212Ast', '\u212Aey',
  'mañana', 'niño', 'niños', 'ça', 'über', 'Über', 'ÜBER', 'größe', 'Größe', 'Ångström', 'ångströms',
  'smörgåsbord', 'déjà_vu', 'sí', 'crème_brûlée', 'piñata', 'jalapeño', 'señor', 'Señores',
  'a\u00a0b', 'a\u2003b', 'a\u2028b', 'a\u00d7b', 'a\u00f7b', 'a\u00acb', 'a\u00b1b', 'x\u00b5y', 'µ', 'ª', 'º',
  'a\u00bfb', 'a¡b', '¿qué?', 'a\u2013b', 'a\u2014b', 'a…b', 'a“b”', 'a\u2019s', 'x\ufe0fy', '\ufeffbom',
  '\u2764\ufe0f', 'a\u2764b', 'x\u2700y', '\u00a9x', 'x\u00aey', 'a$b', 'a@b', 'a#b', 'a+b', 'a=b', 'a~b',
  'a|b', 'a\\b', 'a/b', 'a:b', 'a;b', 'a<b>', 'a[b]', 'a{b}', 'a`b', 'a^b', 'a%b', 'a&b', 'a*b', 'a?b',
  'a!b', 'a,b', 'a(b)', 'tab\there', 'new\nline', 'ΣΑΣ', 'ΑΣ_Σ', 'ΣΣ', 'Σ', 'xΣ', 'aΣb', 'ΣaΣ',
];

// Deterministic pseudo-random strings (a fixed LCG), to stress the ported regexes beyond real words.
function fuzz(alphabet, count, seed) {
  let x = seed;
  const next = () => (x = (x * 48271) % 2147483647); // MINSTD: exact in doubles
  const out = [];
  for (let i = 0; i < count; i++) {
    const len = 1 + (next() % 12);
    let w = '';
    for (let j = 0; j < len; j++) w += alphabet[next() % alphabet.length];
    out.push(w);
  }
  return out;
}
const pluralFuzz = fuzz('aeiouysxzhcflvmntrdgpqkAESXYIO_1', 3000, 7);
const caseFuzz = fuzz("aAbBtTsShHnNdDrRxX0123459_-. '’", 4000, 11);

// ---- pluralize.tsv -------------------------------------------------------------------------------
const seen = new Set();
const plInputs = [];
const addPl = (w) => { if (w !== undefined && !seen.has(w)) { seen.add(w); plInputs.push(w); } };
for (const w of handWords) addPl(w);
for (const w of harvested) addPl(w);
for (const w of tableNames) addPl(w);
for (const w of oddWords) addPl(w);
for (const w of pluralFuzz) addPl(w);
// Case variants and derived forms of everything so far.
const base = plInputs.slice();
base.forEach((w, i) => {
  addPl(pluralize(w));
  addPl(pluralize.singular(w));
  if (i % 3 === 0) addPl(w.toUpperCase());
  if (i % 3 === 1) addPl(w.charAt(0).toUpperCase() + w.slice(1));
  if (i % 7 === 0) addPl(w.charAt(0) + w.slice(1).toUpperCase());
});
// snake_case and camelCase table names built from the words, with digits.
harvested.forEach((w, i) => {
  const v = harvested[(i * 7 + 3) % harvested.length];
  const hw = handWords[i % handWords.length];
  if (i % 4 === 0) addPl(`${v}_${w}`);
  if (i % 4 === 1) addPl(`${w}_${hw}`);
  if (i % 6 === 2) addPl(`${w}_${i % 10}`);
  if (i % 6 === 3) addPl(`${w}${i % 100}`);
  if (i % 8 === 4) addPl(`${v}${w.charAt(0).toUpperCase()}${w.slice(1)}`);
  if (i % 10 === 5) addPl(`${hw}_${i}_${w}`);
});
handWords.forEach((w, i) => {
  addPl(`user_${w}`);
  if (i % 2 === 0) addPl(`my${w.charAt(0).toUpperCase()}${w.slice(1)}`);
});
fs.writeFileSync(path.join(__dirname, 'pluralize.tsv'),
  '# input\tpluralize(input)\tpluralize.singular(input) — generated by generate.js from pluralize 7.0.0\n' +
  plInputs.map((w) => [w, pluralize(w), pluralize.singular(w)].map(esc).join('\t')).join('\n') + '\n');

// ---- casing.tsv ----------------------------------------------------------------------------------
const caseInputs = [];
const seenC = new Set();
const addC = (w) => { if (!seenC.has(w)) { seenC.add(w); caseInputs.push(w); } };
['', ' ', '_', '__', '___', '_a', 'a_', '__a__', '_a_b_', '___foo___bar___', ' foo ', '-foo-', '1', '12',
  '1a', '_1', '__1', '__typename', '___x', '__proto__', 'constructor', 'hasOwnProperty',
  // ordinals and digit runs, which lodash's word regex treats specially
  'a_11th', 'b_12th_c', 'x1st', '1st2', '101st', '111th', 'a1st_b', '0th', '3rd_', '_2nd_', '2nd', '12nd',
  '22nd', 'a_3rdx', 'a_3rd_x', '4th_5th', '4th5th', 'x_13th', 'x_21st', 'x_1st1', 'x_1sta', 'x_1ST', 'X_1ST_Y',
  'x_1STy', 'x_1st_Y', 'x1stY', 'X1STy', 'x_9thz', 'x_9th9', 'x__9th__', '1', '1_2_3', 'a1b2c3', 'a_1_b_2',
  'v2_api', 'api_v2', 'ipv4_address', 'sha256_hash', 'utf8mb4', 'x86_64', 'abc_12345678901234567890'].forEach(addC);
tableNames.forEach(addC);
oddWords.forEach(addC);
caseFuzz.forEach(addC);
plInputs.forEach((w, i) => {
  if (i % 2 === 0) addC(w);
  addC(pluralize(w));
  if (i % 5 === 0) addC(pluralize.singular(w));
});
// Names as the inflector builds them: "all" + plural, "X_by_y", "update_x_by_y_and_z", enum values.
harvested.forEach((w, i) => {
  const v = harvested[(i * 11 + 5) % harvested.length];
  if (i % 5 === 0) addC(`all-${pluralize(w)}`);
  if (i % 5 === 1) addC(`${w}-by-${v}`);
  if (i % 5 === 2) addC(`update_${w}_by_${v}_and_id`);
  if (i % 5 === 3) addC(`${w}_${v}_fkey`);
  if (i % 5 === 4) addC(`${w.toUpperCase()}_${v}`);
  if (i % 13 === 0) addC(`${w} ${v}!`);
  if (i % 17 === 0) addC(`${w}-${i}-${v}`);
});
fs.writeFileSync(path.join(__dirname, 'casing.tsv'),
  '# input\tcamelCase\tupperCamelCase\tconstantCase\tcoerceToGraphQLName\tupperFirst — generated by generate.js (graphile-build utils, lodash)\n' +
  caseInputs.map((w) => [w, gb.camelCase(w), gb.upperCamelCase(w), gb.constantCase(w), coerceToGraphQLName(w),
    gb.upperFirst(w)].map(esc).join('\t')).join('\n') + '\n');

// ---- smarttags.json ------------------------------------------------------------------------------
const comments = [
  '', 'Just a description.', '@omit', '@omit ', '@omit  ', '@omit create,update', '@omit create, update',
  '@omit :CRUD', '@omit :C', '@omit :XM', '@omit *', '@omit read', '@omit read,update,create,delete,all,many',
  '@omit :RUCDAM', '@omit :cr', '@omit :Z', '@omit all', '@omit many\n@omit filter', '@omit\n@omit create',
  '@omit create\n@omit', '@omit create\n@omit update\n@omit delete', '@omit filter,order', '@omit execute',
  '@omit :B', '@omit base', '@omit :F\nsome text', '@omit create,,update', '@omit ,', '@omit :',
  '@name foo', '@name  foo', '@name\tfoo', '@name foo bar', '@name foo\nThe description.',
  '@name foo\n@name bar', '@name foo\n@name bar\n@name baz', '@deprecated\n@deprecated Use x.',
  '@deprecated Use x.\n@deprecated', '@deprecated Use x.\n@deprecated Use y.\nDesc', '@notNull',
  '@notNull\n@hasDefault\n@sortable\n@filterable', '@primaryKey id', '@primaryKey a,b\n@unique c\n@unique d,e',
  '@foreignKey (a) references b\n@foreignKey (c, d) references e.f (g, h)|@fieldName x|@foreignFieldName y',
  'Desc first\n@name foo', '\n@name foo', '\n\n@name foo\nDesc', '@name foo\n\nDesc after blank',
  '@name foo\n\n\nDesc\n\nmore', 'Line 1\nLine 2\n\nLine 4', 'Line 1\r\nLine 2\r\n@name x', '@name foo\r\n@omit\r\nText\r\n',
  '@name foo\r@omit', '@ name', '@1abc', '@_abc', '@a', '@a1_b2 value', '@abc-def x', '@abc-def', '@abc.def',
  '@abc:def', '@abc\u00a0nbsp', '@abc\u2003em', '@abc\u2028ls', '@abc\ufeffbom', '@abc\vvt', '@abc\fff',
  ' @name leading space', '@name trailing   ', '@name a\n@omit', '@@name x', '@name @omit', '@name\n',
  '@name\n\n', 'text\n', '\n', '\n\n', '\r\n', 'multi\nline\ndescription\n@name not a tag',
  '@simpleCollections only', '@simpleCollections both\n@omit many', '@arg0variant base\n@resultFieldName token',
  '@enum\n@enumName MyEnum', '@enumDescription', '@uniqueKey id', '@forwardDescription Fwd\n@backwardDescription Bwd',
  '@fieldName x\n@foreignFieldName y\n@foreignSingleFieldName z\n@foreignSimpleFieldName w',
  '@updateFieldName u\n@deleteFieldName d', '@resultTypeName R', '@isUnique', '@sortable true', '@sortable false',
  '@NAME Upper', '@Name Mixed', '@omit\tcreate', '@omit create\t', '@omit C', '@omit R', '@omit :RUCDAMX',
  '@omit read,update,create,delete,all', '@omit read\n@omit update,create,delete,all,many',
  '@omit :AM', '@omit update,delete', '@omit many', 'Ümlaut déscription ☃', '@name ünïcödé', '@name 😀',
  'A description that is longer than seventy characters so that it needs wrapping in some printers of SDL.',
];
const actions = ['create', 'read', 'update', 'delete', 'filter', 'order', 'all', 'many', 'execute', 'base'];
const cases = comments.map((c) => {
  const parsed = parseTags(c);
  const tags = {};
  for (const [k, v] of Object.entries(parsed.tags)) tags[k] = Array.isArray(v) ? v : [v];
  const omits = {};
  let omitError = null;
  for (const a of actions) {
    try {
      omits[a] = omit({ tags: parsed.tags, kind: 'class', name: 't' }, a);
    } catch (e) {
      omitError = e.message;
    }
  }
  return { comment: c, tags, text: parsed.text, omits: omitError === null ? omits : null, omitError };
});
fs.writeFileSync(path.join(__dirname, 'smarttags.json'), JSON.stringify(cases, null, 1) + '\n');

console.log(`pluralize.tsv: ${plInputs.length} words; casing.tsv: ${caseInputs.length} inputs; smarttags.json: ${cases.length} comments`);
