/** A form in a page: where it posts and its input fields (the value attributes, entities decoded). */
export interface Form {
  action: string;
  method: string;
  fields: Record<string, string>;
}

/** Every form in a page, read the way the integration tests' form browser does (no DOM needed for these pages). */
export function readForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1]!, 'name');
      if (name) fields[name] = attr(input[1]!, 'value') ?? '';
    }
    forms.push({ action: attr(match[1]!, 'action') ?? '', method: (attr(match[1]!, 'method') ?? 'get').toLowerCase(), fields });
  }
  return forms;
}

function attr(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(attributes);
  return match ? decodeEntities(match[1]!) : undefined;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity[0] !== '#') return NAMED[entity.toLowerCase()]!;
    const hex = entity[1] === 'x' || entity[1] === 'X';
    return String.fromCodePoint(parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}
