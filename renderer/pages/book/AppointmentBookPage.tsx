export function AppointmentBookPage() {
  return null;
}
