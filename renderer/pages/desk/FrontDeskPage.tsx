export function FrontDeskPage() {
  return null;
}
