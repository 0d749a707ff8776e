/** A document built on demand and kept for an hour: metadata is signed, and fetched often by relying parties. */
export function cachedDocument(build: () => string, now: () => number, maxAgeMs = 3_600_000): () => string {
  let cached: { xml: string; at: number } | undefined;
  return () => {
    if (!cached || now() - cached.at > maxAgeMs) cached = { xml: build(), at: now() };
    return cached.xml;
  };
}
