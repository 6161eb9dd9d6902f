/**
 * Text widths for headless chart layout. Without a canvas, Vega estimates
 * every character as 0.8 em, which truncates long axis labels and leaves
 * wide margins; resvg then draws with DejaVu Sans. These are DejaVu Sans
 * (regular and bold) advance widths in font units (2048 per em) for ASCII
 * 32..126 followed by the characters in EXTRA, read from the Debian
 * fonts-dejavu-core TTFs (DejaVu fonts: Bitstream Vera licence).
 */
const UNITS_PER_EM = 2048;
const EXTRA = '·−µ×…–—≥≤';
const REGULAR = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540,
  604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690,
  799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
  1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 651, 1716, 1303, 1716, 2048, 1024,
  2048, 1716, 1716,
];
const BOLD = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425, 1425,
  1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714,
  762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748,
  936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466,
  1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716, 778, 1716, 1507, 1716, 2048, 1024,
  2048, 1716, 1716,
];

function advance(table: readonly number[], ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= 32 && code < 127) return table[code - 32];
  const extra = EXTRA.indexOf(ch);
  return extra >= 0 ? table[95 + extra] : UNITS_PER_EM * 0.62;
}

/** Width in px of `text` set in DejaVu Sans at `fontSize` px. */
export function dejaVuWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += advance(table, ch);
  return (units * fontSize) / UNITS_PER_EM;
}
