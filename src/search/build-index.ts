// Placeholder until the search module lands (issue 2, item 4): an empty index file.
export function buildSerializedIndex(): string {
  return '{}';
}
