/**
 * The words Folio writes itself (contents, credits, notes, bylines, navigation), per
 * language, for both renderers: an EPUB and a PDF of one manuscript say the same thing.
 * Languages are those Folio has typographic rules and hyphenation for; others fall
 * back to English.
 */
export interface Labels {
  /** Heading of the table of contents (EPUB nav, printed contents). */
  contents: string;
  landmarks: string;
  bodymatter: string;
  /** Heading of the image credits page. */
  credits: string;
  notes: string;
  /** aria-label of a footnote's backlink; `{n}` is the note number. */
  backToText: string;
  /** Label of the note reference link; `{n}` is the note number. */
  noteLabel: string;
  /** A byline: `{names}` are the authors, joined (joinNames). */
  by: string;
  /** Joins the last two names of a list, spaces included (" and ", Chinese "和"). */
  and: string;
  /** Joins the other names of a list (", ", Chinese and Japanese "、"). */
  listSeparator: string;
  taskDone: string;
  taskOpen: string;
  /** Link text of a credits-page entry pointing at an unnamed figure. */
  image: string;
  /** `{title}` is the chapter title. */
  inChapter: string;
  /** aria-label of the link from a figure's credit to the credits page. */
  seeCredits: string;
  cover: string;
  /** Heading of the page list. */
  pageList: string;
  /** aria-label of a typographic cover: `{title}`, `{authors}`. */
  coverLabel: string;
  /** "page {n}", spelt out (alternative text of a contents entry's number). */
  page: string;
  /** "p. {n}", abbreviated (credits page). */
  pageRef: string;
}

const en: Labels = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  bodymatter: 'Start of content',
  credits: 'Image credits',
  notes: 'Notes',
  backToText: 'Back to reference {n}',
  noteLabel: 'Note {n}',
  by: 'By {names}',
  and: ' and ',
  listSeparator: ', ',
  taskDone: 'done',
  taskOpen: 'to do',
  image: 'Image',
  inChapter: 'in “{title}”',
  seeCredits: 'See the image credits',
  cover: 'Cover',
  pageList: 'Pages',
  coverLabel: 'Cover: {title}{authors}',
  page: 'page {n}',
  pageRef: 'p.\u00A0{n}',
};

const fr: Labels = {
  contents: 'Sommaire',
  landmarks: 'Repères',
  bodymatter: 'Début du contenu',
  credits: 'Crédits des images',
  notes: 'Notes',
  backToText: 'Retour à l’appel de note {n}',
  noteLabel: 'Note {n}',
  by: 'Par {names}',
  and: ' et ',
  listSeparator: ', ',
  taskDone: 'fait',
  taskOpen: 'à faire',
  image: 'Image',
  inChapter: 'dans «\u00A0{title}\u00A0»',
  seeCredits: 'Voir les crédits des images',
  cover: 'Couverture',
  pageList: 'Liste des pages',
  coverLabel: 'Couverture\u00A0: {title}{authors}',
  page: 'page {n}',
  pageRef: 'p.\u00A0{n}',
};

const de: Labels = {
  contents: 'Inhalt',
  landmarks: 'Orientierungspunkte',
  bodymatter: 'Beginn des Inhalts',
  credits: 'Bildnachweis',
  notes: 'Anmerkungen',
  backToText: 'Zurück zum Verweis {n}',
  noteLabel: 'Anmerkung {n}',
  by: 'Von {names}',
  and: ' und ',
  listSeparator: ', ',
  taskDone: 'erledigt',
  taskOpen: 'offen',
  image: 'Bild',
  inChapter: 'in „{title}“',
  seeCredits: 'Zum Bildnachweis',
  cover: 'Umschlag',
  pageList: 'Seitenliste',
  coverLabel: 'Umschlag: {title}{authors}',
  page: 'Seite {n}',
  pageRef: 'S.\u00A0{n}',
};

const es: Labels = {
  contents: 'Índice',
  landmarks: 'Puntos de referencia',
  bodymatter: 'Inicio del contenido',
  credits: 'Créditos de las imágenes',
  notes: 'Notas',
  backToText: 'Volver a la llamada {n}',
  noteLabel: 'Nota {n}',
  by: 'Por {names}',
  and: ' y ',
  listSeparator: ', ',
  taskDone: 'hecho',
  taskOpen: 'pendiente',
  image: 'Imagen',
  inChapter: 'en «{title}»',
  seeCredits: 'Ver los créditos de las imágenes',
  cover: 'Cubierta',
  pageList: 'Lista de páginas',
  coverLabel: 'Cubierta: {title}{authors}',
  page: 'página {n}',
  pageRef: 'pág.\u00A0{n}',
};

const it: Labels = {
  contents: 'Indice',
  landmarks: 'Punti di riferimento',
  bodymatter: 'Inizio del contenuto',
  credits: 'Crediti delle immagini',
  notes: 'Note',
  backToText: 'Torna al richiamo {n}',
  noteLabel: 'Nota {n}',
  by: 'Di {names}',
  and: ' e ',
  listSeparator: ', ',
  taskDone: 'fatto',
  taskOpen: 'da fare',
  image: 'Immagine',
  inChapter: 'in «{title}»',
  seeCredits: 'Vedi i crediti delle immagini',
  cover: 'Copertina',
  pageList: 'Elenco delle pagine',
  coverLabel: 'Copertina: {title}{authors}',
  page: 'pagina {n}',
  pageRef: 'p.\u00A0{n}',
};

