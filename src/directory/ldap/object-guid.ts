/** objectGUID as Gatehouse shows it: the 16 bytes in base64, which is also Entra ID's immutableId (sourceAnchor). */
export function guidToBase64(guid: Buffer): string {
  return guid.toString('base64');
}

/** The 16 bytes back from a base64 id; undefined when the id is not one. */
export function base64ToGuid(id: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(id)) return undefined;
  const bytes = Buffer.from(id, 'base64');
  return bytes.length === 16 ? bytes : undefined;
}

/** The GUID in its registry form (`{…}` without braces), as AD tools print it: the first three fields little-endian. */
export function guidToString(guid: Buffer): string {
  const hex = (start: number, end: number, reverse: boolean) => {
    const part = guid.subarray(start, end);
    return Buffer.from(reverse ? [...part].reverse() : part).toString('hex');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}
