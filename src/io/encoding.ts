/**
 * Text encodings of the files planners have: UTF-8 with or without a BOM, and GBK/GB18030
 * (Chinese Excel and GIS exports). Detected by strict UTF-8 decoding first (GBK text is almost
 * never valid UTF-8), and confirmable: the caller may force an encoding.
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen. */
  basis: 'bom' | 'valid utf-8' | 'not utf-8' | 'given';
}

const LABELS: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8', utf8: 'utf-8', '65001': 'utf-8',
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', cp936: 'gb18030', '936': 'gb18030', 'ansi 936': 'gb18030', 'x-gbk': 'gb18030',
};

/** The encoding a label names (e.g. a .cpg file's "GBK" or "936"), or null when unknown. */
export function encodingOfLabel(label: string): TextEncodingName | null {
  const key = label.trim().toLowerCase();
  return Object.hasOwn(LABELS, key) ? LABELS[key] : null;
}

export function decodeText(bytes: Uint8Array, given?: TextEncodingName): DecodedText {
  if (given) return { text: stripBom(new TextDecoder(given).decode(bytes)), encoding: given, basis: 'given' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', basis: 'bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', basis: 'valid utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', basis: 'not utf-8' };
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