const pt: Labels = {
  contents: 'Índice',
  landmarks: 'Pontos de referência',
  bodymatter: 'Início do conteúdo',
  credits: 'Créditos das imagens',
  notes: 'Notas',
  backToText: 'Voltar à chamada {n}',
  noteLabel: 'Nota {n}',
  by: 'Por {names}',
  and: ' e ',
  listSeparator: ', ',
  taskDone: 'feito',
  taskOpen: 'por fazer',
  image: 'Imagem',
  inChapter: 'em «{title}»',
  seeCredits: 'Ver os créditos das imagens',
  cover: 'Capa',
  pageList: 'Lista de páginas',
  coverLabel: 'Capa: {title}{authors}',
  page: 'página {n}',
  pageRef: 'p.\u00A0{n}',
};

const nl: Labels = {
  contents: 'Inhoud',
  landmarks: 'Oriëntatiepunten',
  bodymatter: 'Begin van de inhoud',
  credits: 'Beeldverantwoording',
  notes: 'Noten',
  backToText: 'Terug naar verwijzing {n}',
  noteLabel: 'Noot {n}',
  by: 'Door {names}',
  and: ' en ',
  listSeparator: ', ',
  taskDone: 'klaar',
  taskOpen: 'te doen',
  image: 'Afbeelding',
  inChapter: 'in ‘{title}’',
  seeCredits: 'Zie de beeldverantwoording',
  cover: 'Omslag',
  pageList: 'Paginalijst',
  coverLabel: 'Omslag: {title}{authors}',
  page: 'pagina {n}',
  pageRef: 'p.\u00A0{n}',
};


const zh: Labels = {
  contents: '目录',
  landmarks: '导航',
  bodymatter: '正文开始',
  credits: '图片来源',
  notes: '注释',
  backToText: '返回注释 {n} 的引用处',
  noteLabel: '注释 {n}',
  by: '文／{names}',
  and: '和',
  listSeparator: '、',
  taskDone: '已完成',
  taskOpen: '待办',
  image: '图片',
  inChapter: '见《{title}》',
  seeCredits: '查看图片来源',
  cover: '封面',
  pageList: '页码',
  coverLabel: '封面：{title}{authors}',
  page: '第 {n} 页',
  pageRef: '第\u00A0{n}\u00A0页',
};

const zhHant: Labels = {
  ...zh,
  contents: '目錄',
  landmarks: '導覽',
  bodymatter: '正文開始',
  credits: '圖片來源',
  notes: '註釋',
  backToText: '返回註釋 {n} 的引用處',
  noteLabel: '註釋 {n}',
  taskDone: '已完成',
  taskOpen: '待辦',
  image: '圖片',
  seeCredits: '查看圖片來源',
  pageList: '頁碼',
  page: '第 {n} 頁',
  pageRef: '第\u00A0{n}\u00A0頁',
};

const ja: Labels = {
  contents: '目次',
  landmarks: 'ランドマーク',
  bodymatter: '本文の始まり',
  credits: '画像クレジット',
  notes: '注',
  backToText: '注 {n} の参照元へ戻る',
  noteLabel: '注 {n}',
  by: '文／{names}',
  and: 'と',
  listSeparator: '、',
  taskDone: '完了',
  taskOpen: '未完了',
  image: '画像',
  inChapter: '「{title}」',
  seeCredits: '画像クレジットを見る',
  cover: '表紙',
  pageList: 'ページ一覧',
  coverLabel: '表紙：{title}{authors}',
  page: '{n} ページ',
  pageRef: '{n}\u00A0ページ',
};

const byLanguage: Record<string, Labels> = { en, fr, de, es, it, pt, nl, zh, ja };

/** Chinese written in traditional characters: the Hant script, or the regions that write it. */
const TRADITIONAL_CHINESE = /^zh-(?:hant|tw|hk|mo)(?:-|$)/;

/**
 * The labels of the language of BCP 47 `lang` (its primary subtag; Chinese by script or
 * region, simplified or traditional), English when Folio has none for it.
 */
export function labelsFor(lang: string): Labels {
  const tag = lang.toLowerCase();
  if (TRADITIONAL_CHINESE.test(tag)) return zhHant;
  const primary = tag.split('-')[0] ?? 'en';
  return byLanguage[primary] ?? en;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : String(value);
  });
}

/** "A", "A and B", "A, B and C" (Chinese "A、B和C"). */
export function joinNames(names: readonly string[], labels: Labels): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(labels.listSeparator)}${labels.and}${names[names.length - 1] ?? ''}`;
}

/** A byline's words before the date: "By A and B", "文／王小明". */
export function bylineText(names: readonly string[], labels: Labels): string {
  return fill(labels.by, { names: joinNames(names, labels) });
}

const dateOptions: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };

/**
 * A `YYYY-MM-DD` date as readers of `lang` write it, month spelt out ("14 mars 2026",
 * "14. März 2026", "March 14, 2026"); the date is a calendar day, read in UTC so that
 * no time zone moves it.
 */
export function formatDate(date: string, lang: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, dateOptions);
  } catch {
    // A well-formed tag Intl does not accept: English, as for the labels.
    format = new Intl.DateTimeFormat('en', dateOptions);
  }
  return format.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}
