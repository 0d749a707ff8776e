/** The userAccountControl bits Gatehouse reads on search (MS-ADTS 2.2.16). */
export const UAC = {
  ACCOUNTDISABLE: 0x0002,
  LOCKOUT: 0x0010,
  PASSWD_NOTREQD: 0x0020,
  NORMAL_ACCOUNT: 0x0200,
  DONT_EXPIRE_PASSWORD: 0x10000,
  SMARTCARD_REQUIRED: 0x40000,
  PASSWORD_EXPIRED: 0x800000,
} as const;

export type UacFlag = keyof typeof UAC;

/** The named flags set in a userAccountControl value (as AD sends it: a decimal string). */
export function uacFlags(value: string | undefined): UacFlag[] {
  const bits = Number(value);
  if (value === undefined || !Number.isInteger(bits)) return [];
  return (Object.keys(UAC) as UacFlag[]).filter((flag) => (bits & UAC[flag]) !== 0);
}

/** Whether a userAccountControl value has ACCOUNTDISABLE set. */
export function isDisabledByUac(value: string | undefined): boolean {
  return uacFlags(value).includes('ACCOUNTDISABLE');
}
