export function AdminPage({ section }: { section?: string }) {
  void section;
  return null;
}
