// A completion with its lines took 100+ ms for a patient who had one of the
// services before: removing a visit line fires patient_services_line_gone
// (0008), whose "no other visit with this service" check let SQLite drive by
// appointment_items_service (0009) through every line of that service in
// the clinic's history. The unary + on the service term makes it start from
// the patient's own visits instead. Frozen once landed, like the others.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS patient_services_line_gone`.execute(db);
  await sql`CREATE TRIGGER patient_services_line_gone AFTER DELETE ON appointment_items BEGIN
    DELETE FROM patient_services
    WHERE service_id = old.service_id
      AND patient_id = (SELECT a.patient_id FROM appointments a WHERE a.id = old.appointment_id)
      AND NOT EXISTS (SELECT 1 FROM appointments v JOIN appointment_items i ON i.appointment_id = v.id
                      WHERE v.status = 'completed' AND v.patient_id = patient_services.patient_id AND +i.service_id = old.service_id);
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS patient_services_line_gone`.execute(db);
  await sql`CREATE TRIGGER patient_services_line_gone AFTER DELETE ON appointment_items BEGIN
    DELETE FROM patient_services
    WHERE service_id = old.service_id
      AND patient_id = (SELECT a.patient_id FROM appointments a WHERE a.id = old.appointment_id)
      AND NOT EXISTS (SELECT 1 FROM appointments v JOIN appointment_items i ON i.appointment_id = v.id
                      WHERE v.status = 'completed' AND v.patient_id = patient_services.patient_id AND i.service_id = old.service_id);
  END`.execute(db);
}
