// Messages and reminders: templates (kind × channel × language, seeded with
// defaults in ru, uk, en, zh), the outbox (`messages`: the queue is the table,
// so nothing is lost across a restart), recorded unsubscribes, and each
// patient's message language. Frozen once landed, like the others.
import { Kysely, sql } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

type Texts = Record<string, { subject: string; body: string }>;

// The defaults a clinic starts with; it edits them in Messages → Templates.
const DEFAULTS: Record<string, Texts> = {
  appointment_reminder: {
    ru: { subject: 'Напоминание о приёме {date}', body: '{firstName}, напоминаем: приём {date} в {time}, врач {doctor}. {clinic}' },
    uk: { subject: 'Нагадування про прийом {date}', body: '{firstName}, нагадуємо: прийом {date} о {time}, лікар {doctor}. {clinic}' },
    en: { subject: 'Appointment reminder for {date}', body: '{firstName}, a reminder: your appointment is on {date} at {time} with {doctor}. {clinic}' },
    zh: { subject: '{date} 就诊提醒', body: '{firstName}，提醒您：{date} {time} 由{doctor}为您就诊。{clinic}' },
  },
  booking_confirmation: {
    ru: { subject: 'Вы записаны на {date}', body: '{firstName}, вы записаны на {date} в {time}, врач {doctor}. {clinic}' },
    uk: { subject: 'Ви записані на {date}', body: '{firstName}, ви записані на {date} о {time}, лікар {doctor}. {clinic}' },
    en: { subject: 'Booked for {date}', body: '{firstName}, you are booked for {date} at {time} with {doctor}. {clinic}' },
    zh: { subject: '已预约 {date}', body: '{firstName}，您已预约 {date} {time}，医生：{doctor}。{clinic}' },
  },
  recall_invitation: {
    ru: { subject: 'Пора на профилактический осмотр', body: '{firstName}, пора на плановый осмотр. Запишитесь в удобное время. {clinic}' },
    uk: { subject: 'Час на профілактичний огляд', body: '{firstName}, час на плановий огляд. Запишіться у зручний час. {clinic}' },
    en: { subject: 'Time for your check-up', body: '{firstName}, it is time for your check-up. Book a time that suits you. {clinic}' },
    zh: { subject: '该复查了', body: '{firstName}，您该做定期复查了，欢迎预约方便的时间。{clinic}' },
  },
  birthday_greeting: {
    ru: { subject: 'С днём рождения!', body: '{firstName}, поздравляем с днём рождения! Здоровья и радости. {clinic}' },
    uk: { subject: 'З днем народження!', body: '{firstName}, вітаємо з днем народження! Здоров’я та радості. {clinic}' },
    en: { subject: 'Happy birthday!', body: '{firstName}, happy birthday! Wishing you health and joy. {clinic}' },
    zh: { subject: '生日快乐！', body: '{firstName}，祝您生日快乐，身体健康！{clinic}' },
  },
  feedback_request: {
    ru: { subject: 'Как прошёл ваш визит?', body: '{firstName}, спасибо за визит {date}. Оцените, пожалуйста, приём у врача {doctor}. {clinic}' },
    uk: { subject: 'Як пройшов ваш візит?', body: '{firstName}, дякуємо за візит {date}. Оцініть, будь ласка, прийом у лікаря {doctor}. {clinic}' },
    en: { subject: 'How was your visit?', body: '{firstName}, thank you for your visit on {date}. Please rate your appointment with {doctor}. {clinic}' },
    zh: { subject: '您的就诊体验如何？', body: '{firstName}，感谢您 {date} 的就诊，请为{doctor}的服务评分。{clinic}' },
  },
  campaign: {
    ru: { subject: '{clinic}: специальное предложение', body: '{firstName}, {offer} {clinic}' },
    uk: { subject: '{clinic}: спеціальна пропозиція', body: '{firstName}, {offer} {clinic}' },
    en: { subject: '{clinic}: a special offer', body: '{firstName}, {offer} {clinic}' },
    zh: { subject: '{clinic}：特别优惠', body: '{firstName}，{offer} {clinic}' },
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // sms | email
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('message_templates_key', ['kind', 'channel', 'locale'])
    .execute();
  const rows = [];
  for (const [kind, byLocale] of Object.entries(DEFAULTS)) {
    for (const [locale, t] of Object.entries(byLocale)) {
      rows.push({ kind, channel: 'email', locale, subject: t.subject, body: t.body });
      rows.push({ kind, channel: 'sms', locale, subject: null, body: t.body });
    }
  }
  await db.insertInto('message_templates').values(rows).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('template_id', 'integer', (c) => c.references('message_templates.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    // queued | sending | sent | delivered | failed | cancelled
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text') // UTC ISO
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('campaign_id', 'integer')
    .addColumn('provider_id', 'text')
    // One reminder per appointment, one greeting per birthday: `appointment_reminder:17`.
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('messages_due').on('messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('messages_patient').on('messages').columns(['patient_id', 'created_at']).execute();
  await db.schema.createIndex('messages_appointment').on('messages').column('appointment_id').execute();
  await db.schema.createIndex('messages_campaign').on('messages').column('campaign_id').execute();
  await db.schema.createIndex('messages_provider').on('messages').column('provider_id').execute();
  await db.schema.createIndex('messages_dedupe').on('messages').column('dedupe_key').unique().where(sql.ref('dedupe_key'), 'is not', null).execute();

  await db.schema
    .createTable('message_opt_outs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // manual | sms_reply
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('message_opt_outs_patient').on('message_opt_outs').column('patient_id').execute();

  await db.schema.alterTable('patients').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('patients').dropColumn('language').execute();
  for (const t of ['message_opt_outs', 'messages', 'message_templates']) await sql`DROP TABLE IF EXISTS ${sql.ref(t)}`.execute(db);
}
