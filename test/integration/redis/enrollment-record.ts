/** What the TOTP adapter keeps for one enrollment (src/mfa/adapters/totp): an id, the sealed key, when. */
export function enrollmentOf(userId: string): { id: string; sealedSecret: string; createdAt: string } {
  const index = Number(userId.slice(userId.lastIndexOf('-') + 1));
  return {
    id: `reg-${index.toString(36)}`,
    sealedSecret: `v1.${Buffer.from(`iv-${index}`).toString('base64url')}.${Buffer.from(`secret of ${userId}`).toString('base64url')}.tag`,
    createdAt: new Date(Date.UTC(2030, 0, 1) + index * 1000).toISOString(),
  };
}
