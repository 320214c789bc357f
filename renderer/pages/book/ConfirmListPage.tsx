export function ConfirmListPage() {
  return null;
}
