export interface LdifRecord {
  /** The DN as written (base64 `dn::` decoded). */
  dn: string;
  /** The record's lines, comments removed, folding kept: what goes back into an LDIF file. */
  text: string;
}

/** Splits LDIF content records (no changetype records) on blank lines. */
export function parseLdifRecords(content: string): LdifRecord[] {
  const records: LdifRecord[] = [];
  for (const block of content.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = withoutComments(block.split('\n'));
    if (lines.length === 0 || /^version:/i.test(lines[0] ?? '')) continue;
    const text = lines.join('\n');
    const dn = attributeValues({ dn: '', text }, 'dn')[0];
    if (dn === undefined) throw new Error(`LDIF record without a dn:\n${text}`);
    if (attributeValues({ dn, text }, 'changetype').length > 0) throw new Error(`${dn}: changetype records are not supported; add entries only`);
    records.push({ dn, text });
  }
  return records;
}

/** The values of one attribute in a record, unfolded, base64 (`::`) values decoded. */
export function attributeValues(record: LdifRecord, name: string): string[] {
  const prefix = `${name.toLowerCase()}:`;
  const text = record.text.includes('\n ') ? record.text.replace(/\n /g, '') : record.text;
  const values: string[] = [];
  // A prefix test, not a regex per line: a benchmark's LDIF has hundreds of thousands of lines.
  for (const line of text.split('\n')) {
    if (line.slice(0, prefix.length).toLowerCase() !== prefix) continue;
    const base64 = line[prefix.length] === ':';
    const raw = line.slice(prefix.length + (base64 ? 1 : 0)).trim();
    values.push(base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw);
  }
  return values;
}

// A comment line may be folded too: its continuation lines start with one space.
function withoutComments(lines: string[]): string[] {
  const kept: string[] = [];
  let inComment = false;
  for (const line of lines) {
    if (line.startsWith('#')) inComment = true;
    else if (!(inComment && line.startsWith(' '))) inComment = false;
    if (!inComment && line.trim() !== '') kept.push(line);
  }
  return kept;
}

/** A DN in the form this harness compares: case and spaces around separators do not matter. */
export function normalDn(dn: string): string {
  return dn.toLowerCase().replace(/\s*([,=+])\s*/g, '$1').trim();
}
